/* dsp-order-cache.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-order-cache"

#include "config.h"

#include "dsp-order-cache.h"

#define MAX_IN_FLIGHT 4

struct _DspOrderCache
{
  GObject       parent_instance;

  DspClient    *client;
  GCancellable *cancellable;
  GHashTable   *orders;   /* order id → DspOrder */
  GHashTable   *waiting;  /* order id → GPtrArray of what waits to be named (a dispute, a list item) */
  GQueue        queue;    /* order ids not yet sent */
  guint         in_flight;
  guint         generation;
};

G_DEFINE_FINAL_TYPE (DspOrderCache, dsp_order_cache, G_TYPE_OBJECT)

enum {
  ORDER_LOADED,
  ORDER_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  DspOrderCache *self;
  char          *order_id;
  guint          generation;
} Fetch;

static void pump (DspOrderCache *self);

static void
fetch_free (Fetch *fetch)
{
  g_object_unref (fetch->self);
  g_free (fetch->order_id);
  g_free (fetch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fetch, fetch_free)

/* Each waiting object has a "customer-name". */
static void
name_customers (GPtrArray *holders,
                DspOrder  *order)
{
  g_autofree char *name = dsp_order_dup_customer_name (order);

  for (guint i = 0; holders && i < holders->len; i++)
    g_object_set (g_ptr_array_index (holders, i), "customer-name", name, NULL);
}

static void
drop_queue (DspOrderCache *self)
{
  char *order_id;

  while ((order_id = g_queue_pop_head (&self->queue)) != NULL)
    {
      g_hash_table_remove (self->waiting, order_id);
      g_free (order_id);
    }
}

static void
on_order_fetched (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Fetch) fetch = user_data;
  DspOrderCache *self = fetch->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(DspOrder) order = dsp_client_get_order_finish (DSP_CLIENT (source), result, &error);
  g_autoptr(GPtrArray) disputes = NULL;
  g_autofree char *key = NULL;

  /* A reply that raced a cancel belongs to a generation that is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || fetch->generation != self->generation)
    return;

  self->in_flight--;
  g_hash_table_steal_extended (self->waiting, fetch->order_id, (gpointer *) &key, (gpointer *) &disputes);
  if (order != NULL)
    {
      g_hash_table_replace (self->orders, g_strdup (fetch->order_id), g_object_ref (order));
      name_customers (disputes, order);
      g_signal_emit (self, signals[ORDER_LOADED], 0, fetch->order_id, order);
    }
  else
    {
      g_debug ("Order %s: %s", fetch->order_id, error->message);
      g_signal_emit (self, signals[ORDER_FAILED], 0, fetch->order_id, error->message);
      /* Offline: the rest would fail the same way; they are asked again later. */
      if (g_error_matches (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_NETWORK) ||
          g_error_matches (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_TIMEOUT))
        drop_queue (self);
    }
  pump (self);
}

static void
pump (DspOrderCache *self)
{
  while (self->in_flight < MAX_IN_FLIGHT && !g_queue_is_empty (&self->queue))
    {
      Fetch *fetch = g_new0 (Fetch, 1);

      fetch->self = g_object_ref (self);
      fetch->order_id = g_queue_pop_head (&self->queue);
      fetch->generation = self->generation;
      self->in_flight++;
      dsp_client_get_order_async (self->client, fetch->order_id, self->cancellable,
                                  on_order_fetched, fetch);
    }
}

DspOrder *
dsp_order_cache_lookup (DspOrderCache *self,
                        const char    *order_id)
{
  g_return_val_if_fail (DSP_IS_ORDER_CACHE (self), NULL);
  return order_id ? g_hash_table_lookup (self->orders, order_id) : NULL;
}

/* Loads an order once; urgent requests (the one on screen) jump the queue.
 * @holder (a dispute or a list item: anything with a "customer-name") is
 * given the customer's name when it comes. */
void
dsp_order_cache_request (DspOrderCache *self,
                         const char    *order_id,
                         gpointer       holder,
                         gboolean       urgent)
{
  DspOrder *known = dsp_order_cache_lookup (self, order_id);
  GPtrArray *disputes;

  if (order_id == NULL || *order_id == '\0')
    return;
  if (known)
    {
      g_autoptr(GPtrArray) one = g_ptr_array_new ();

      g_ptr_array_add (one, holder);
      name_customers (one, known);
      return;
    }

  disputes = g_hash_table_lookup (self->waiting, order_id);
  if (disputes == NULL)
    {
      disputes = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (self->waiting, g_strdup (order_id), disputes);
      if (urgent)
        g_queue_push_head (&self->queue, g_strdup (order_id));
      else
        g_queue_push_tail (&self->queue, g_strdup (order_id));
    }
  else if (urgent)
    {
      GList *link = g_queue_find_custom (&self->queue, order_id, (GCompareFunc) g_strcmp0);

      if (link)
        {
          g_queue_unlink (&self->queue, link);
          g_queue_push_head_link (&self->queue, link);
        }
    }
  if (!g_ptr_array_find (disputes, holder, NULL))
    g_ptr_array_add (disputes, g_object_ref (holder));
  pump (self);
}

/* The dispute changed: its order is fetched again when next asked for. */
void
dsp_order_cache_forget (DspOrderCache *self,
                        const char    *order_id)
{
  g_return_if_fail (DSP_IS_ORDER_CACHE (self));
  g_hash_table_remove (self->orders, order_id);
}

void
dsp_order_cache_cancel (DspOrderCache *self)
{
  g_return_if_fail (DSP_IS_ORDER_CACHE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->in_flight = 0;
  self->generation++;
  g_queue_clear_full (&self->queue, g_free);
  g_queue_init (&self->queue);
  g_hash_table_remove_all (self->waiting);
}

DspOrderCache *
dsp_order_cache_new (DspClient *client)
{
  DspOrderCache *self = g_object_new (DSP_TYPE_ORDER_CACHE, NULL);

  self->client = g_object_ref (client);
  return self;
}

static void
dsp_order_cache_dispose (GObject *object)
{
  DspOrderCache *self = DSP_ORDER_CACHE (object);

  if (self->cancellable)
    dsp_order_cache_cancel (self);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_pointer (&self->orders, g_hash_table_unref);
  g_clear_pointer (&self->waiting, g_hash_table_unref);

  G_OBJECT_CLASS (dsp_order_cache_parent_class)->dispose (object);
}

static void
dsp_order_cache_class_init (DspOrderCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = dsp_order_cache_dispose;

  signals[ORDER_LOADED] = g_signal_new ("order-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                        G_TYPE_STRING, DSP_TYPE_ORDER);
  signals[ORDER_FAILED] = g_signal_new ("order-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                        G_TYPE_STRING, G_TYPE_STRING);
}

static void
dsp_order_cache_init (DspOrderCache *self)
{
  self->cancellable = g_cancellable_new ();
  self->orders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->waiting = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->queue);
}
