/* dsp-dispute-list.c
 *
 * Every store's disputes in one model, indexed by (store, dispute id);
 * synced pages are merged in place, so a row, the selection and the scroll
 * position stay where they are. Views ask it for the order of the dispute
 * they show, and for the query (filter, search, order) they apply.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-dispute-list"

#include "config.h"

#include <gio/gio.h>

#include "dsp-clock.h"
#include "dsp-dispute-list.h"
#include "dsp-store-tally.h"

/* After a sync's page or a mark, the counts are asked again this much later
 * (pages come in fast: one question for many of them). */
#define TALLY_DELAY_MS 250

struct _DspDisputeList
{
  GObject     parent_instance;

  GListStore *items;
  GHashTable *index;     /* source id → (dispute id → DspDispute, its own string) */
  GPtrArray  *sources;
  DspQuery   *query;
  DspDispute *wanted;    /* whose order a view waits for */
  char       *wanted_error;
  DspTally   *tally;     /* the store's answer to the query, NULL until it comes */
  GHashTable *matches;   /* what the search shown finds ("source\037id"), NULL: no search */
  char       *matched;   /* the search those matches are for */
  GCancellable *asking;
  guint       tally_source;
};

static void dsp_dispute_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DspDisputeList, dsp_dispute_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, dsp_dispute_list_model_init))

enum {
  UPDATING,
  UPDATED,
  RESOLVED_CHANGED,
  ORDER_CHANGED,
  QUERY_CHANGED,
  TALLY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GType
get_item_type (GListModel *model)
{
  return DSP_TYPE_DISPUTE;
}

static guint
get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (DSP_DISPUTE_LIST (model)->items));
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (DSP_DISPUTE_LIST (model)->items), position);
}

static void
dsp_dispute_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
on_items_changed (DspDisputeList *self,
                  guint           position,
                  guint           removed,
                  guint           added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

DspDisputeList *
dsp_dispute_list_new (void)
{
  return g_object_new (DSP_TYPE_DISPUTE_LIST, NULL);
}

static GHashTable *
index_for (DspDisputeList *self,
           const char     *source_id,
           gboolean        create)
{
  GHashTable *shown = g_hash_table_lookup (self->index, source_id ? source_id : "");

  if (shown == NULL && create)
    {
      shown = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_insert (self->index, g_strdup (source_id ? source_id : ""), shown);
    }
  return shown;
}

DspSource *
dsp_dispute_list_find_source (DspDisputeList *self,
                              const char     *source_id)
{
  g_return_val_if_fail (DSP_IS_DISPUTE_LIST (self), NULL);

  for (guint i = 0; i < self->sources->len; i++)
    if (g_strcmp0 (dsp_source_get_id (g_ptr_array_index (self->sources, i)), source_id) == 0)
      return g_ptr_array_index (self->sources, i);
  return NULL;
}

static gboolean
is_wanted (DspDisputeList *self,
           DspSource      *source,
           const char     *order_id)
{
  return self->wanted && g_strcmp0 (dsp_dispute_get_source_id (self->wanted), dsp_source_get_id (source)) == 0 &&
         g_strcmp0 (dsp_dispute_get_order_id (self->wanted), order_id) == 0;
}

static void
on_order_loaded (DspDisputeList *self,
                 const char     *order_id,
                 DspOrder       *order,
                 DspSource      *source)
{
  if (!is_wanted (self, source, order_id))
    return;
  g_clear_pointer (&self->wanted_error, g_free);
  g_signal_emit (self, signals[ORDER_CHANGED], 0, self->wanted);
}

static void
on_order_failed (DspDisputeList *self,
                 const char     *order_id,
                 const char     *message,
                 DspSource      *source)
{
  if (!is_wanted (self, source, order_id))
    return;
  g_free (self->wanted_error);
  self->wanted_error = g_strdup (message);
  g_signal_emit (self, signals[ORDER_CHANGED], 0, self->wanted);
}

/* A refund changed the order: the source forgot it; the one shown is read again. */
static void
on_action_finished (DspDisputeList *self,
                    DspAction      *action)
{
  if (action->kind == DSP_ACTION_REFUND && self->wanted &&
      dsp_dispute_is (self->wanted, action->source, action->dispute_id))
    {
      g_autoptr(DspDispute) wanted = g_object_ref (self->wanted);

      dsp_dispute_list_want_order (self, wanted);
    }
}

/* Each store's answer, added up: the demo's and two test stores each have
 * a store of their own; the accounts share the app's. */
typedef struct {
  DspDisputeList *self;
  GPtrArray      *stores;
  DspTally       *sum;
  guint           pending;
} Asking;

static void
asking_free (Asking *asking)
{
  g_object_unref (asking->self);
  g_ptr_array_unref (asking->stores);
  g_clear_pointer (&asking->sum, dsp_tally_free);
  g_free (asking);
}

static void
add_stakes (GArray *sum,
            GArray *more)
{
  for (guint i = 0; i < more->len; i++)
    {
      DspStake *stake = &g_array_index (more, DspStake, i);
      guint j;

      for (j = 0; j < sum->len; j++)
        if (g_str_equal (g_array_index (sum, DspStake, j).currency, stake->currency))
          break;
      if (j == sum->len)
        g_array_append_val (sum, *stake);
      else
        g_array_index (sum, DspStake, j).amount += stake->amount;
    }
}

static int
by_amount (gconstpointer a,
           gconstpointer b)
{
  gint64 x = ((const DspStake *) a)->amount, y = ((const DspStake *) b)->amount;

  return (y > x) - (y < x);
}

static void
add_tally (DspTally *sum,
           DspTally *more)
{
  for (guint g = 0; g < DSP_QUERY_N_GROUPS; g++)
    sum->counts[g] += more->counts[g];
  add_stakes (sum->at_stake, more->at_stake);
  g_array_sort (sum->at_stake, by_amount);
  sum->at_stake_count += more->at_stake_count;
  sum->overdue += more->overdue;
  if (more->matches && sum->matches)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, more->matches);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (sum->matches, g_strdup (key));
    }
  for (guint i = 0; i < more->reasons->len; i++)
    if (!g_ptr_array_find_with_equal_func (sum->reasons, g_ptr_array_index (more->reasons, i), g_str_equal, NULL))
      g_ptr_array_add (sum->reasons, g_strdup (g_ptr_array_index (more->reasons, i)));
}

