/* dsp-source.c
 *
 * One account's disputes: synced page by page into the store, its orders,
 * the owner's marks. Its client comes from its DspConnection, which it
 * shares with its outbox.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-source"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-clock.h"
#include "dsp-order-cache.h"
#include "dsp-source.h"
#include "dsp-outbox.h"

/* Klarna's clock and ours may differ, and updates land late: ask again
 * for a margin of what was already seen. */
#define SYNC_OVERLAP (10 * 60)

struct _DspSource
{
  GObject        parent_instance;

  char          *id;
  DspConnection *connection;
  DspOrderCache *orders;
  DspStore      *store;
  gboolean       in_memory;      /* the store is its own, in memory (the demo) */
  DspOutbox     *outbox;
  GHashTable    *stored_orders;  /* order id → DspOrder, from disk */
  GHashTable    *marks;          /* dispute id → DspMark, the owner's "resolved" */
  gint64         synced_at;
  gint64         high_water;
  gboolean       offline;
  guint          failures;
  gint64         next_attempt;
  gint64         poll_interval;
};

#define MAX_BACKOFF (30 * 60)

G_DEFINE_FINAL_TYPE (DspSource, dsp_source, G_TYPE_OBJECT)

enum {
  ORDER_LOADED,
  ORDER_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  DspSourcePage page_func;
  gpointer      page_data;
  gint64        started;
  gint64        newest;
  gint64        since;
  GError       *store_error;
} Sync;

static void
sync_free (Sync *sync)
{
  g_clear_error (&sync->store_error);
  g_free (sync);
}

static void
on_order_saved (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!dsp_store_write_finish (DSP_STORE (source), result, &error))
    g_debug ("Order not kept on disk: %s", error->message);
}

static void
on_order_loaded (DspSource  *self,
                 const char *order_id,
                 DspOrder   *order)
{
  if (self->store)
    dsp_store_save_order_async (self->store, self->id, order_id, dsp_order_get_json (order),
                                on_order_saved, NULL);
  g_signal_emit (self, signals[ORDER_LOADED], 0, order_id, order);
}

static void
on_order_failed (DspSource  *self,
                 const char *order_id,
                 const char *message)
{
  g_signal_emit (self, signals[ORDER_FAILED], 0, order_id, message);
}

/* A new client (or none): the orders are fetched through it. */
static void
on_client_changed (DspSource *self)
{
  DspClient *client = self->connection ? dsp_connection_get_client (self->connection) : NULL;

  if (self->orders)
    {
      g_signal_handlers_disconnect_by_data (self->orders, self);
      dsp_order_cache_cancel (self->orders);
    }
  g_clear_object (&self->orders);
  if (client == NULL)
    return;
  self->orders = dsp_order_cache_new (client);
  g_signal_connect_swapped (self->orders, "order-loaded", G_CALLBACK (on_order_loaded), self);
  g_signal_connect_swapped (self->orders, "order-failed", G_CALLBACK (on_order_failed), self);
}

static DspSource *
source_new (DspConnection *connection,
            const char    *id,
            DspStore      *store)
{
  DspSource *self = g_object_new (DSP_TYPE_SOURCE, NULL);

  self->store = store ? g_object_ref (store) : dsp_store_new_in_memory ();
  self->in_memory = store == NULL;
  self->id = g_strdup (id);
  self->connection = connection;
  g_signal_connect_object (connection, "notify::client", G_CALLBACK (on_client_changed), self, G_CONNECT_SWAPPED);
  on_client_changed (self);
  return self;
}

DspSource *
dsp_source_new_for_account (DspAccount *account,
                            DspStore   *store)
{
  return source_new (dsp_connection_new_for_account (account), dsp_account_get_id (account), store);
}

/* A source with a ready client: the demo, or a server given on the command line. */
DspSource *
dsp_source_new_for_client (DspClient  *client,
                           const char *id,
                           DspStore   *store)
{
  return source_new (dsp_connection_new_for_client (client), id, store);
}

DspConnection *
dsp_source_get_connection (DspSource *self)
{
  g_return_val_if_fail (DSP_IS_SOURCE (self), NULL);
  return self->connection;
}

const char *
dsp_source_get_id (DspSource *self)
{
  return self->id;
}

static void forget_order (DspSource  *self,
                          const char *order_id);

/* A refund changed the order: Klarna's copy is read again when next asked. */
static void
on_action_finished (DspSource *self,
                    DspAction *action)
{
  if (action->kind == DSP_ACTION_REFUND && action->state == DSP_ACTION_DONE)
    forget_order (self, action->order_id);
}

