/* dsp-deadline.h — how much time is left, in words and as urgency
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  DSP_URGENCY_NONE,
  DSP_URGENCY_LATER,
  DSP_URGENCY_WEEK,
  DSP_URGENCY_THREE_DAYS,
  DSP_URGENCY_DAY,
  DSP_URGENCY_TODAY,
  DSP_URGENCY_OVERDUE,
} DspUrgency;

DspUrgency  dsp_deadline_urgency        (gint64      deadline,
                                         gint64      now);
DspUrgency  dsp_deadline_urgency_in     (gint64      deadline,
                                         gint64      now,
                                         GTimeZone  *zone);
char       *dsp_deadline_countdown      (gint64      deadline,
                                         gint64      now);
const char *dsp_deadline_css_class      (DspUrgency  urgency);
int         dsp_deadline_business_days  (gint64      deadline,
                                         gint64      now,
                                         GTimeZone  *zone,
                                         const GDate *closing_days,
                                         guint       n_closing_days);

GArray     *dsp_deadline_parse_closing_days (const char * const *texts);

G_END_DECLS
