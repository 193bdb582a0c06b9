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

struct _DspDisputeList
{
  GObject     parent_instance;

  GListStore *items;
  GHashTable *index;     /* source id → (dispute id → DspDispute, its own string) */
  GPtrArray  *sources;
  DspQuery   *query;
  DspDispute *wanted;    /* whose order a view waits for */
  char       *wanted_error;
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
  g_signal_emit (self, signals[QUERY_CHANGED], 0);
}

static void
dsp_dispute_list_dispose (GObject *object)
{
  DspDisputeList *self = DSP_DISPUTE_LIST (object);

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
  signals[QUERY_CHANGED] = g_signal_new ("query-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
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
