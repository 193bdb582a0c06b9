/* dsp-secrets.c — libsecret's asynchronous API, with a timeout of our own
 *
 * A keyring that never answers would otherwise hold a call for D-Bus's
 * 25–50 s; a locked keyring under a display opens a prompt the owner may
 * dismiss. Each call here ends in seconds with a sentence to show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-secrets"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "dsp-secrets.h"

G_DEFINE_QUARK (dsp-secrets-error-quark, dsp_secrets_error)

static guint timeout_ms = 15000;

typedef struct {
  GCancellable *inner;
  GCancellable *caller;
  gulong        caller_handler;
  guint         timeout_id;
  gboolean      timed_out;
  char         *account_id;
} Call;

static const SecretSchema *
api_key_schema (void)
{
  static const SecretSchema schema = {
    "com.example.Disputes.ApiKey", SECRET_SCHEMA_NONE,
    {
      { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/* For tests: how long to wait for the keyring before giving up. */
void
dsp_secrets_set_timeout (guint milliseconds)
{
  timeout_ms = milliseconds;
}

void
dsp_secrets_free (char *secret)
{
  secret_password_free (secret);
}

static void
call_free (Call *call)
{
  g_clear_handle_id (&call->timeout_id, g_source_remove);
  if (call->caller_handler)
    g_cancellable_disconnect (call->caller, call->caller_handler);
  g_clear_object (&call->caller);
  g_clear_object (&call->inner);
  g_free (call->account_id);
  g_free (call);
}

static gboolean
on_timeout (gpointer user_data)
{
  Call *call = user_data;

  call->timeout_id = 0;
  call->timed_out = TRUE;
  g_cancellable_cancel (call->inner);
  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled (GCancellable *caller,
                     GCancellable *inner)
{
  g_cancellable_cancel (inner);
}

static GTask *
call_new (GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data,
          gpointer             source_tag)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Call *call = g_new0 (Call, 1);

  call->inner = g_cancellable_new ();
  if (cancellable)
    {
      call->caller = g_object_ref (cancellable);
      call->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled),
                                                    call->inner, NULL);
    }
  call->timeout_id = g_timeout_add (timeout_ms, on_timeout, call);
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);
  g_task_set_source_tag (task, source_tag);
  return task;
}

/* libsecret's and D-Bus's errors, as the owner would need to hear them. */
static GError *
translate_error (Call   *call,
                 GError *error)
{
  if (call->timed_out)
    return g_error_new_literal (DSP_SECRETS_ERROR, DSP_SECRETS_ERROR_TIMEOUT,
                                _("The keyring did not answer. Check that it is running and unlocked, then try again."));
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && call->caller &&
      g_cancellable_is_cancelled (call->caller))
    return g_error_copy (error);
  g_debug ("Keyring error: %s", error->message);
  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_new_literal (DSP_SECRETS_ERROR, DSP_SECRETS_ERROR_LOCKED,
                                _("The keyring is locked. Unlock it — it may ask for your login password — and try again."));
  if (error->domain == G_DBUS_ERROR || error->domain == G_IO_ERROR || error->domain == G_SPAWN_ERROR)
    return g_error_new_literal (DSP_SECRETS_ERROR, DSP_SECRETS_ERROR_NO_SERVICE,
                                _("No keyring is available. Disputes keeps API keys only in the desktop keyring (such as GNOME Keyring); start it and try again."));
  return g_error_new_literal (DSP_SECRETS_ERROR, DSP_SECRETS_ERROR_FAILED,
                              _("The keyring could not handle the API key. Try again, or restart the session."));
}

static void
on_stored (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, translate_error (g_task_get_task_data (task), error));
}

/* Replaces the account's key if there is one: one item per account. */
void
dsp_secrets_store_async (const char          *account_id,
                         const char          *store_name,
                         const char          *api_key,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = call_new (cancellable, callback, user_data, dsp_secrets_store_async);
  Call *call = g_task_get_task_data (task);
  /* Translators: the keyring item's label, as Passwords and Keys shows it */
  g_autofree char *label = g_strdup_printf (_("Klarna API key for %s (Disputes)"), store_name);

  secret_password_store (api_key_schema (), SECRET_COLLECTION_DEFAULT, label, api_key,
                         call->inner, on_stored, task,
                         "account", account_id,
                         NULL);
}

gboolean
dsp_secrets_store_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dsp_secrets_store_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_searched (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GList *items = secret_password_search_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, translate_error (g_task_get_task_data (task), error));
  else if (items != NULL)
    g_task_return_new_error (task, DSP_SECRETS_ERROR, DSP_SECRETS_ERROR_LOCKED,
                             _("The keyring is locked. Unlock it — it may ask for your login password — and try again."));
  else
    g_task_return_new_error (task, DSP_SECRETS_ERROR, DSP_SECRETS_ERROR_NOT_FOUND,
                             _("The API key is no longer in the keyring. Enter it again in Preferences."));
  g_list_free_full (items, g_object_unref);
}

static void
on_looked_up (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);

  Call *call = g_task_get_task_data (task);

  if (error != NULL)
    g_task_return_error (task, translate_error (call, error));
  else if (secret != NULL)
    g_task_return_pointer (task, secret, (GDestroyNotify) secret_password_free);
  else
    {
      /* Nothing came back: a missing item, or an unlock prompt the owner
       * dismissed. Looking without unlocking tells which. */
      GCancellable *inner = call->inner;

      secret_password_search (api_key_schema (), SECRET_SEARCH_ALL, inner, on_searched,
                              g_steal_pointer (&task), "account", call->account_id, NULL);
    }
}

void
dsp_secrets_lookup_async (const char          *account_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = call_new (cancellable, callback, user_data, dsp_secrets_lookup_async);
  Call *call = g_task_get_task_data (task);

  call->account_id = g_strdup (account_id);
  secret_password_lookup (api_key_schema (), call->inner, on_looked_up, task,
                          "account", account_id,
                          NULL);
}

/* Free the result with dsp_secrets_free(), which wipes it. */
char *
dsp_secrets_lookup_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dsp_secrets_lookup_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_cleared (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* FALSE without an error: there was nothing to clear, which is fine. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, translate_error (g_task_get_task_data (task), error));
  else
    g_task_return_boolean (task, TRUE);
}

void
dsp_secrets_clear_async (const char          *account_id,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = call_new (cancellable, callback, user_data, dsp_secrets_clear_async);
  Call *call = g_task_get_task_data (task);

  secret_password_clear (api_key_schema (), call->inner, on_cleared, task,
                         "account", account_id,
                         NULL);
}

gboolean
dsp_secrets_clear_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dsp_secrets_clear_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