/* Where its disputes are kept: the account's file, or a store in memory of its own. */
DspStore *
dsp_source_get_store (DspSource *self)
{
  g_return_val_if_fail (DSP_IS_SOURCE (self), NULL);
  return self->store;
}

/* What the owner asked of Klarna for this store's disputes; read from disk
 * and sent from the first call on. */
DspOutbox *
dsp_source_get_outbox (DspSource *self)
{
  g_return_val_if_fail (DSP_IS_SOURCE (self), NULL);

  if (self->outbox == NULL)
    {
      /* the demo's actions are only ever in memory */
      self->outbox = dsp_outbox_new (self->connection, self->in_memory ? NULL : self->store);
      g_signal_connect_object (self->outbox, "finished", G_CALLBACK (on_action_finished), self, G_CONNECT_SWAPPED);
      dsp_outbox_load (self->outbox);
    }
  return self->outbox;
}

/* The store's name, or NULL for the demo. */
char *
dsp_source_dup_name (DspSource *self)
{
  DspAccount *account = dsp_source_get_account (self);

  return account ? dsp_account_dup_name (account) : NULL;
}

DspAccount *
dsp_source_get_account (DspSource *self)
{
  return dsp_connection_get_account (self->connection);
}

/* An account Klarna refused is left alone until the owner enters a new key. */
gboolean
dsp_source_can_sync (DspSource *self)
{
  return dsp_connection_can_connect (self->connection);
}

/* The newest fetched, else the one kept on disk. */
DspOrder *
dsp_source_lookup_order (DspSource  *self,
                         const char *order_id)
{
  DspOrder *order = self->orders ? dsp_order_cache_lookup (self->orders, order_id) : NULL;

  return order ? order : (order_id ? g_hash_table_lookup (self->stored_orders, order_id) : NULL);
}

/* After a failure, wait 1, 2, 4… minutes (up to 30, ±20 %), or as long as
 * Klarna asked: no storm of requests while offline or rate-limited. */
static void
plan_next_attempt (DspSource    *self,
                   const GError *error)
{
  gint64 delay = self->poll_interval;

  if (error == NULL)
    self->failures = 0;
  else
    {
      DspClient *client = dsp_connection_get_client (self->connection);
      guint retry_after = client ? dsp_client_get_retry_after (client) : 0;

      self->failures++;
      delay = MIN ((gint64) 60 << MIN (self->failures - 1, 10), MAX_BACKOFF);
      if (g_error_matches (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_RATE_LIMITED))
        delay = MAX (delay, (gint64) retry_after);
      delay += g_random_int_range (-(gint32) delay / 5, (gint32) delay / 5 + 1);
    }
  self->next_attempt = dsp_clock_now () + delay;
}

/* How long after a good sync the next automatic one comes. */
void
dsp_source_set_poll_interval (DspSource *self,
                              gint64     seconds)
{
  if (self->next_attempt > 0 && self->failures == 0)
    self->next_attempt += seconds - self->poll_interval;
  self->poll_interval = MAX (seconds, 60);
}

/* Whether an automatic sync is due (a manual refresh ignores this). */
gboolean
dsp_source_is_due (DspSource *self,
                   gint64     now)
{
  return now >= self->next_attempt;
}

/* Offline: the last sync could not reach Klarna (not: Klarna said no). */
gboolean
dsp_source_is_offline (DspSource *self)
{
  return self->offline;
}

gint64
dsp_source_get_synced_at (DspSource *self)
{
  return self->synced_at;
}

/* Fetches an order once the source has a client; "order-loaded" tells, and
 * @holder (a dispute or a list item) is given the customer's name. */
void
dsp_source_request_order (DspSource  *self,
                          const char *order_id,
                          gpointer    holder,
                          gboolean    urgent)
{
  if (self->orders)
    dsp_order_cache_request (self->orders, order_id, holder, urgent);
}

/* Klarna's copy changed (a refund): the next request fetches it again. */
static void
forget_order (DspSource  *self,
              const char *order_id)
{
  if (order_id == NULL)
    return;
  if (self->orders)
    dsp_order_cache_forget (self->orders, order_id);
  if (self->stored_orders)
    g_hash_table_remove (self->stored_orders, order_id);
}

void
dsp_source_cancel (DspSource *self)
{
  if (self->orders)
    dsp_order_cache_cancel (self->orders);
}

static gboolean
is_offline_error (const GError *error)
{
  return g_error_matches (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_NETWORK) ||
         g_error_matches (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_TIMEOUT);
}

