/* dsp-export-command.h — `disputes --export FILE.csv`, without a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

int dsp_export_command_run (const char *file,
                            const char *store_path,
                            gboolean    demo,
                            const char *server);

G_END_DECLS
