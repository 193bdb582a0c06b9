/* dsp-store-insight.h — how the disputes went: opened per week, money at
 * risk now, outcomes over a period, per store and per reason
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dsp-store-tally.h"

G_BEGIN_DECLS

#define DSP_INSIGHT_WEEKS 12

typedef enum {
  DSP_OUTCOME_NONE,      /* not closed, or closed without an outcome */
  DSP_OUTCOME_WON,
  DSP_OUTCOME_LOST,
  DSP_OUTCOME_ACCEPTED,  /* lost, the owner having accepted the loss */
} DspOutcome;

/* One store's, or one reason's, figures over the period. */
typedef struct {
  char   *key;        /* the store's name, or Klarna's reason code */
  guint   opened;
  guint   won;
  guint   lost;       /* lost and accepted */
  GArray *lost_money; /* DspStake, largest first */
} DspInsightPart;

typedef struct {
  gint64     from;                        /* the period: closed (and opened) from… */
  gint64     to;                          /* …to, the time asked */
  gint64     week_start[DSP_INSIGHT_WEEKS]; /* each week's Monday, local time, oldest first */
  guint      weeks[DSP_INSIGHT_WEEKS];    /* disputes opened each week */
  GArray    *at_risk;                     /* DspStake: withheld by Klarna now (not closed) */
  guint      at_risk_count;
  guint      opened;                      /* in the period */
  guint      won;
  guint      lost;                        /* lost by decision or silence */
  guint      accepted;                    /* lost by accepting it */
  GArray    *recovered;                   /* DspStake: won back */
  GArray    *lost_money;                  /* DspStake: lost and accepted */
  GPtrArray *stores;                      /* DspInsightPart, most opened first */
  GPtrArray *reasons;                     /* DspInsightPart, costliest first */
} DspInsight;

DspOutcome  dsp_outcome_of             (DspStatus      status,
                                        const char    *outcome_detailed);
void        dsp_insight_free           (DspInsight    *insight);
void        dsp_insight_add            (DspInsight    *sum,
                                        DspInsight    *more);
guint       dsp_insight_win_percent    (const DspInsight *insight);
void        dsp_store_insight_async    (DspStore            *self,
                                        const char * const  *sources,
                                        const char * const  *names,
                                        gint64               from,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
DspInsight *dsp_store_insight_finish   (DspStore            *self,
                                        GAsyncResult        *result,
                                        GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DspInsight, dsp_insight_free)

G_END_DECLS
