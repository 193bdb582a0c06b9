/* dsp-sim-index.c
 *
 * Disputes sit in creation order (their position). Beside that: a max tree per
 * time, to skip runs of positions a lower bound excludes; sequences sorted by
 * update time (to count a sync's changes), by closing (for sort_by=closed_at)
 * and by the clock's next step (so a tick visits only the disputes it changes).
 * Each entry keeps the keys it is filed under, so a dispute that changed is
 * moved by comparing them with its fields: sim_index_update after every change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-simulator"

#include "config.h"

#include "dsp-sim-index.h"

typedef struct {
  SimDispute    *dispute;
  guint          position;
  SimState       state;
  gint64         keys[SIM_N_KEYS];
  gint64         due;
  GSequenceIter *by_updated;
  GSequenceIter *by_closed;
  GSequenceIter *by_due;
} Entry;

struct _SimIndex
{
  GPtrArray  *disputes;
  GPtrArray  *entries;
  GHashTable *by_id;
  GHashTable *by_order;
  SimMaxTree *trees[SIM_N_KEYS];
  GSequence  *by_updated;
  GSequence  *by_closed;
  GSequence  *by_due;
  guint       per_state[SIM_CLOSED + 1];
};

SimIndex *
sim_index_new (void)
{
  SimIndex *index = g_new0 (SimIndex, 1);

  index->disputes = g_ptr_array_new_with_free_func ((GDestroyNotify) sim_dispute_free);
  index->entries = g_ptr_array_new_with_free_func (g_free);
  index->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  index->by_order = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint k = 0; k < SIM_N_KEYS; k++)
    index->trees[k] = sim_max_tree_new ();
  index->by_updated = g_sequence_new (NULL);
  index->by_closed = g_sequence_new (NULL);
  index->by_due = g_sequence_new (NULL);
  return index;
}

void
sim_index_free (SimIndex *index)
{
  g_sequence_free (index->by_updated);
  g_sequence_free (index->by_closed);
  g_sequence_free (index->by_due);
  for (guint k = 0; k < SIM_N_KEYS; k++)
    sim_max_tree_free (index->trees[k]);
  g_hash_table_unref (index->by_order);
  g_hash_table_unref (index->by_id);
  g_ptr_array_unref (index->entries);
  g_ptr_array_unref (index->disputes);
  g_free (index);
}

/* Entries order on their keys, then their position: no two ever tie. */
static int
compare_keys (gint64 a,
              gint64 b)
{
  return (a > b) - (a < b);
}

static int
compare_then_position (gint64       a,
                       gint64       b,
                       const Entry *ea,
                       const Entry *eb)
{
  if (a != b)
    return compare_keys (a, b);
  return compare_keys (ea->position, eb->position);
}

static int
compare_updated (gconstpointer a,
                 gconstpointer b,
                 gpointer      unused)
{
  const Entry *ea = a, *eb = b;

  return compare_then_position (ea->keys[SIM_KEY_UPDATED], eb->keys[SIM_KEY_UPDATED], ea, eb);
}

static int
compare_closed (gconstpointer a,
                gconstpointer b,
                gpointer      unused)
{
  const Entry *ea = a, *eb = b;

  if (ea->keys[SIM_KEY_CLOSED] != eb->keys[SIM_KEY_CLOSED])
    return compare_keys (ea->keys[SIM_KEY_CLOSED], eb->keys[SIM_KEY_CLOSED]);
  return compare_then_position (ea->keys[SIM_KEY_CREATED], eb->keys[SIM_KEY_CREATED], ea, eb);
}

static int
compare_due (gconstpointer a,
             gconstpointer b,
             gpointer      unused)
{
  const Entry *ea = a, *eb = b;

  return compare_then_position (ea->due, eb->due, ea, eb);
}

static void
read_keys (Entry *entry)
{
  SimDispute *dispute = entry->dispute;

  entry->state = dispute->state;
  entry->keys[SIM_KEY_CREATED] = dispute->created_at;
  entry->keys[SIM_KEY_UPDATED] = dispute->updated_at;
  entry->keys[SIM_KEY_CLOSED] = dispute->closed_at;
  entry->due = sim_dispute_next_change (dispute);
}

/* Takes @dispute, last in creation order. */
void
sim_index_add (SimIndex   *index,
               SimDispute *dispute)
{
  Entry *entry = g_new0 (Entry, 1);

  dispute->position = index->disputes->len;
  entry->dispute = dispute;
  entry->position = dispute->position;
  read_keys (entry);
  g_ptr_array_add (index->disputes, dispute);
  g_ptr_array_add (index->entries, entry);
  g_hash_table_insert (index->by_id, dispute->id, dispute);
  g_hash_table_insert (index->by_order, dispute->order_id, dispute);
  for (guint k = 0; k < SIM_N_KEYS; k++)
    sim_max_tree_append (index->trees[k], entry->keys[k]);
  entry->by_updated = g_sequence_insert_sorted (index->by_updated, entry, compare_updated, NULL);
  entry->by_closed = g_sequence_insert_sorted (index->by_closed, entry, compare_closed, NULL);
  entry->by_due = g_sequence_insert_sorted (index->by_due, entry, compare_due, NULL);
  index->per_state[entry->state]++;
}

