/* dsp-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-account-dialog.h"
#include "dsp-deadline.h"
#include "dsp-preferences-window.h"

struct _DspPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  DspAccounts          *accounts;
  GSettings            *settings;
  GtkListBox           *account_list;
  GtkSwitch            *background_switch;
  GtkSwitch            *login_switch;
  AdwPreferencesGroup  *ladder_group;
  AdwExpanderRow       *quiet_row;
  AdwComboRow          *quiet_start_row;
  AdwComboRow          *quiet_end_row;
  AdwComboRow          *interval_row;
  GtkSwitch            *metered_switch;
  AdwEntryRow          *closing_row;
  GtkLabel             *closing_error;
};

static const int intervals[] = { 5, 15, 30, 60 };

typedef struct {
  gint64      seconds;
  const char *label;
} Step;

static const Step steps[] = {
  { 14 * 86400, N_("14 days before") }, { 7 * 86400, N_("7 days before") }, { 3 * 86400, N_("3 days before") },
  { 86400, N_("1 day before") }, { 12 * 3600, N_("12 hours before") }, { 2 * 3600, N_("2 hours before") },
  { 3600, N_("1 hour before") },
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

static gboolean
ladder_has (GSettings *settings,
            gint64     seconds)
{
  g_autoptr(GVariant) value = g_settings_get_value (settings, "reminder-steps");
  gsize n = 0;
  const gint64 *values = g_variant_get_fixed_array (value, &n, sizeof (gint64));

  for (gsize i = 0; i < n; i++)
    if (values[i] == seconds)
      return TRUE;
  return FALSE;
}

/* The ladder is whichever of the steps are switched on. */
static void
on_step_toggled (GtkSwitch            *toggle,
                 GParamSpec           *pspec,
                 DspPreferencesWindow *self)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("ax"));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      GtkSwitch *other = g_object_get_data (G_OBJECT (self), steps[i].label);

      if (gtk_switch_get_active (other))
        g_variant_builder_add (&builder, "x", steps[i].seconds);
    }
  g_settings_set_value (self->settings, "reminder-steps", g_variant_builder_end (&builder));
}

static void
build_ladder (DspPreferencesWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *toggle = gtk_switch_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(steps[i].label));
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, _(steps[i].label), -1);
      gtk_switch_set_active (GTK_SWITCH (toggle), ladder_has (self->settings, steps[i].seconds));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      g_object_set_data (G_OBJECT (self), steps[i].label, toggle);
      g_signal_connect (toggle, "notify::active", G_CALLBACK (on_step_toggled), self);
      adw_preferences_group_add (self->ladder_group, row);
    }
}

static void
on_hour_chosen (AdwComboRow          *row,
                GParamSpec           *pspec,
                DspPreferencesWindow *self)
{
  g_settings_set_int (self->settings, row == self->quiet_start_row ? "quiet-start" : "quiet-end",
                      (int) adw_combo_row_get_selected (row));
}

static void
on_interval_chosen (AdwComboRow          *row,
                    GParamSpec           *pspec,
                    DspPreferencesWindow *self)
{
  guint chosen = adw_combo_row_get_selected (row);

  if (chosen < G_N_ELEMENTS (intervals))
    g_settings_set_int (self->settings, "poll-interval", intervals[chosen]);
}

static void
build_interval (DspPreferencesWindow *self)
{
  int minutes = g_settings_get_int (self->settings, "poll-interval");
  guint chosen = 1;

  for (guint i = 0; i < G_N_ELEMENTS (intervals); i++)
    if (intervals[i] == minutes)
      chosen = i;
  adw_combo_row_set_selected (self->interval_row, chosen);
  g_signal_connect (self->interval_row, "notify::selected", G_CALLBACK (on_interval_chosen), self);
  g_settings_bind (self->settings, "poll-on-metered", self->metered_switch, "active", G_SETTINGS_BIND_DEFAULT);
}

/* "2026-12-24, 2026-12-31": every entry must be a date, or nothing is saved;
 * the first that is not says why, under the row. */
