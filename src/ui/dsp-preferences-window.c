/* dsp-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dsp-account-dialog.h"
#include "dsp-preferences-window.h"

struct _DspPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  DspAccounts          *accounts;
  GSettings            *settings;
  GtkListBox           *account_list;
  GtkSwitch            *background_switch;
  GtkSwitch            *login_switch;
};

G_DEFINE_FINAL_TYPE (DspPreferencesWindow, dsp_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
on_account_activated (AdwActionRow         *row,
                      DspPreferencesWindow *self)
{
  DspAccount *account = g_object_get_data (G_OBJECT (row), "account");
  DspAccountDialog *dialog = dsp_account_dialog_new (GTK_WINDOW (self), self->accounts, account);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_row (AdwActionRow *row,
            DspAccount   *account)
{
  g_autofree char *name = dsp_account_dup_name (account);
  g_autofree char *summary = dsp_account_dup_summary (account);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (row, summary);
  if (dsp_account_get_needs_new_key (account))
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  DspAccount *account = item;
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  g_object_set_data_full (G_OBJECT (row), "account", g_object_ref (account), g_object_unref);
  update_row (ADW_ACTION_ROW (row), account);
  g_signal_connect_object (account, "changed", G_CALLBACK (update_row), row, G_CONNECT_SWAPPED);
  g_signal_connect (row, "activated", G_CALLBACK (on_account_activated), user_data);
  return row;
}

DspPreferencesWindow *
dsp_preferences_window_new (GtkWindow   *parent,
                            DspAccounts *accounts)
{
  DspPreferencesWindow *self = g_object_new (DSP_TYPE_PREFERENCES_WINDOW,
                                             "transient-for", parent,
                                             "application", parent ? gtk_window_get_application (parent) : NULL,
                                             NULL);

  self->accounts = g_object_ref (accounts);
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "run-in-background", self->background_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "start-at-login", self->login_switch, "active", G_SETTINGS_BIND_DEFAULT);
  gtk_list_box_bind_model (self->account_list, dsp_accounts_get_model (accounts), create_row, self, NULL);
  return self;
}

static void
dsp_preferences_window_dispose (GObject *object)
{
  DspPreferencesWindow *self = DSP_PREFERENCES_WINDOW (object);

  if (self->account_list)
    gtk_list_box_bind_model (self->account_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DSP_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->accounts);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dsp_preferences_window_parent_class)->dispose (object);
}

static void
dsp_preferences_window_class_init (DspPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dsp_preferences_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Disputes/ui/dsp-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DspPreferencesWindow, account_list);
  gtk_widget_class_bind_template_child (widget_class, DspPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, DspPreferencesWindow, login_switch);
}

static void
dsp_preferences_window_init (DspPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
