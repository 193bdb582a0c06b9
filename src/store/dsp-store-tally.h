/* dsp-store-tally.h — what a query finds in the store: counts per state,
 * the money at stake, and the view itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dsp-query.h"
#include "dsp-store.h"

G_BEGIN_DECLS

/* One currency's money at stake. */
typedef struct {
  char   currency[4];
  gint64 amount;      /* minor units */
} DspStake;

typedef struct {
  guint       counts[DSP_QUERY_N_GROUPS]; /* per group, for the query's store, reason and search */
  GArray     *at_stake;      /* DspStake, largest first: what needs a response in the view */
  guint       at_stake_count; /* disputes that need a response in the view */
  guint       overdue;        /* of which past their deadline */
  GPtrArray  *reasons;        /* reason codes of the stores shown, most frequent first */
  GPtrArray  *items;          /* DspDisputeItem: the view, in its order; NULL when not asked */
  GHashTable *index;          /* with the items: source id → (dispute id → item, the item's own string) */
} DspTally;

void        dsp_stake_add       (GArray         *stakes,
                                 const char     *currency,
                                 gint64          amount);
void        dsp_stakes_sort     (GArray         *stakes);
char       *dsp_stakes_dup_text (GArray         *stakes);

GHashTable *dsp_tally_index_new (void);
void        dsp_tally_index_add (GHashTable     *index,
                                 DspDisputeItem *item);

void      dsp_tally_free          (DspTally            *tally);
char     *dsp_tally_key           (const char          *source_id,
                                   const char          *dispute_id);
void      dsp_tally_add           (DspTally            *sum,
                                   DspTally            *more,
                                   const DspQuery      *query);

void      dsp_store_tally_async   (DspStore            *self,
                                   const char * const  *sources,
                                   const char * const  *names,
                                   const DspQuery      *query,
                                   gint64               rows,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
DspTally *dsp_store_tally_finish  (DspStore            *self,
                                   GAsyncResult        *result,
                                   GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DspTally, dsp_tally_free)

G_END_DECLS