static void
on_closing_applied (AdwEntryRow          *row,
                    DspPreferencesWindow *self)
{
  g_auto(GStrv) parts = g_strsplit_set (gtk_editable_get_text (GTK_EDITABLE (row)), ", ;", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) days = NULL;
  g_autofree char *why = NULL;

  for (guint i = 0; parts[i] && why == NULL; i++)
    if (*parts[i])
      {
        const char *one[] = { parts[i], NULL };
        g_autoptr(GArray) parsed = dsp_deadline_parse_closing_days (one);

        if (parsed->len == 1)
          g_strv_builder_add (builder, parts[i]);
        else
          /* Translators: %s is what the owner typed */
          why = g_strdup_printf (_("“%s” is not a day. Write each day as year-month-day, such as 2026-12-24."),
                                 parts[i]);
      }
  gtk_label_set_text (self->closing_error, why ? why : "");
  gtk_widget_set_visible (GTK_WIDGET (self->closing_error), why != NULL);
  if (why)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      return;
    }
  days = g_strv_builder_end (builder);
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  g_settings_set_strv (self->settings, "closing-days", (const char * const *) days);
}

static void
build_closing_days (DspPreferencesWindow *self)
{
  g_auto(GStrv) days = g_settings_get_strv (self->settings, "closing-days");
  g_autofree char *text = g_strjoinv (", ", days);

  gtk_editable_set_text (GTK_EDITABLE (self->closing_row), text);
  g_signal_connect (self->closing_row, "apply", G_CALLBACK (on_closing_applied), self);
}

static void
build_quiet_hours (DspPreferencesWindow *self)
{
  g_autoptr(GtkStringList) hours = gtk_string_list_new (NULL);

  for (int h = 0; h < 24; h++)
    {
      g_autofree char *label = g_strdup_printf ("%02d:00", h);
      gtk_string_list_append (hours, label);
    }
  adw_combo_row_set_model (self->quiet_start_row, G_LIST_MODEL (hours));
  adw_combo_row_set_model (self->quiet_end_row, G_LIST_MODEL (hours));
  adw_combo_row_set_selected (self->quiet_start_row, (guint) g_settings_get_int (self->settings, "quiet-start"));
  adw_combo_row_set_selected (self->quiet_end_row, (guint) g_settings_get_int (self->settings, "quiet-end"));
  g_signal_connect (self->quiet_start_row, "notify::selected", G_CALLBACK (on_hour_chosen), self);
  g_signal_connect (self->quiet_end_row, "notify::selected", G_CALLBACK (on_hour_chosen), self);
  g_settings_bind (self->settings, "quiet-hours", self->quiet_row, "enable-expansion", G_SETTINGS_BIND_DEFAULT);
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
  build_interval (self);
  build_closing_days (self);
  build_ladder (self);
  build_quiet_hours (self);
  gtk_list_box_bind_model (self->account_list, dsp_accounts_get_model (accounts), create_row, self, NULL);
  {
    GtkWidget *placeholder = gtk_label_new (_("No Klarna account yet. Add one with the + button."));

    gtk_widget_add_css_class (placeholder, "dim-label");
    gtk_widget_set_margin_top (placeholder, 18);
    gtk_widget_set_margin_bottom (placeholder, 18);
    gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
    gtk_list_box_set_placeholder (self->account_list, placeholder);
  }
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
  gtk_widget_class_bind_template_child (widget_class, DspPreferencesWindow, ladder_group);
  gtk_widget_class_bind_template_child (widget_class, DspPreferencesWindow, quiet_row);
  gtk_widget_class_bind_template_child (widget_class, DspPreferencesWindow, quiet_start_row);
  gtk_widget_class_bind_template_child (widget_class, DspPreferencesWindow, quiet_end_row);
  gtk_widget_class_bind_template_child (widget_class, DspPreferencesWindow, interval_row);
  gtk_widget_class_bind_template_child (widget_class, DspPreferencesWindow, metered_switch);
  gtk_widget_class_bind_template_child (widget_class, DspPreferencesWindow, closing_row);
  gtk_widget_class_bind_template_child (widget_class, DspPreferencesWindow, closing_error);
}

static void
dsp_preferences_window_init (DspPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