/* Names the store on each dispute, and puts the owner's marks back on. */
static void
name_disputes (DspSource *self,
               GPtrArray *disputes)
{
  g_autofree char *name = dsp_source_dup_name (self);

  for (guint i = 0; i < disputes->len; i++)
    {
      DspDispute *dispute = g_ptr_array_index (disputes, i);
      DspMark *mark = g_hash_table_lookup (self->marks, dsp_dispute_get_id (dispute));

      dsp_dispute_set_source (dispute, self->id, name);
      if (mark)
        {
          dsp_dispute_set_resolved_at (dispute, mark->resolved_at);
          dsp_dispute_set_resolved_note (dispute, mark->note);
        }
    }
}

static void
on_mark_saved (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!dsp_store_write_finish (DSP_STORE (source), result, &error))
    g_warning ("The resolved mark was not saved: %s", error->message);
}

static void
keep_mark (DspSource  *self,
           const char *id,
           gint64      when,
           const char *note)
{
  if (when != 0)
    g_hash_table_replace (self->marks, g_strdup (id), dsp_mark_new (when, note));
  else
    g_hash_table_remove (self->marks, id);
  dsp_store_set_mark_async (self->store, self->id, id, when, note, on_mark_saved, NULL);
}

/* The owner's own record that a dispute is settled: kept on disk, never
 * sent to Klarna (it has no such call). Returns: its time, 0 for none. */
gint64
dsp_source_set_resolved (DspSource  *self,
                         const char *dispute_id,
                         gboolean    resolved)
{
  gint64 when = resolved ? dsp_clock_now () : 0;

  keep_mark (self, dispute_id, when, NULL);
  return when;
}

/* A note of the owner's with the mark ("refunded by bank transfer"). */
void
dsp_source_set_resolved_note (DspSource  *self,
                              const char *dispute_id,
                              const char *note)
{
  DspMark *mark = g_hash_table_lookup (self->marks, dispute_id);

  if (mark)
    keep_mark (self, dispute_id, mark->resolved_at, note);
}

static void
finish_sync (GTask *task)
{
  Sync *sync = g_task_get_task_data (task);

  if (sync->store_error)
    g_task_return_error (task, g_steal_pointer (&sync->store_error));
  else
    g_task_return_boolean (task, TRUE);
}

/* The store's first complaint is the one the owner hears. */
static void
keep_first_error (Sync    *sync,
                  GError **error)
{
  if (*error != NULL && sync->store_error == NULL)
    sync->store_error = g_steal_pointer (error);
}

/* A page or the sync's end written (or not): the first failure is kept. */
static void
note_written (GObject      *store,
              GAsyncResult *result,
              GTask        *task)
{
  g_autoptr(GError) error = NULL;

  dsp_store_write_finish (DSP_STORE (store), result, &error);
  keep_first_error (g_task_get_task_data (task), &error);
}

static void
on_sync_end_saved (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  note_written (source, result, task);
  /* the new disputes' words into the search index, after the sync */
  dsp_store_index_all (DSP_STORE (source));
  finish_sync (task);
}

static void
on_page_saved (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  note_written (source, result, task);
}

/* Each page: named, kept on disk (one transaction), shown. */
static void
on_page (GPtrArray *disputes,
         GPtrArray *texts,
         guint      fetched,
         guint      total,
         gpointer   user_data)
{
  GTask *task = user_data;
  DspSource *self = g_task_get_source_object (task);
  Sync *sync = g_task_get_task_data (task);

  name_disputes (self, disputes);
  for (guint i = 0; i < disputes->len; i++)
    {
      DspDispute *dispute = g_ptr_array_index (disputes, i);
      const char *order_id = dsp_dispute_get_order_id (dispute);

      sync->newest = MAX (sync->newest, dsp_dispute_get_updated_at (dispute));
      /* A changed dispute may mean a changed order: fetch it again when asked. */
      if (order_id && self->orders)
        dsp_order_cache_forget (self->orders, order_id);
      if (order_id)
        g_hash_table_remove (self->stored_orders, order_id);
    }
  if (self->store && disputes->len > 0)
    dsp_store_save_page_async (self->store, self->id, disputes, texts, fetched < total, on_page_saved,
                               g_object_ref (task));
  if (sync->page_func)
    sync->page_func (disputes, fetched, total, sync->page_data);
}

