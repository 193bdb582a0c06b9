/* dsp-week-chart.h — disputes opened per week, as bars
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DSP_TYPE_WEEK_CHART (dsp_week_chart_get_type ())
G_DECLARE_FINAL_TYPE (DspWeekChart, dsp_week_chart, DSP, WEEK_CHART, GtkWidget)

GtkWidget *dsp_week_chart_new       (void);
void       dsp_week_chart_set_weeks (DspWeekChart *self,
                                     const guint  *counts,
                                     const gint64 *starts,
                                     guint         n_weeks);

G_END_DECLS
