/* dsp-outbox.c
 *
 * Every action is written to the store before it goes out, and its state
 * after each attempt. A refund carries its Klarna-Idempotency-Key on every
 * try; a dispute call has no key, so a repeat that Klarna answers with 409
 * is settled by reading the dispute again. An action caught mid-send by a
 * crash is sent again on the next start — by the same rules, never twice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-outbox"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-clock.h"
#include "dsp-outbox.h"
#include "dsp-outbox-send.h"

struct _DspOutbox
{
  GObject       parent_instance;

  DspConnection *connection;   /* its account's: the client comes from there */
  DspStore     *store;         /* NULL: kept in memory only (the demo) */
  GPtrArray    *actions;       /* DspAction, oldest first */
  gboolean      loaded;
  DspAction    *sending;
  GCancellable *cancellable;
  guint         timer;
  guint         backoff_base;
  guint         backoff_max;
  gint64        memory_ids;    /* without a store: ids of our own, below zero */
  DspAction    *holding;       /* whose files hold the store's checkpoints back (not owned) */
};

G_DEFINE_FINAL_TYPE (DspOutbox, dsp_outbox, G_TYPE_OBJECT)

enum { CHANGED, PROGRESS, FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void schedule (DspOutbox *self);

/* An action's files, just written, go out before the store copies its
 * journal into the file (dsp_store_hold_checkpoints()): the first attempt
 * waits for the write only. Let go when that attempt ends, however it ends. */
static void
hold_checkpoints (DspOutbox *self,
                  DspAction *action)
{
  if (self->store == NULL || action->files->len == 0 || self->holding)
    return;
  self->holding = action;
  dsp_store_hold_checkpoints (self->store, TRUE);
}

static void
release_checkpoints (DspOutbox *self,
                     DspAction *action)
{
  if (self->holding == NULL || (action && self->holding != action))
    return;
  self->holding = NULL;
  dsp_store_hold_checkpoints (self->store, FALSE);
}

/* Back online: what waits goes now rather than at its next back-off. */
static void
on_network_changed (GNetworkMonitor *monitor,
                    gboolean         available,
                    DspOutbox       *self)
{
  if (available)
    dsp_outbox_retry_now (self);
}

DspOutbox *
dsp_outbox_new (DspConnection *connection,
                DspStore      *store)
{
  DspOutbox *self = g_object_new (DSP_TYPE_OUTBOX, NULL);

  self->connection = g_object_ref (connection);
  g_set_object (&self->store, store);
  g_signal_connect_object (g_network_monitor_get_default (), "network-changed",
                           G_CALLBACK (on_network_changed), self, 0);
  return self;
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!dsp_store_write_finish (DSP_STORE (source), result, &error))
    g_warning ("The outbox could not record an action's state: %s", error->message);
}

/* Records and announces where @action stands. */
static void
persist (DspOutbox *self,
         DspAction *action)
{
  if (self->store && action->id != 0)
    dsp_store_update_action_async (self->store, action, on_written, NULL);
  g_signal_emit (self, signals[CHANGED], 0, action);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(DspOutbox) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stored = dsp_store_load_actions_finish (DSP_STORE (source), result, &error);

  if (error)
    g_warning ("The outbox could not be read: %s", error->message);
  self->loaded = TRUE;
  for (guint i = 0; stored && i < stored->len; i++)
    {
      DspAction *action = g_ptr_array_index (stored, i);

      /* Caught mid-send by a crash or a quit: sent again, by the same rules. */
      if (action->state == DSP_ACTION_SENDING)
        action->state = DSP_ACTION_PENDING;
      g_ptr_array_add (self->actions, dsp_action_ref (action));
      g_signal_emit (self, signals[CHANGED], 0, action);
    }
  schedule (self);
}

/* Reads what was written down before; open actions are sent from here on. */
void
dsp_outbox_load (DspOutbox *self)
{
  g_return_if_fail (DSP_IS_OUTBOX (self));

  if (self->loaded)
    return;
  if (self->store == NULL)
    {
      self->loaded = TRUE;
      return;
    }
  dsp_store_load_actions_async (self->store, 0, on_loaded, g_object_ref (self));
}

gboolean
dsp_outbox_is_loaded (DspOutbox *self)
{
  return self->loaded;
}

typedef struct {
  DspOutbox *self;
  DspAction *action;
} Adding;

static void
on_added (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Adding *adding = user_data;
  g_autoptr(DspOutbox) self = adding->self;
  g_autoptr(DspAction) action = adding->action;
  g_autoptr(GError) error = NULL;
  gint64 id = dsp_store_add_action_finish (DSP_STORE (source), result, &error);

  g_free (adding);
  if (id == 0)
    {
      /* Not written down, so not sent: nothing may go out that a crash could double. */
      action->state = DSP_ACTION_FAILED;
      g_free (action->message);
      action->message = g_strdup_printf (_("It could not be saved on this computer first, so it was not sent. %s"),
                                         error ? error->message : "");
      release_checkpoints (self, action);
      g_signal_emit (self, signals[CHANGED], 0, action);
      g_signal_emit (self, signals[FINISHED], 0, action);
      return;
    }
  action->id = id;
  g_signal_emit (self, signals[CHANGED], 0, action);
  schedule (self);
}

