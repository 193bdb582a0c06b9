/* dsp-notify-rules.h — which desktop notifications are due, and when
 *
 * Plain functions over disputes, what was already sent, a policy and a
 * clock: no widgets, no D-Bus, so every rule is tested on a fixed clock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dsp-dispute.h"

G_BEGIN_DECLS

typedef enum {
  DSP_NOTICE_NEW,
  DSP_NOTICE_REMINDER,
  DSP_NOTICE_OVERDUE,
  DSP_NOTICE_DECISION,
  DSP_NOTICE_EVIDENCE,
  DSP_NOTICE_SUMMARY,
} DspNoticeKind;

typedef struct {
  DspNoticeKind  kind;
  DspDispute    *dispute;   /* NULL for a summary */
  char          *step;      /* what "sent once" is recorded under, e.g. "reminder-259200" */
  guint          count;     /* disputes a summary stands for */
  gboolean       silent;    /* part of a summary, or said by a new dispute's notice: recorded, not shown */
  gboolean       urgent;    /* a new dispute whose deadline is already near */
} DspNotice;

typedef struct {
  const gint64 *ladder;          /* seconds before the deadline, largest first */
  guint         n_ladder;
  int           quiet_start;     /* minutes after local midnight; -1 for none */
  int           quiet_end;
  guint         burst;           /* more new disputes than this make one summary */
} DspNotifyPolicy;

/* The default ladder: 7 days, 3 days, 1 day, 2 hours. */
extern const gint64 dsp_default_ladder[4];

void       dsp_notice_free       (DspNotice             *notice);
gboolean   dsp_notify_is_quiet   (const DspNotifyPolicy *policy,
                                  gint64                 now,
                                  GTimeZone             *zone);
GPtrArray *dsp_notify_plan       (GPtrArray             *disputes,
                                  GHashTable            *sent,
                                  GHashTable            *resolved,
                                  const DspNotifyPolicy *policy,
                                  gint64                 now,
                                  GTimeZone             *zone);
char      *dsp_notify_sent_key   (DspDispute            *dispute,
                                  const char            *step);
gboolean   dsp_notify_withdraws  (DspDispute            *dispute,
                                  GHashTable            *resolved);
void       dsp_notice_text       (DspNotice             *notice,
                                  GTimeZone             *zone,
                                  char                 **title,
                                  char                 **body);

G_END_DECLS