static void
take_tally (DspDisputeList *self,
            DspTally       *tally)
{
  gboolean text_changed = g_strcmp0 (self->matched, dsp_query_has_text (self->query) ? self->query->text : NULL) != 0;

  g_clear_pointer (&self->matches, g_hash_table_unref);
  self->matches = tally->matches ? g_hash_table_ref (tally->matches) : NULL;
  g_free (self->matched);
  self->matched = dsp_query_has_text (self->query) ? g_strdup (self->query->text) : NULL;
  g_clear_pointer (&self->tally, dsp_tally_free);
  self->tally = tally;
  g_signal_emit (self, signals[TALLY_CHANGED], 0);
  /* a new search, or new disputes it may find */
  if (text_changed || self->matches)
    g_signal_emit (self, signals[QUERY_CHANGED], 0);
}

static void
on_tally (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Asking *asking = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DspTally) tally = dsp_store_tally_finish (DSP_STORE (object), result, &error);

  if (tally == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("The store could not count: %s", error->message);
  if (tally && asking->sum == NULL)
    asking->sum = g_steal_pointer (&tally);
  else if (tally)
    add_tally (asking->sum, tally);
  if (--asking->pending > 0)
    return;
  if (error == NULL && asking->sum)
    take_tally (asking->self, g_steal_pointer (&asking->sum));
  asking_free (asking);
}

/* Which shown sources keep their disputes in @store. */
static GStrv
sources_in (DspDisputeList *self,
            DspStore       *store)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

  for (guint i = 0; i < self->sources->len; i++)
    if (dsp_source_get_store (g_ptr_array_index (self->sources, i)) == store)
      g_strv_builder_add (ids, dsp_source_get_id (g_ptr_array_index (self->sources, i)));
  return g_strv_builder_end (ids);
}