/* Takes @action on: written down first, then sent. */
void
dsp_outbox_submit (DspOutbox *self,
                   DspAction *action)
{
  Adding *adding;

  g_return_if_fail (DSP_IS_OUTBOX (self) && action != NULL);

  action->state = DSP_ACTION_PENDING;
  action->created_at = dsp_clock_now ();
  g_ptr_array_add (self->actions, dsp_action_ref (action));
  if (self->store == NULL)
    {
      action->id = --self->memory_ids;
      g_signal_emit (self, signals[CHANGED], 0, action);
      schedule (self);
      return;
    }
  g_signal_emit (self, signals[CHANGED], 0, action);
  hold_checkpoints (self, action);
  adding = g_new0 (Adding, 1);
  adding->self = g_object_ref (self);
  adding->action = dsp_action_ref (action);
  dsp_store_add_action_async (self->store, action, on_added, adding);
}

/* Offline, Klarna down or busy, or the key not at hand: worth trying again. */
static gboolean
is_temporary (const GError *error)
{
  static const DspClientError temporary[] = {
    DSP_CLIENT_ERROR_NETWORK, DSP_CLIENT_ERROR_TIMEOUT, DSP_CLIENT_ERROR_UNAVAILABLE,
    DSP_CLIENT_ERROR_RATE_LIMITED, DSP_CLIENT_ERROR_MALFORMED, DSP_CLIENT_ERROR_UNAUTHORIZED,
  };

  if (error->domain != DSP_CLIENT_ERROR)
    return error->domain != DSP_OUTBOX_SEND_ERROR;
  for (guint i = 0; i < G_N_ELEMENTS (temporary); i++)
    if (error->code == (int) temporary[i])
      return TRUE;
  return FALSE;
}

/* 30 s, 1 min, 2 min … up to 30 min, ±20 %. */
static gint64
next_delay (DspOutbox *self,
            guint      attempts)
{
  guint64 delay = self->backoff_base;

  for (guint i = 1; i < attempts && delay < self->backoff_max; i++)
    delay *= 2;
  delay = MIN (delay, self->backoff_max);
  return (gint64) (delay * g_random_double_range (0.8, 1.2) + 0.5);
}

static void
complete (DspOutbox    *self,
          DspAction    *action,
          const GError *error)
{
  self->sending = NULL;
  g_clear_pointer (&action->message, g_free);
  if (error == NULL)
    {
      action->state = DSP_ACTION_DONE;
      action->finished_at = dsp_clock_now ();
    }
  else if (is_temporary (error))
    {
      action->state = DSP_ACTION_PENDING;
      action->attempts++;
      action->next_attempt = dsp_clock_now () + next_delay (self, action->attempts);
      action->message = g_strdup (error->message);
    }
  else
    {
      action->state = DSP_ACTION_FAILED;
      action->finished_at = dsp_clock_now ();
      action->message = g_strdup (error->message);
    }
  /* Finished: the files' contents are not needed in memory any more. */
  for (guint i = 0; !dsp_action_is_open (action) && i < action->files->len; i++)
    g_clear_pointer (&((DspActionFile *) g_ptr_array_index (action->files, i))->data, g_bytes_unref);
  g_debug ("Action %" G_GINT64_FORMAT " (%s) is %s", action->id, dsp_action_kind_to_string (action->kind),
           dsp_action_state_to_string (action->state));
  persist (self, action);
  release_checkpoints (self, action);
  if (!dsp_action_is_open (action))
    g_signal_emit (self, signals[FINISHED], 0, action);
  schedule (self);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(DspOutbox) self = user_data;
  g_autoptr(GError) error = NULL;
  DspAction *action = self->sending;

  if ((!dsp_outbox_send_finish (result, &error) &&
       g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) || action == NULL)
    return;
  complete (self, action, error);
}

static void
on_send_progress (DspAction *action,
                  double     fraction,
                  gpointer   user_data)
{
  g_signal_emit (user_data, signals[PROGRESS], 0, action, fraction);
}

static void
on_client (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(DspOutbox) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DspClient) client = dsp_connection_get_client_finish (DSP_CONNECTION (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->sending == NULL)
    return;
  if (client == NULL)
    {
      complete (self, self->sending, error);
      return;
    }
  dsp_outbox_send_async (client, self->store, self->sending, on_send_progress, self, self->cancellable,
                         on_sent, g_object_ref (self));
}

static void
send_action (DspOutbox *self,
             DspAction *action)
{
  self->sending = action;
  action->state = DSP_ACTION_SENDING;
  persist (self, action);
  dsp_connection_get_client_async (self->connection, self->cancellable, on_client, g_object_ref (self));
}

