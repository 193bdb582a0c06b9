/* dsp-insight-window.h — how the disputes went, from the store, offline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dsp-refresher.h"

G_BEGIN_DECLS

#define DSP_TYPE_INSIGHT_WINDOW (dsp_insight_window_get_type ())
G_DECLARE_FINAL_TYPE (DspInsightWindow, dsp_insight_window, DSP, INSIGHT_WINDOW, AdwWindow)

DspInsightWindow *dsp_insight_window_new       (GtkWindow        *parent,
                                                DspRefresher     *refresher);
gboolean          dsp_insight_window_is_asking (DspInsightWindow *self);

G_END_DECLS
