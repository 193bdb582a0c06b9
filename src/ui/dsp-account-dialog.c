/* dsp-account-dialog.c
 *
 * The fields are written to a delayed GSettings of their own; nothing is
 * applied until the key is safely in the keyring. A key typed here lives
 * only in the password row and the client built from it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-account-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-account-dialog.h"
#include "dsp-client.h"
#include "dsp-secrets.h"

struct _DspAccountDialog
{
  AdwWindow       parent_instance;

  DspAccounts    *accounts;
  DspAccount     *account;
  char           *account_id;
  GSettings      *edits;
  GCancellable   *cancellable;
  char           *status;

  AdwWindowTitle *title;
  AdwEntryRow    *name_row;
  AdwComboRow    *region_row;
  GtkSwitch      *playground_switch;
  AdwEntryRow    *key_row;
  AdwEntryRow    *username_row;
  AdwEntryRow    *merchant_row;
  AdwActionRow   *test_row;
  GtkSpinner     *spinner;
  AdwEntryRow    *server_row;
  GtkSwitch      *encode_switch;
  GtkWidget      *remove_group;
};

G_DEFINE_FINAL_TYPE (DspAccountDialog, dsp_account_dialog, ADW_TYPE_WINDOW)

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
stripped (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (text_of (row)));
}

static void
set_busy (DspAccountDialog *self,
          gboolean          busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.save", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.test", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.remove", !busy);
}

/* What the dialog has to say, shown under "Test Connection". */
static void
set_status (DspAccountDialog *self,
            const char       *status)
{
  g_free (self->status);
  self->status = g_strdup (status);
  adw_action_row_set_subtitle (self->test_row, status);
  set_busy (self, FALSE);
}

static char *
base_url (DspAccountDialog *self)
{
  g_autofree char *server = stripped (self->server_row);

  if (*server)
    return g_steal_pointer (&server);
  return g_strdup (dsp_region_host ((DspRegion) adw_combo_row_get_selected (self->region_row),
                                    gtk_switch_get_active (self->playground_switch)));
}

/* A sentence for the dialog: here the owner can fix what went wrong. */
static const char *
explain (const GError *error)
{
  if (g_error_matches (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_UNAUTHORIZED))
    return _("Klarna rejected this API key. Check that it was copied whole, and the username if the Merchant Portal shows one.");
  if (g_error_matches (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_FORBIDDEN) ||
      g_error_matches (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_NOT_FOUND))
    return _("This Klarna server does not serve disputes for this key. Check the region and whether it is a playground account.");
  return error->message;
}

static DspClient *
client_for (DspAccountDialog  *self,
            const char        *key,
            GError           **error)
{
  g_autofree char *url = base_url (self);
  g_autofree char *username = stripped (self->username_row);

  return dsp_client_new_full (url, username, key, gtk_switch_get_active (self->encode_switch), error);
}

static void
on_saved_key_found (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DspAccountDialog *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(DspSecret) key = dsp_secrets_lookup_finish (result, &error);
  g_autoptr(DspClient) client = key ? client_for (self, key, &error) : NULL;

  if (client == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&client), g_object_unref);
}

/* A client from the fields, with the typed key or, when editing, the saved one. */
static void
make_client_async (DspAccountDialog    *self,
                   GAsyncReadyCallback  callback)
{
  GTask *task = g_task_new (self, self->cancellable, callback, NULL);
  g_autoptr(GError) error = NULL;
  DspClient *client;

  if (*text_of (self->key_row) == '\0' && self->account != NULL)
    {
      dsp_secrets_lookup_async (self->account_id, self->cancellable, on_saved_key_found, task);
      return;
    }
  if (*text_of (self->key_row) == '\0')
    g_task_return_new_error (task, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_FAILED,
                             _("Enter the API key first."));
  else if ((client = client_for (self, text_of (self->key_row), &error)) == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, client, g_object_unref);
  g_object_unref (task);
}