static void
on_listed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DspSource *self = g_task_get_source_object (task);
  Sync *sync = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) disputes = dsp_client_list_disputes_finish (DSP_CLIENT (source), result, &error);

  /* the pages written so far are kept: a failed or stopped sync repeats */
  if (error != NULL && self->store)
    dsp_store_end_pages (self->store);
  /* Stopped on purpose (a quit, a new refresh): says nothing, costs nothing. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  self->offline = is_offline_error (error);
  plan_next_attempt (self, error);
  if (error != NULL)
    {
      if (g_error_matches (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_UNAUTHORIZED))
        dsp_connection_key_rejected (self->connection);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Klarna answers again: what waits in the outbox goes now. */
  if (self->outbox)
    dsp_outbox_retry_now (self->outbox);

  /* The mark moves only once every page is in: an interrupted sync repeats. */
  self->synced_at = sync->started;
  self->high_water = MAX (self->high_water, sync->newest);
  if (self->store == NULL)
    {
      finish_sync (task);
      return;
    }
  dsp_store_end_sync_async (self->store, self->id, self->synced_at, self->high_water,
                            on_sync_end_saved, g_steal_pointer (&task));
}

/* Takes the caller's reference to @task. */
static void
list (GTask     *task,
      DspClient *client)
{
  DspSource *self = g_task_get_source_object (task);
  Sync *sync = g_task_get_task_data (task);

  sync->since = self->high_water > 0 ? MAX (self->high_water - SYNC_OVERLAP, 1) : 0;
  dsp_client_list_disputes_async (client, sync->since, on_page, task,
                                  g_task_get_cancellable (task), on_listed, task);
}

