/* bench-sync-window.h — a first sync with the window open on the list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void   bench_sync_window       (guint       n,
                                const char *simulator);
double bench_sync_windows      (const char *self_path,
                                const char *simulator);

G_END_DECLS
