/* dsp-sim-index.h — the simulator's disputes, indexed so that a page of the
 * list and a tick of the clock cost the same with a hundred or a million
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dsp-sim-dispute.h"
#include "dsp-sim-max-tree.h"

G_BEGIN_DECLS

/* The times a list can be bounded by. */
typedef enum {
  SIM_KEY_CREATED,
  SIM_KEY_UPDATED,
  SIM_KEY_CLOSED,
  SIM_N_KEYS,
} SimKey;

typedef struct _SimIndex SimIndex;

SimIndex      *sim_index_new            (void);
void           sim_index_free           (SimIndex      *index);
void           sim_index_add            (SimIndex      *index,
                                         SimDispute    *dispute);
void           sim_index_update         (SimIndex      *index,
                                         SimDispute    *dispute);
GPtrArray     *sim_index_get_disputes   (SimIndex      *index);
guint          sim_index_get_length     (SimIndex      *index);
SimDispute    *sim_index_get            (SimIndex      *index,
                                         guint          position);
SimDispute    *sim_index_lookup         (SimIndex      *index,
                                         const char    *id);
SimDispute    *sim_index_lookup_order   (SimIndex      *index,
                                         const char    *order_id);
SimDispute    *sim_index_first_due      (SimIndex      *index,
                                         gint64         now);
guint          sim_index_count_state    (SimIndex      *index,
                                         SimState       state);
guint          sim_index_count_updated  (SimIndex      *index,
                                         gint64         start,
                                         gint64         end);
guint          sim_index_next_reaching  (SimIndex      *index,
                                         SimKey         key,
                                         guint          from,
                                         gint64         at_least);
guint          sim_index_prev_reaching  (SimIndex      *index,
                                         SimKey         key,
                                         guint          from,
                                         gint64         at_least);

/* Closing order: (closed_at, created_at, position); open disputes (closed_at 0) first. */
GSequenceIter *sim_index_closed_iter    (SimIndex      *index,
                                         SimDispute    *dispute);
GSequenceIter *sim_index_closed_from    (SimIndex      *index,
                                         gint64         closed_at);
SimDispute    *sim_index_closed_get     (GSequenceIter *iter);

G_END_DECLS
