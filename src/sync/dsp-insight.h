/* dsp-insight.h — the insight figures of every store shown, summed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dsp-store-insight.h"

G_BEGIN_DECLS

void        dsp_insight_async  (GPtrArray            *sources,
                                gint64                from,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data);
DspInsight *dsp_insight_finish (GAsyncResult         *result,
                                GError              **error);

G_END_DECLS
