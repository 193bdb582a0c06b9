/* dsp-autostart.h — start in the background at login, or not
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char     *dsp_autostart_path   (void);
void      dsp_autostart_async  (gboolean             enable,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data);
gboolean  dsp_autostart_finish (GAsyncResult        *result,
                                GError             **error);

G_END_DECLS