static gboolean
on_timer (gpointer user_data)
{
  DspOutbox *self = user_data;

  self->timer = 0;
  schedule (self);
  return G_SOURCE_REMOVE;
}

/* Sends the oldest action that is due, one at a time; otherwise waits for the next. */
static void
schedule (DspOutbox *self)
{
  gint64 now = dsp_clock_now (), soonest = G_MAXINT64;

  g_clear_handle_id (&self->timer, g_source_remove);
  if (self->sending || self->connection == NULL || !self->loaded)
    return;
  for (guint i = 0; i < self->actions->len; i++)
    {
      DspAction *action = g_ptr_array_index (self->actions, i);

      if (action->state != DSP_ACTION_PENDING || (self->store && action->id == 0))
        continue;
      if (action->next_attempt <= now)
        {
          send_action (self, action);
          return;
        }
      soonest = MIN (soonest, action->next_attempt);
    }
  if (soonest != G_MAXINT64)
    self->timer = g_timeout_add_seconds (MAX (soonest - now, 1), on_timer, self);
}

/* Klarna is reachable again (a sync went through), or the owner asked. */
void
dsp_outbox_retry_now (DspOutbox *self)
{
  g_return_if_fail (DSP_IS_OUTBOX (self));

  for (guint i = 0; i < self->actions->len; i++)
    {
      DspAction *action = g_ptr_array_index (self->actions, i);

      if (action->state == DSP_ACTION_PENDING)
        action->next_attempt = 0;
    }
  schedule (self);
}

/* Takes a refused or finished action off view. */
void
dsp_outbox_dismiss (DspOutbox *self,
                    DspAction *action)
{
  g_return_if_fail (DSP_IS_OUTBOX (self));

  if (dsp_action_is_open (action))
    return;
  if (self->store && action->id != 0)
    dsp_store_delete_action_async (self->store, action->id, on_written, NULL);
  dsp_action_ref (action);
  g_ptr_array_remove (self->actions, action);
  g_signal_emit (self, signals[CHANGED], 0, action);
  dsp_action_unref (action);
}

/* Returns: (transfer container): the dispute's actions, oldest first */
GPtrArray *
dsp_outbox_list_for (DspOutbox  *self,
                     const char *dispute_id)
{
  GPtrArray *list = g_ptr_array_new ();

  for (guint i = 0; i < self->actions->len; i++)
    {
      DspAction *action = g_ptr_array_index (self->actions, i);

      if (g_strcmp0 (action->dispute_id, dispute_id) == 0)
        g_ptr_array_add (list, action);
    }
  return list;
}

/* The dispute's action still on its way, if any: one at a time per dispute. */
DspAction *
dsp_outbox_find_open (DspOutbox  *self,
                      const char *dispute_id)
{
  for (guint i = 0; i < self->actions->len; i++)
    {
      DspAction *action = g_ptr_array_index (self->actions, i);

      if (dsp_action_is_open (action) && g_strcmp0 (action->dispute_id, dispute_id) == 0)
        return action;
    }
  return NULL;
}

guint
dsp_outbox_count_open (DspOutbox *self)
{
  guint n = 0;

  for (guint i = 0; i < self->actions->len; i++)
    n += dsp_action_is_open (g_ptr_array_index (self->actions, i));
  return n;
}

void
dsp_outbox_set_backoff (DspOutbox *self,
                        guint      base_seconds,
                        guint      max_seconds)
{
  self->backoff_base = MAX (base_seconds, 1);
  self->backoff_max = MAX (max_seconds, self->backoff_base);
}

/* Stops sending (the source is going away); what is open stays written down. */
void
dsp_outbox_stop (DspOutbox *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer, g_source_remove);
  self->sending = NULL;
  release_checkpoints (self, NULL);
}

static void
dsp_outbox_dispose (GObject *object)
{
  DspOutbox *self = DSP_OUTBOX (object);

  dsp_outbox_stop (self);
  g_clear_object (&self->connection);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dsp_outbox_parent_class)->dispose (object);
}

static void
dsp_outbox_finalize (GObject *object)
{
  DspOutbox *self = DSP_OUTBOX (object);

  g_ptr_array_unref (self->actions);

  G_OBJECT_CLASS (dsp_outbox_parent_class)->finalize (object);
}

static void
dsp_outbox_class_init (DspOutboxClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = dsp_outbox_dispose;
  G_OBJECT_CLASS (klass)->finalize = dsp_outbox_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, DSP_TYPE_ACTION);
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2, DSP_TYPE_ACTION, G_TYPE_DOUBLE);
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, DSP_TYPE_ACTION);
}

static void
dsp_outbox_init (DspOutbox *self)
{
  self->actions = g_ptr_array_new_with_free_func ((GDestroyNotify) dsp_action_unref);
  self->cancellable = g_cancellable_new ();
  self->backoff_base = 30;
  self->backoff_max = 30 * 60;
}
