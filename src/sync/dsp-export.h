/* dsp-export.h — the disputes of a view, or all of them, as a CSV file's bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dsp-query.h"

G_BEGIN_DECLS

void    dsp_export_async  (GPtrArray            *sources,
                           const DspQuery       *query,
                           GCancellable         *cancellable,
                           GAsyncReadyCallback   callback,
                           gpointer              user_data);
GBytes *dsp_export_finish (GAsyncResult         *result,
                           guint                *rows,
                           GError              **error);

G_END_DECLS