/* Asks every store of the sources shown the query; the last answer wins. */
static void
ask (DspDisputeList *self)
{
  Asking *asking;

  g_clear_handle_id (&self->tally_source, g_source_remove);
  g_cancellable_cancel (self->asking);
  g_clear_object (&self->asking);
  if (self->sources->len == 0)
    return;
  self->asking = g_cancellable_new ();
  asking = g_new0 (Asking, 1);
  asking->self = g_object_ref (self);
  asking->stores = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->sources->len; i++)
    {
      DspStore *store = dsp_source_get_store (g_ptr_array_index (self->sources, i));

      if (!g_ptr_array_find (asking->stores, store, NULL))
        g_ptr_array_add (asking->stores, g_object_ref (store));
    }
  asking->pending = asking->stores->len;
  for (guint i = 0; i < asking->stores->len; i++)
    {
      DspStore *store = g_ptr_array_index (asking->stores, i);
      g_auto(GStrv) ids = sources_in (self, store);

      dsp_store_tally_async (store, (const char * const *) ids, self->query, self->asking, on_tally, asking);
    }
}

static gboolean
on_tally_due (gpointer user_data)
{
  DspDisputeList *self = user_data;

  self->tally_source = 0;
  ask (self);
  return G_SOURCE_REMOVE;
}

/* Something stored changed: the counts are asked again, soon. */
void
dsp_dispute_list_retally (DspDisputeList *self)
{
  g_return_if_fail (DSP_IS_DISPUTE_LIST (self));

  if (self->tally_source == 0)
    self->tally_source = g_timeout_add (TALLY_DELAY_MS, on_tally_due, self);
}

static void
forget_sources (DspDisputeList *self)
{
  for (guint i = 0; i < self->sources->len; i++)
    {
      DspSource *source = g_ptr_array_index (self->sources, i);

      g_signal_handlers_disconnect_by_data (source, self);
      g_signal_handlers_disconnect_by_data (dsp_source_get_outbox (source), self);
    }
  g_ptr_array_set_size (self->sources, 0);
}

/* The stores shown; the list starts empty (their disputes are merged in as
 * they are read from disk and from Klarna). */