static void
on_tested (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(DspAccountDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (dsp_client_test_connection_finish (DSP_CLIENT (source), result, &error))
    set_status (self, _("Connected. Klarna accepted the key."));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_status (self, explain (error));
}

static void
on_client_for_test (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  DspAccountDialog *self = DSP_ACCOUNT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(DspClient) client = g_task_propagate_pointer (G_TASK (result), &error);

  if (client)
    dsp_client_test_connection_async (client, self->cancellable, on_tested, g_object_ref (self));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_status (self, explain (error));
}

static void
test_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DspAccountDialog *self = DSP_ACCOUNT_DIALOG (widget);

  set_busy (self, TRUE);
  adw_action_row_set_subtitle (self->test_row, _("Talking to Klarna…"));
  make_client_async (self, on_client_for_test);
}


static gboolean
validate (DspAccountDialog *self)
{
  g_autofree char *name = stripped (self->name_row);
  g_autofree char *url = base_url (self);
  g_autoptr(GError) error = NULL;

  if (*name == '\0')
    set_status (self, _("Give the store a name, so you can tell its disputes apart."));
  else if (self->account == NULL && *text_of (self->key_row) == '\0')
    set_status (self, _("Enter the API key from the Klarna Merchant Portal."));
  else if (!dsp_client_check_base_url (url, &error))
    set_status (self, error->message);
  else
    return TRUE;
  return FALSE;
}

static void
write_edits (DspAccountDialog *self)
{
  g_autofree char *name = stripped (self->name_row);
  g_autofree char *username = stripped (self->username_row);
  g_autofree char *merchant = stripped (self->merchant_row);
  g_autofree char *server = stripped (self->server_row);

  g_settings_set_string (self->edits, "name", name);
  g_settings_set_enum (self->edits, "region", (int) adw_combo_row_get_selected (self->region_row));
  g_settings_set_boolean (self->edits, "playground", gtk_switch_get_active (self->playground_switch));
  g_settings_set_string (self->edits, "username", username);
  g_settings_set_string (self->edits, "merchant-id", merchant);
  g_settings_set_string (self->edits, "server", server);
  g_settings_set_enum (self->edits, "auth-form", gtk_switch_get_active (self->encode_switch) ? 1 : 0);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(DspAccountDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DspAccount) account = dsp_accounts_save_finish (DSP_ACCOUNTS (source), result, &error);

  if (account != NULL)
    gtk_window_destroy (GTK_WINDOW (self));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_status (self, error->message);
}

static void
save (DspAccountDialog *self)
{
  write_edits (self);
  dsp_accounts_save_async (self->accounts, self->account_id, self->edits, text_of (self->key_row),
                           self->cancellable, on_saved, g_object_ref (self));
}

/* Klarna answers 204 also when already enrolled; partner-managed merchants
 * get 403 and are enrolled by their partner, which is fine too. */
static void
on_enrolled (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(DspAccountDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (dsp_client_enroll_finish (DSP_CLIENT (source), result, &error) ||
      g_error_matches (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_FORBIDDEN))
    save (self);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_status (self, explain (error));
}

static void
on_client_for_save (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  DspAccountDialog *self = DSP_ACCOUNT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(DspClient) client = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *merchant = stripped (self->merchant_row);

  if (client)
    dsp_client_enroll_async (client, merchant, self->cancellable, on_enrolled, g_object_ref (self));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_status (self, explain (error));
}

/* Saving enrolls the merchant for V4 disputes when a Merchant ID is given. */
static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DspAccountDialog *self = DSP_ACCOUNT_DIALOG (widget);
  g_autofree char *merchant = stripped (self->merchant_row);

  if (!validate (self))
    return;
  set_busy (self, TRUE);
  adw_action_row_set_subtitle (self->test_row, _("Saving…"));
  if (*merchant)
    make_client_async (self, on_client_for_save);
  else
    save (self);
}

static void
on_removed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DspAccountDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (dsp_accounts_remove_finish (DSP_ACCOUNTS (source), result, &error))
    gtk_window_destroy (GTK_WINDOW (self));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_status (self, error->message);
}