static void
on_client_ready (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DspSource *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(DspClient) client = dsp_connection_get_client_finish (DSP_CONNECTION (source), result, &error);

  if (client == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        plan_next_attempt (self, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  list (g_steal_pointer (&task), client);
}

/* Fetches what changed since the last sync (everything the first time),
 * keeps it on disk page by page, and hands each page to @page_func. */
void
dsp_source_sync_async (DspSource           *self,
                       DspSourcePage        page_func,
                       gpointer             page_data,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Sync *sync = g_new0 (Sync, 1);

  sync->page_func = page_func;
  sync->page_data = page_data;
  sync->started = dsp_clock_now ();
  g_task_set_task_data (task, sync, (GDestroyNotify) sync_free);
  g_task_set_source_tag (task, dsp_source_sync_async);

  dsp_connection_get_client_async (self->connection, cancellable, on_client_ready, task);
}

gboolean
dsp_source_sync_finish (DspSource     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dsp_source_sync_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The most urgent first, so the window paints them at once; the rest follow
 * in larger chunks. */
#define FIRST_CHUNK 200
#define NEXT_CHUNK 5000

typedef struct {
  DspSourcePage page_func;
  gpointer      page_data;
  char         *after;
  guint         loaded;
  gint64        limit;
  guint         unreadable;
} Load;

static void
load_free (Load *load)
{
  g_free (load->after);
  g_free (load);
}

static void load_chunk (GTask *task);

static void
remember_orders (DspSource *self,
                 GPtrArray *orders)
{
  for (guint i = 0; i < orders->len; i++)
    {
      DspOrder *order = g_ptr_array_index (orders, i);
      g_hash_table_replace (self->stored_orders, g_strdup (dsp_order_get_id (order)), g_object_ref (order));
    }
}

static void
name_customers (DspSource *self,
                GPtrArray *disputes)
{
  for (guint i = 0; i < disputes->len; i++)
    {
      DspDispute *dispute = g_ptr_array_index (disputes, i);
      DspOrder *order = dsp_source_lookup_order (self, dsp_dispute_get_order_id (dispute));

      if (order)
        {
          g_autofree char *customer = dsp_order_dup_customer_name (order);
          dsp_dispute_set_customer_name (dispute, customer);
        }
    }
}

/* Said once, when something kept on disk could not be read back. */
static char *
unreadable_notice (DspSource *self,
                   guint      count)
{
  g_autofree char *name = dsp_source_dup_name (self);

  if (count == 0)
    return NULL;
  return g_strdup_printf (ngettext ("%u dispute or order of %s saved on this computer could not be read. It is fetched from Klarna again.",
                                    "%u disputes or orders of %s saved on this computer could not be read. They are fetched from Klarna again.",
                                    count),
                          count, name ? name : _("Demo"));
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DspSource *self = g_task_get_source_object (task);
  Load *load = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(DspStoreSnapshot) snapshot = dsp_store_load_finish (DSP_STORE (source), result, &error);

  if (snapshot == NULL || g_task_return_error_if_cancelled (task))
    {
      if (snapshot == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (load->after == NULL)
    {
      self->synced_at = snapshot->synced_at;
      self->high_water = snapshot->high_water;
      remember_orders (self, snapshot->orders);
      g_hash_table_unref (self->marks);
      self->marks = g_hash_table_ref (snapshot->marks);
    }
  /* The store forgot the sync mark with the rows it could not read. */
  if (snapshot->unreadable > 0)
    self->synced_at = self->high_water = 0;
  load->unreadable += snapshot->unreadable;
  name_disputes (self, snapshot->disputes);
  name_customers (self, snapshot->disputes);
  load->loaded += snapshot->disputes->len;
  if (load->page_func && snapshot->disputes->len > 0)
    load->page_func (snapshot->disputes, load->loaded, 0, load->page_data);

  if (snapshot->after == NULL)
    {
      /* what a run that ended mid-way left out of the search index */
      dsp_store_index_all (DSP_STORE (source));
      g_task_return_pointer (task, unreadable_notice (self, load->unreadable), g_free);
    }
  else
    {
      g_free (load->after);
      load->after = g_steal_pointer (&snapshot->after);
      load->limit = NEXT_CHUNK;
      load_chunk (g_steal_pointer (&task));
    }
}

static void
load_chunk (GTask *task)
{
  DspSource *self = g_task_get_source_object (task);
  Load *load = g_task_get_task_data (task);

  dsp_store_load_async (self->store, self->id, load->after, load->limit, g_task_get_cancellable (task),
                        on_loaded, task);
}

static void
on_open_read (GObject      *store,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  /* named on the store's thread: a large store has thousands */
  GPtrArray *disputes = dsp_store_read_disputes_finish (DSP_STORE (store), result, &error);

  if (disputes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, disputes, (GDestroyNotify) g_ptr_array_unref);
}

/* Every stored dispute that still asks something of the owner, whole and
 * named (for the reminders): read on the store's thread. */
void
dsp_source_read_open_async (DspSource           *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *name = dsp_source_dup_name (self);

  g_task_set_source_tag (task, dsp_source_read_open_async);
  dsp_store_read_disputes_async (self->store, self->id, name, NULL, cancellable, on_open_read, task);
}

GPtrArray *
dsp_source_read_open_finish (DspSource     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* What the store kept from earlier, handed to @page_func chunk by chunk,
 * most urgent first — shown before any network call. */
void
dsp_source_load_async (DspSource           *self,
                       DspSourcePage        page_func,
                       gpointer             page_data,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Load *load = g_new0 (Load, 1);

  load->page_func = page_func;
  load->page_data = page_data;
  /* without a page function, only the marks, orders and sync state */
  load->limit = page_func ? FIRST_CHUNK : 0;
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  g_task_set_source_tag (task, dsp_source_load_async);
  if (self->store == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      g_object_unref (task);
      return;
    }
  load_chunk (task);
}

/* @notice: (out) (optional): a sentence for the owner when stored disputes
 * or orders could not be read back (they are fetched again), else NULL */
gboolean
dsp_source_load_finish (DspSource     *self,
                        GAsyncResult  *result,
                        char         **notice,
                        GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dsp_source_load_async, FALSE);
  text = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (notice)
    *notice = g_steal_pointer (&text);
  return TRUE;
}

static void
dsp_source_dispose (GObject *object)
{
  DspSource *self = DSP_SOURCE (object);

  if (self->connection)
    g_signal_handlers_disconnect_by_data (self->connection, self);
  g_clear_object (&self->connection);
  on_client_changed (self);
  if (self->outbox)
    dsp_outbox_stop (self->outbox);
  g_clear_object (&self->outbox);
  g_clear_object (&self->store);
  g_clear_pointer (&self->stored_orders, g_hash_table_unref);
  g_clear_pointer (&self->marks, g_hash_table_unref);

  G_OBJECT_CLASS (dsp_source_parent_class)->dispose (object);
}

static void
dsp_source_finalize (GObject *object)
{
  g_free (DSP_SOURCE (object)->id);
  G_OBJECT_CLASS (dsp_source_parent_class)->finalize (object);
}

static void
dsp_source_class_init (DspSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dsp_source_dispose;
  object_class->finalize = dsp_source_finalize;

  signals[ORDER_LOADED] = g_signal_new ("order-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, DSP_TYPE_ORDER);
  signals[ORDER_FAILED] = g_signal_new ("order-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
dsp_source_init (DspSource *self)
{
  self->stored_orders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->poll_interval = 15 * 60;
  self->marks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) dsp_mark_free);
}