void
dsp_dispute_list_set_sources (DspDisputeList *self,
                              GPtrArray      *sources)
{
  g_return_if_fail (DSP_IS_DISPUTE_LIST (self));

  forget_sources (self);
  g_clear_object (&self->wanted);
  g_hash_table_remove_all (self->index);
  g_list_store_remove_all (self->items);
  for (guint i = 0; sources && i < sources->len; i++)
    {
      DspSource *source = g_ptr_array_index (sources, i);

      g_ptr_array_add (self->sources, g_object_ref (source));
      g_signal_connect_object (source, "order-loaded", G_CALLBACK (on_order_loaded), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (source, "order-failed", G_CALLBACK (on_order_failed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (dsp_source_get_outbox (source), "finished", G_CALLBACK (on_action_finished), self,
                               G_CONNECT_SWAPPED);
    }
  ask (self);
}

/* Re-inserting the same object lets a sorted view move it. The store drops
 * its reference before taking the new one: hold one across. */
static void
resort (DspDisputeList *self,
        DspDispute     *dispute)
{
  g_autoptr(DspDispute) held = g_object_ref (dispute);
  guint position;

  if (g_list_store_find (self->items, held, &position))
    g_list_store_splice (self->items, position, 1, (gpointer *) &held, 1);
}

/* Disputes due within a week get their customer's name first; a hundred
 * at most at a time, so a large store never sets off a flood of requests. */
#define PREFETCH_LIMIT 100
#define PREFETCH_HORIZON (7 * 24 * 3600)

static void
prefetch_customers (DspSource *source,
                    GPtrArray *disputes)
{
  gint64 horizon = dsp_clock_now () + PREFETCH_HORIZON;
  guint asked = 0;

  for (guint i = 0; i < disputes->len && asked < PREFETCH_LIMIT; i++)
    {
      DspDispute *dispute = g_ptr_array_index (disputes, i);
      gint64 deadline = dsp_dispute_get_deadline (dispute);

      if (deadline != 0 && deadline < horizon && dsp_source_lookup_order (source, dispute) == NULL)
        {
          dsp_source_request_order (source, dispute, FALSE);
          asked++;
        }
    }
}

/* New disputes are added; changed ones update in place. Views hear
 * "updating" before and "updated" after, to keep their selection. */
void
dsp_dispute_list_merge (DspDisputeList *self,
                        DspSource      *source,
                        GPtrArray      *disputes)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new ();

  g_return_if_fail (DSP_IS_DISPUTE_LIST (self));

  g_signal_emit (self, signals[UPDATING], 0);
  for (guint i = 0; i < disputes->len; i++)
    {
      DspDispute *dispute = g_ptr_array_index (disputes, i);
      GHashTable *index = index_for (self, dsp_dispute_get_source_id (dispute), TRUE);
      DspDispute *shown = g_hash_table_lookup (index, dsp_dispute_get_id (dispute));

      if (shown == NULL)
        {
          g_hash_table_insert (index, (gpointer) dsp_dispute_get_id (dispute), dispute);
          g_ptr_array_add (added, dispute);
          continue;
        }
      dsp_dispute_update_from (shown, dispute);
      resort (self, shown);
    }
  g_list_store_splice (self->items, g_list_model_get_n_items (G_LIST_MODEL (self->items)), 0,
                       added->pdata, added->len);
  g_signal_emit (self, signals[UPDATED], 0);
  prefetch_customers (source, disputes);
  dsp_dispute_list_retally (self);
}

DspDispute *
dsp_dispute_list_lookup (DspDisputeList *self,
                         const char     *source_id,
                         const char     *dispute_id)
{
  GHashTable *index;

  g_return_val_if_fail (DSP_IS_DISPUTE_LIST (self), NULL);

  index = index_for (self, source_id, FALSE);
  return index ? g_hash_table_lookup (index, dispute_id) : NULL;
}

/* Everything now known of one store, e.g. for its reminders. */
GPtrArray *
dsp_dispute_list_dup_for_source (DspDisputeList *self,
                                 const char     *source_id)
{
  GPtrArray *disputes = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTable *index = index_for (self, source_id, FALSE);
  GHashTableIter iter;
  gpointer dispute;

  if (index == NULL)
    return disputes;
  g_hash_table_iter_init (&iter, index);
  while (g_hash_table_iter_next (&iter, NULL, &dispute))
    g_ptr_array_add (disputes, g_object_ref (dispute));
  return disputes;
}

/* The owner's mark: it moves the dispute out of "Needs your response" at
 * once and stops its reminders. Returns: (nullable) the dispute, if shown. */
DspDispute *
dsp_dispute_list_set_resolved (DspDisputeList *self,
                               const char     *source_id,
                               const char     *dispute_id,
                               gboolean        resolved)
{
  DspDispute *dispute = dsp_dispute_list_lookup (self, source_id, dispute_id);
  DspSource *source = dsp_dispute_list_find_source (self, source_id);

  if (dispute == NULL || source == NULL || (dsp_dispute_get_resolved_at (dispute) != 0) == resolved)
    return source ? dispute : NULL;
  g_signal_emit (self, signals[UPDATING], 0);
  dsp_source_set_resolved (source, dispute, resolved);
  resort (self, dispute);
  g_signal_emit (self, signals[UPDATED], 0);
  g_signal_emit (self, signals[RESOLVED_CHANGED], 0, source, dispute);
  dsp_dispute_list_retally (self);
  return dispute;
}

/* Where the actions of @dispute's store are kept. */
DspOutbox *
dsp_dispute_list_get_outbox (DspDisputeList *self,
                             DspDispute     *dispute)
{
  DspSource *source = dispute ? dsp_dispute_list_find_source (self, dsp_dispute_get_source_id (dispute)) : NULL;

  return source ? dsp_source_get_outbox (source) : NULL;
}

/* A view shows @dispute: its order (the customer's details) is fetched if
 * not at hand; "order-changed" says when it is, or why not. */
void
dsp_dispute_list_want_order (DspDisputeList *self,
                             DspDispute     *dispute)
{
  DspSource *source;

  g_return_if_fail (DSP_IS_DISPUTE_LIST (self));

  g_set_object (&self->wanted, dispute);
  g_clear_pointer (&self->wanted_error, g_free);
  source = dispute ? dsp_dispute_list_find_source (self, dsp_dispute_get_source_id (dispute)) : NULL;
  if (source && dsp_source_lookup_order (source, dispute) == NULL)
    dsp_source_request_order (source, dispute, TRUE);
}

DspOrder *
dsp_dispute_list_get_order (DspDisputeList *self,
                            DspDispute     *dispute)
{
  DspSource *source = dispute ? dsp_dispute_list_find_source (self, dsp_dispute_get_source_id (dispute)) : NULL;

  return source ? dsp_source_lookup_order (source, dispute) : NULL;
}

const char *
dsp_dispute_list_get_order_error (DspDisputeList *self,
                                  DspDispute     *dispute)
{
  return dispute && dispute == self->wanted ? self->wanted_error : NULL;
}

const DspQuery *
dsp_dispute_list_get_query (DspDisputeList *self)
{
  g_return_val_if_fail (DSP_IS_DISPUTE_LIST (self), NULL);
  return self->query;
}

/* What the views show of the list, and in what order. */
void
dsp_dispute_list_set_query (DspDisputeList *self,
                            const DspQuery *query)
{
  g_return_if_fail (DSP_IS_DISPUTE_LIST (self));

  if (dsp_query_equal (self->query, query))
    return;
  dsp_query_free (self->query);
  self->query = dsp_query_copy (query);
  ask (self);
  /* a new search is shown once the store has answered it */
  if (g_strcmp0 (self->matched, dsp_query_has_text (query) ? query->text : NULL) == 0)
    g_signal_emit (self, signals[QUERY_CHANGED], 0);
}

/* Whether the view shows @dispute: its state group, store and reason, and
 * what the store found for the search. */
gboolean
dsp_dispute_list_matches (DspDisputeList *self,
                          DspDispute     *dispute)
{
  g_autofree char *key = NULL;

  if (!dsp_query_matches (self->query, dispute))
    return FALSE;
  if (self->matches == NULL)
    return TRUE;
  key = dsp_tally_key (dsp_dispute_get_source_id (dispute), dsp_dispute_get_id (dispute));
  return g_hash_table_contains (self->matches, key);
}

/* The counts per state group, the money at stake, the reasons: NULL until
 * the store first answered. */
const DspTally *
dsp_dispute_list_get_tally (DspDisputeList *self)
{
  g_return_val_if_fail (DSP_IS_DISPUTE_LIST (self), NULL);
  return self->tally;
}

static void
dsp_dispute_list_dispose (GObject *object)
{
  DspDisputeList *self = DSP_DISPUTE_LIST (object);

  g_cancellable_cancel (self->asking);
  g_clear_object (&self->asking);
  g_clear_handle_id (&self->tally_source, g_source_remove);
  g_clear_pointer (&self->tally, dsp_tally_free);
  g_clear_pointer (&self->matches, g_hash_table_unref);
  g_clear_pointer (&self->matched, g_free);
  if (self->sources)
    forget_sources (self);
  g_clear_object (&self->wanted);
  g_clear_pointer (&self->wanted_error, g_free);
  g_clear_pointer (&self->index, g_hash_table_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->query, dsp_query_free);
  g_clear_object (&self->items);

  G_OBJECT_CLASS (dsp_dispute_list_parent_class)->dispose (object);
}

static void
dsp_dispute_list_class_init (DspDisputeListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dsp_dispute_list_dispose;

  /* Around a merge or a mark: items are about to move, and have moved. */
  signals[UPDATING] = g_signal_new ("updating", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The owner marked a dispute resolved, or took the mark back. */
  signals[RESOLVED_CHANGED] = g_signal_new ("resolved-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 2, DSP_TYPE_SOURCE, DSP_TYPE_DISPUTE);
  /* The order of the dispute a view asked for arrived, or could not be had. */
  signals[ORDER_CHANGED] = g_signal_new ("order-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, DSP_TYPE_DISPUTE);
  /* What the views show changed: a state group, a store, an order, or the
   * store's answer to a new search. */
  signals[QUERY_CHANGED] = g_signal_new ("query-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The store counted again (dsp_dispute_list_get_tally()). */
  signals[TALLY_CHANGED] = g_signal_new ("tally-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dsp_dispute_list_init (DspDisputeList *self)
{
  self->items = g_list_store_new (DSP_TYPE_DISPUTE);
  self->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
  self->sources = g_ptr_array_new_with_free_func (g_object_unref);
  self->query = dsp_query_new ();
  g_signal_connect_swapped (self->items, "items-changed", G_CALLBACK (on_items_changed), self);
}