static void
on_remove_response (AdwMessageDialog *dialog,
                    const char       *response,
                    DspAccountDialog *self)
{
  if (g_strcmp0 (response, "remove") != 0)
    return;
  set_busy (self, TRUE);
  dsp_accounts_remove_async (self->accounts, self->account, self->cancellable, on_removed, g_object_ref (self));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DspAccountDialog *self = DSP_ACCOUNT_DIALOG (widget);
  g_autofree char *name = dsp_account_dup_name (self->account);
  g_autofree char *heading = g_strdup_printf (_("Remove %s?"), name);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (GTK_WINDOW (self), heading,
                            _("Its API key is deleted from the keyring and its disputes disappear from this computer. Nothing changes at Klarna.")));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_remove_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
load_fields (DspAccountDialog *self)
{
  g_autofree char *name = g_settings_get_string (self->edits, "name");
  g_autofree char *username = g_settings_get_string (self->edits, "username");
  g_autofree char *merchant = g_settings_get_string (self->edits, "merchant-id");
  g_autofree char *server = g_settings_get_string (self->edits, "server");

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  gtk_editable_set_text (GTK_EDITABLE (self->username_row), username);
  gtk_editable_set_text (GTK_EDITABLE (self->merchant_row), merchant);
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), server);
  adw_combo_row_set_selected (self->region_row, (guint) g_settings_get_enum (self->edits, "region"));
  gtk_switch_set_active (self->playground_switch, g_settings_get_boolean (self->edits, "playground"));
  gtk_switch_set_active (self->encode_switch, g_settings_get_enum (self->edits, "auth-form") == 1);
}

/* @account NULL adds a new one. */
DspAccountDialog *
dsp_account_dialog_new (GtkWindow   *parent,
                        DspAccounts *accounts,
                        DspAccount  *account)
{
  DspAccountDialog *self = g_object_new (DSP_TYPE_ACCOUNT_DIALOG, "transient-for", parent, NULL);

  self->accounts = g_object_ref (accounts);
  self->account = account ? g_object_ref (account) : NULL;
  self->account_id = account ? g_strdup (dsp_account_get_id (account)) : g_uuid_string_random ();
  self->edits = dsp_accounts_edit (self->account_id);
  load_fields (self);

  adw_window_title_set_title (self->title, account ? _("Edit Klarna Account") : _("Add Klarna Account"));
  gtk_widget_set_visible (self->remove_group, account != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.remove", account != NULL);
  if (account)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->key_row),
                                   dsp_account_get_needs_new_key (account)
                                   ? _("New API key — Klarna rejected the saved one")
                                   : _("API key — leave empty to keep the saved one"));
  return self;
}

const char *
dsp_account_dialog_get_status (DspAccountDialog *self)
{
  g_return_val_if_fail (DSP_IS_ACCOUNT_DIALOG (self), NULL);
  return self->status;
}

gboolean
dsp_account_dialog_is_busy (DspAccountDialog *self)
{
  g_return_val_if_fail (DSP_IS_ACCOUNT_DIALOG (self), FALSE);
  return gtk_spinner_get_spinning (self->spinner);
}

static void
dsp_account_dialog_dispose (GObject *object)
{
  DspAccountDialog *self = DSP_ACCOUNT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), DSP_TYPE_ACCOUNT_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->edits);
  g_clear_object (&self->account);
  g_clear_object (&self->accounts);

  G_OBJECT_CLASS (dsp_account_dialog_parent_class)->dispose (object);
}

static void
dsp_account_dialog_finalize (GObject *object)
{
  DspAccountDialog *self = DSP_ACCOUNT_DIALOG (object);

  g_free (self->account_id);
  g_free (self->status);

  G_OBJECT_CLASS (dsp_account_dialog_parent_class)->finalize (object);
}

static void
dsp_account_dialog_class_init (DspAccountDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dsp_account_dialog_dispose;
  object_class->finalize = dsp_account_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Disputes/ui/dsp-account-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, DspAccountDialog, name)
  BIND (title);
  BIND (name_row);
  BIND (region_row);
  BIND (playground_switch);
  BIND (key_row);
  BIND (username_row);
  BIND (merchant_row);
  BIND (test_row);
  BIND (spinner);
  BIND (server_row);
  BIND (encode_switch);
  BIND (remove_group);
#undef BIND

  gtk_widget_class_install_action (widget_class, "account.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "account.test", NULL, test_action);
  gtk_widget_class_install_action (widget_class, "account.remove", NULL, remove_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dsp_account_dialog_init (DspAccountDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}
