/* dsp-source.c
 *
 * An account's key is looked up in the keyring when first needed and kept
 * only inside its DspClient, in memory, until the account changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-source"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-secrets.h"
#include "dsp-source.h"

struct _DspSource
{
  GObject        parent_instance;

  char          *id;
  DspAccount    *account;
  DspClient     *client;
  DspOrderCache *orders;
  gulong         changed_handler;
};

G_DEFINE_FINAL_TYPE (DspSource, dsp_source, G_TYPE_OBJECT)

enum {
  ORDER_LOADED,
  ORDER_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  DspListProgress progress;
  gpointer        progress_data;
} Sync;

static void
on_order_loaded (DspSource  *self,
                 const char *order_id,
                 DspOrder   *order)
{
  g_signal_emit (self, signals[ORDER_LOADED], 0, order_id, order);
}

static void
on_order_failed (DspSource  *self,
                 const char *order_id,
                 const char *message)
{
  g_signal_emit (self, signals[ORDER_FAILED], 0, order_id, message);
}

static void
set_client (DspSource *self,
            DspClient *client)
{
  if (self->orders)
    {
      g_signal_handlers_disconnect_by_data (self->orders, self);
      dsp_order_cache_cancel (self->orders);
    }
  g_clear_object (&self->orders);
  g_set_object (&self->client, client);
  if (client == NULL)
    return;
  self->orders = dsp_order_cache_new (client);
  g_signal_connect_swapped (self->orders, "order-loaded", G_CALLBACK (on_order_loaded), self);
  g_signal_connect_swapped (self->orders, "order-failed", G_CALLBACK (on_order_failed), self);
}

/* A new key, host or username: the next sync looks the key up again. */
static void
on_account_changed (DspSource *self)
{
  if (self->client && !dsp_account_get_needs_new_key (self->account))
    g_debug ("Account %s changed; dropping its client", self->id);
  set_client (self, NULL);
}

DspSource *
dsp_source_new_for_account (DspAccount *account)
{
  DspSource *self = g_object_new (DSP_TYPE_SOURCE, NULL);

  self->id = g_strdup (dsp_account_get_id (account));
  self->account = g_object_ref (account);
  self->changed_handler = g_signal_connect_swapped (account, "changed", G_CALLBACK (on_account_changed), self);
  return self;
}

/* A source with a ready client: the demo, or a server given on the command line. */
DspSource *
dsp_source_new_for_client (DspClient  *client,
                           const char *id)
{
  DspSource *self = g_object_new (DSP_TYPE_SOURCE, NULL);

  self->id = g_strdup (id);
  set_client (self, client);
  return self;
}

const char *
dsp_source_get_id (DspSource *self)
{
  return self->id;
}

/* The store's name, or NULL for the demo. */
char *
dsp_source_dup_name (DspSource *self)
{
  return self->account ? dsp_account_dup_name (self->account) : NULL;
}

DspAccount *
dsp_source_get_account (DspSource *self)
{
  return self->account;
}

/* An account Klarna refused is left alone until the owner enters a new key. */
gboolean
dsp_source_can_sync (DspSource *self)
{
  return self->account == NULL || !dsp_account_get_needs_new_key (self->account);
}

DspOrder *
dsp_source_lookup_order (DspSource  *self,
                         DspDispute *dispute)
{
  return self->orders ? dsp_order_cache_lookup (self->orders, dsp_dispute_get_order_id (dispute)) : NULL;
}

/* Fetches the dispute's order once the source has a client; "order-loaded" tells. */
void
dsp_source_request_order (DspSource  *self,
                          DspDispute *dispute,
                          gboolean    urgent)
{
  if (self->orders)
    dsp_order_cache_request (self->orders, dispute, urgent);
}

void
dsp_source_cancel (DspSource *self)
{
  if (self->orders)
    dsp_order_cache_cancel (self->orders);
}

static void
on_listed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DspSource *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) disputes = dsp_client_list_disputes_finish (DSP_CLIENT (source), result, &error);
  g_autofree char *name = NULL;

  if (error != NULL)
    {
      if (self->account && g_error_matches (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_UNAUTHORIZED))
        dsp_account_set_needs_new_key (self->account, TRUE);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  name = dsp_source_dup_name (self);
  for (guint i = 0; i < disputes->len; i++)
    dsp_dispute_set_source (g_ptr_array_index (disputes, i), self->id, name);
  g_task_return_pointer (task, g_steal_pointer (&disputes), (GDestroyNotify) g_ptr_array_unref);
}

static void
list (GTask *task)
{
  DspSource *self = g_task_get_source_object (task);
  Sync *sync = g_task_get_task_data (task);

  dsp_client_list_disputes_async (self->client, 0, sync->progress, sync->progress_data,
                                  g_task_get_cancellable (task), on_listed, task);
}

static DspClient *
client_for_key (DspAccount  *account,
                const char  *api_key,
                GError     **error)
{
  g_autofree char *base_url = dsp_account_dup_base_url (account);
  g_autofree char *username = dsp_account_dup_username (account);

  return dsp_client_new_full (base_url, username, api_key, dsp_account_get_encode_key (account), error);
}

static void
on_key_found (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DspSource *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(DspSecret) key = dsp_secrets_lookup_finish (result, &error);
  g_autoptr(DspClient) client = NULL;

  if (key != NULL)
    client = client_for_key (self->account, key, &error);
  if (client == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  set_client (self, client);
  list (g_steal_pointer (&task));
}

void
dsp_source_sync_async (DspSource           *self,
                       DspListProgress      progress,
                       gpointer             progress_data,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Sync *sync = g_new0 (Sync, 1);

  sync->progress = progress;
  sync->progress_data = progress_data;
  g_task_set_task_data (task, sync, g_free);
  g_task_set_source_tag (task, dsp_source_sync_async);

  if (self->client)
    list (task);
  else
    dsp_secrets_lookup_async (self->id, cancellable, on_key_found, task);
}

GPtrArray *
dsp_source_sync_finish (DspSource     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
dsp_source_dispose (GObject *object)
{
  DspSource *self = DSP_SOURCE (object);

  if (self->account)
    g_clear_signal_handler (&self->changed_handler, self->account);
  set_client (self, NULL);
  g_clear_object (&self->account);

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
}
