/* dsp-connection.c
 *
 * The key is looked up in the keyring when first needed and kept only
 * inside the client, in memory, until the account changes. The sync and
 * the outbox both ask here: one look-up answers everyone who asked while it
 * ran, so the keyring asks the owner to unlock once, and one client comes
 * of it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-connection"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-connection.h"
#include "dsp-secrets.h"

struct _DspConnection
{
  GObject       parent_instance;

  DspAccount   *account;   /* NULL: a ready client (the demo, --server) */
  DspClient    *client;
  GPtrArray    *waiters;   /* GTasks waiting for the look-up in flight */
  GCancellable *lookup;    /* that look-up */
  gulong        changed_handler;
};

G_DEFINE_FINAL_TYPE (DspConnection, dsp_connection, G_TYPE_OBJECT)

enum { PROP_0, PROP_CLIENT, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
set_client (DspConnection *self,
            DspClient     *client)
{
  if (g_set_object (&self->client, client))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

/* A new key, host or username: the next ask looks the key up again. */
static void
on_account_changed (DspConnection *self)
{
  if (self->client && !dsp_account_get_needs_new_key (self->account))
    g_debug ("Account %s changed; dropping its client", dsp_account_get_id (self->account));
  if (self->lookup)
    g_cancellable_cancel (self->lookup);
  set_client (self, NULL);
}

DspConnection *
dsp_connection_new_for_account (DspAccount *account)
{
  DspConnection *self = g_object_new (DSP_TYPE_CONNECTION, NULL);

  g_return_val_if_fail (DSP_IS_ACCOUNT (account), NULL);

  self->account = g_object_ref (account);
  self->changed_handler = g_signal_connect_swapped (account, "changed", G_CALLBACK (on_account_changed), self);
  return self;
}

DspConnection *
dsp_connection_new_for_client (DspClient *client)
{
  DspConnection *self = g_object_new (DSP_TYPE_CONNECTION, NULL);

  self->client = client ? g_object_ref (client) : NULL;
  return self;
}

DspAccount *
dsp_connection_get_account (DspConnection *self)
{
  g_return_val_if_fail (DSP_IS_CONNECTION (self), NULL);
  return self->account;
}

/* The client, when one is at hand (no key look-up). */
DspClient *
dsp_connection_get_client (DspConnection *self)
{
  g_return_val_if_fail (DSP_IS_CONNECTION (self), NULL);
  return self->client;
}

/* An account Klarna refused is left alone until the owner enters a new key. */
gboolean
dsp_connection_can_connect (DspConnection *self)
{
  g_return_val_if_fail (DSP_IS_CONNECTION (self), FALSE);
  return self->account == NULL || !dsp_account_get_needs_new_key (self->account);
}

/* Klarna answered 401: the account needs a new key (said in Preferences). */
void
dsp_connection_key_rejected (DspConnection *self)
{
  g_return_if_fail (DSP_IS_CONNECTION (self));

  if (self->account)
    dsp_account_set_needs_new_key (self->account, TRUE);
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
  g_autoptr(DspConnection) self = user_data;
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->waiters);
  g_autoptr(GError) error = NULL;
  g_autoptr(DspSecret) key = dsp_secrets_lookup_finish (result, &error);
  g_autoptr(DspClient) client = NULL;

  g_clear_object (&self->lookup);
  if (waiters == NULL)   /* disposed meanwhile */
    return;
  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  if (key != NULL)
    client = client_for_key (self->account, key, &error);
  if (client != NULL)
    set_client (self, client);

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (g_task_return_error_if_cancelled (task))
        continue;
      if (client != NULL)
        g_task_return_pointer (task, g_object_ref (client), g_object_unref);
      else
        g_task_return_error (task, g_error_copy (error));
    }
}

/* The client, its key looked up in the keyring the first time. */
void
dsp_connection_get_client_async (DspConnection       *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DSP_IS_CONNECTION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dsp_connection_get_client_async);
  if (self->client)
    {
      g_task_return_pointer (task, g_object_ref (self->client), g_object_unref);
      return;
    }
  if (self->account == NULL)
    {
      g_task_return_new_error (task, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_FAILED, _("This store is not set up."));
      return;
    }
  g_ptr_array_add (self->waiters, g_steal_pointer (&task));
  if (self->lookup != NULL)
    return;
  self->lookup = g_cancellable_new ();
  dsp_secrets_lookup_async (dsp_account_get_id (self->account), self->lookup, on_key_found, g_object_ref (self));
}

/* Returns: (transfer full) */
DspClient *
dsp_connection_get_client_finish (DspConnection  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dsp_connection_get_client_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
dsp_connection_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DspConnection *self = DSP_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dsp_connection_dispose (GObject *object)
{
  DspConnection *self = DSP_CONNECTION (object);

  if (self->account)
    g_clear_signal_handler (&self->changed_handler, self->account);
  if (self->lookup)
    g_cancellable_cancel (self->lookup);
  g_clear_object (&self->account);
  g_clear_object (&self->client);
  g_clear_pointer (&self->waiters, g_ptr_array_unref);

  G_OBJECT_CLASS (dsp_connection_parent_class)->dispose (object);
}

static void
dsp_connection_class_init (DspConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = dsp_connection_get_property;
  object_class->dispose = dsp_connection_dispose;

  /* A new client (a key looked up) or none (the account changed). */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, DSP_TYPE_CLIENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dsp_connection_init (DspConnection *self)
{
  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
}