/* Files @dispute again after its state, times or plans changed; cheap when nothing did. */
void
sim_index_update (SimIndex   *index,
                  SimDispute *dispute)
{
  Entry *entry = g_ptr_array_index (index->entries, dispute->position);
  Entry old = *entry;

  g_return_if_fail (entry->dispute == dispute);

  read_keys (entry);
  index->per_state[old.state]--;
  index->per_state[entry->state]++;
  for (guint k = 0; k < SIM_N_KEYS; k++)
    if (entry->keys[k] != old.keys[k])
      sim_max_tree_set (index->trees[k], entry->position, entry->keys[k]);
  if (entry->keys[SIM_KEY_UPDATED] != old.keys[SIM_KEY_UPDATED])
    g_sequence_sort_changed (entry->by_updated, compare_updated, NULL);
  if (entry->keys[SIM_KEY_CLOSED] != old.keys[SIM_KEY_CLOSED])
    g_sequence_sort_changed (entry->by_closed, compare_closed, NULL);
  if (entry->due != old.due)
    g_sequence_sort_changed (entry->by_due, compare_due, NULL);
}

GPtrArray *
sim_index_get_disputes (SimIndex *index)
{
  return index->disputes;
}

guint
sim_index_get_length (SimIndex *index)
{
  return index->disputes->len;
}

SimDispute *
sim_index_get (SimIndex *index,
               guint     position)
{
  return g_ptr_array_index (index->disputes, position);
}

SimDispute *
sim_index_lookup (SimIndex   *index,
                  const char *id)
{
  return g_hash_table_lookup (index->by_id, id);
}

/* The latest dispute about @order_id. */
SimDispute *
sim_index_lookup_order (SimIndex   *index,
                        const char *order_id)
{
  return g_hash_table_lookup (index->by_order, order_id);
}

/* A dispute the clock must move by @now, or NULL; the earliest step first. */
SimDispute *
sim_index_first_due (SimIndex *index,
                     gint64    now)
{
  GSequenceIter *first = g_sequence_get_begin_iter (index->by_due);
  Entry *entry = g_sequence_iter_is_end (first) ? NULL : g_sequence_get (first);

  return entry && entry->due <= now ? entry->dispute : NULL;
}

guint
sim_index_count_state (SimIndex *index,
                       SimState  state)
{
  return index->per_state[state];
}

/* Where an entry keyed just below @bound would go: the first entry keyed ≥ @bound. */
static GSequenceIter *
first_reaching (GSequence        *sequence,
                GCompareDataFunc  compare,
                SimKey            key,
                gint64            bound)
{
  Entry probe = { .position = G_MAXUINT };

  if (bound == G_MININT64)
    return g_sequence_get_begin_iter (sequence);
  for (guint k = 0; k < SIM_N_KEYS; k++)
    probe.keys[k] = G_MAXINT64;
  probe.keys[key] = bound - 1;
  return g_sequence_search (sequence, &probe, compare, NULL);
}

/* How many were updated in [@start, @end); 0 leaves a side open. */
guint
sim_index_count_updated (SimIndex *index,
                         gint64    start,
                         gint64    end)
{
  gint from = start ? g_sequence_iter_get_position (first_reaching (index->by_updated, compare_updated,
                                                                    SIM_KEY_UPDATED, start)) : 0;
  gint to = end ? g_sequence_iter_get_position (first_reaching (index->by_updated, compare_updated,
                                                                SIM_KEY_UPDATED, end))
                : (gint) index->disputes->len;

  return to > from ? (guint) (to - from) : 0;
}

/* In creation order, the first position ≥ @from whose @key is ≥ @at_least (the length when none). */
guint
sim_index_next_reaching (SimIndex *index,
                         SimKey    key,
                         guint     from,
                         gint64    at_least)
{
  return sim_max_tree_next (index->trees[key], from, at_least);
}

/* In creation order, the last position ≤ @from whose @key is ≥ @at_least (SIM_MAX_TREE_NONE when none). */
guint
sim_index_prev_reaching (SimIndex *index,
                         SimKey    key,
                         guint     from,
                         gint64    at_least)
{
  return sim_max_tree_prev (index->trees[key], from, at_least);
}

GSequenceIter *
sim_index_closed_iter (SimIndex   *index,
                       SimDispute *dispute)
{
  Entry *entry = g_ptr_array_index (index->entries, dispute->position);

  return entry->by_closed;
}

/* The first in closing order closed at or after @closed_at. */
GSequenceIter *
sim_index_closed_from (SimIndex *index,
                       gint64    closed_at)
{
  return first_reaching (index->by_closed, compare_closed, SIM_KEY_CLOSED, closed_at);
}

SimDispute *
sim_index_closed_get (GSequenceIter *iter)
{
  return ((Entry *) g_sequence_get (iter))->dispute;
}
