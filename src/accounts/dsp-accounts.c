/* dsp-accounts.c
 *
 * The list of account ids lives in the app's "accounts" key; each account's
 * settings under its own path; each key in the keyring. The keyring goes
 * first: an account is listed only once its key is safely stored, and
 * forgotten only once its key is gone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-accounts"

#include "config.h"

#include "dsp-accounts.h"
#include "dsp-secrets.h"

struct _DspAccounts
{
  GObject     parent_instance;

  GSettings  *settings;
  GListStore *store;
};

G_DEFINE_FINAL_TYPE (DspAccounts, dsp_accounts, G_TYPE_OBJECT)

static void
load (DspAccounts *self)
{
  g_auto(GStrv) ids = g_settings_get_strv (self->settings, "accounts");

  for (guint i = 0; ids[i]; i++)
    {
      g_autoptr(DspAccount) account = NULL;

      if (*ids[i] == '\0' || dsp_accounts_find (self, ids[i]))
        continue;
      account = dsp_account_new (ids[i]);
      g_list_store_append (self->store, account);
    }
}

static void
write_ids (DspAccounts *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DspAccount) account = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      g_strv_builder_add (builder, dsp_account_get_id (account));
    }
  ids = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "accounts", (const char * const *) ids);
}

DspAccounts *
dsp_accounts_new (GSettings *settings)
{
  DspAccounts *self = g_object_new (DSP_TYPE_ACCOUNTS, NULL);

  self->settings = g_object_ref (settings);
  load (self);
  return self;
}

GListModel *
dsp_accounts_get_model (DspAccounts *self)
{
  g_return_val_if_fail (DSP_IS_ACCOUNTS (self), NULL);
  return G_LIST_MODEL (self->store);
}

DspAccount *
dsp_accounts_find (DspAccounts *self,
                   const char  *id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DspAccount) account = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (g_strcmp0 (dsp_account_get_id (account), id) == 0)
        return account;
    }
  return NULL;
}

typedef struct {
  char      *account_id;
  GSettings *edits;
  gboolean   new_key;
} Save;

static void
save_free (Save *save)
{
  g_free (save->account_id);
  g_clear_object (&save->edits);
  g_free (save);
}

/* Settings for editing an account (new or not): changes wait for the save. */
GSettings *
dsp_accounts_edit (const char *account_id)
{
  GSettings *edits = dsp_account_settings_new (account_id);

  g_settings_delay (edits);
  return edits;
}

static void
finish_save (GTask *task)
{
  DspAccounts *self = g_task_get_source_object (task);
  Save *save = g_task_get_task_data (task);
  DspAccount *account = dsp_accounts_find (self, save->account_id);

  g_settings_apply (save->edits);
  if (account == NULL)
    {
      g_autoptr(DspAccount) added = dsp_account_new (save->account_id);

      g_list_store_append (self->store, added);
      write_ids (self);
      account = added;
    }
  if (save->new_key)
    {
      dsp_account_set_needs_new_key (account, FALSE);
      dsp_account_key_replaced (account);
    }
  g_task_return_pointer (task, g_object_ref (account), g_object_unref);
}

static void
on_key_stored (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!dsp_secrets_store_finish (result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    finish_save (task);
}

/* Stores the key (when given) in the keyring first; only then applies
 * @edits and lists the account. Without a key, only the settings change. */
void
dsp_accounts_save_async (DspAccounts         *self,
                         const char          *account_id,
                         GSettings           *edits,
                         const char          *api_key,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Save *save = g_new0 (Save, 1);
  g_autofree char *name = g_settings_get_string (edits, "name");

  save->account_id = g_strdup (account_id);
  save->edits = g_object_ref (edits);
  save->new_key = api_key != NULL && *api_key != '\0';
  g_task_set_source_tag (task, dsp_accounts_save_async);
  g_task_set_task_data (task, save, (GDestroyNotify) save_free);

  if (save->new_key)
    dsp_secrets_store_async (account_id, name, api_key, cancellable, on_key_stored, g_steal_pointer (&task));
  else
    finish_save (task);
}

DspAccount *
dsp_accounts_save_finish (DspAccounts   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dsp_accounts_save_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_key_cleared (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DspAccounts *self = g_task_get_source_object (task);
  DspAccount *account = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  guint position;

  if (!dsp_secrets_clear_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  dsp_account_forget (account);
  if (g_list_store_find (self->store, account, &position))
    g_list_store_remove (self->store, position);
  write_ids (self);
  g_task_return_boolean (task, TRUE);
}

/* Clears the key from the keyring, then forgets the account. */
void
dsp_accounts_remove_async (DspAccounts         *self,
                           DspAccount          *account,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, dsp_accounts_remove_async);
  g_task_set_task_data (task, g_object_ref (account), g_object_unref);
  dsp_secrets_clear_async (dsp_account_get_id (account), cancellable, on_key_cleared, task);
}

gboolean
dsp_accounts_remove_finish (DspAccounts   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dsp_accounts_remove_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
dsp_accounts_dispose (GObject *object)
{
  DspAccounts *self = DSP_ACCOUNTS (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dsp_accounts_parent_class)->dispose (object);
}

static void
dsp_accounts_class_init (DspAccountsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = dsp_accounts_dispose;
}

static void
dsp_accounts_init (DspAccounts *self)
{
  self->store = g_list_store_new (DSP_TYPE_ACCOUNT);
}
