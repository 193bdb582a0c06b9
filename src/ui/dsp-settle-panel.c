/* dsp-settle-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-settle-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-settle-panel.h"
#include "dsp-heading.h"
#include "dsp-outbox.h"
#include "dsp-rules.h"
#include "dsp-time.h"

struct _DspSettlePanel
{
  AdwBin               parent_instance;

  AdwPreferencesGroup *actions_group;
  GtkListBox          *actions_list;
  AdwPreferencesGroup *settle_group;
  AdwActionRow        *refund_row;
  AdwActionRow        *respond_row;
  AdwActionRow        *appeal_row;
  AdwActionRow        *accept_row;
  GHashTable          *bars;   /* action → its GtkProgressBar, while files go out */
  DspDisputeList      *list;    /* the dispute's outbox comes from there */
  DspDispute          *dispute;
  DspOutbox           *outbox;
};

G_DEFINE_FINAL_TYPE (DspSettlePanel, dsp_settle_panel, ADW_TYPE_BIN)

enum { PROP_0, PROP_DISPUTE, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
update_rows (DspSettlePanel *self)
{
  DspDispute *dispute = self->dispute;
  gboolean refund = dispute && dsp_rules_can_refund (dispute);
  gboolean respond = dispute && dsp_rules_can_respond (dispute);
  gboolean appeal = dispute && dsp_rules_can_appeal (dispute);
  gboolean accept = dispute && dsp_rules_can_accept_loss (dispute);

  gtk_widget_set_visible (GTK_WIDGET (self->refund_row), refund);
  gtk_widget_set_visible (GTK_WIDGET (self->respond_row), respond);
  gtk_widget_set_visible (GTK_WIDGET (self->appeal_row), appeal);
  gtk_widget_set_visible (GTK_WIDGET (self->accept_row), accept);
  gtk_widget_set_visible (GTK_WIDGET (self->settle_group), refund || respond || appeal || accept);
  if (appeal)
    {
      g_autofree char *when = dsp_time_format_local (dsp_dispute_get_appeal_deadline (dispute));
      /* Translators: %s is a date and time */
      g_autofree char *subtitle = g_strdup_printf (_("Ask Klarna to decide again, by %s"), when);

      adw_action_row_set_subtitle (self->appeal_row, subtitle);
    }
}

static GtkWidget *
suffix_button (const char *label,
               const char *tooltip,
               const char *action_name,
               gint64      id)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (id));
  return button;
}

static GtkWidget *
action_row_new (DspSettlePanel *self,
                DspAction      *action)
{
  g_autofree char *title = dsp_action_dup_title (action);
  g_autofree char *progress = dsp_action_dup_progress (action);
  GtkWidget *row = adw_action_row_new ();
  const char *icons[] = { "content-loading-symbolic", "content-loading-symbolic",
                          "emblem-ok-symbolic", "dialog-warning-symbolic" };
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE, "icon-name", icons[action->state],
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), progress);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  if (action->state == DSP_ACTION_FAILED)
    gtk_widget_add_css_class (icon, "error");
  if (action->state == DSP_ACTION_SENDING && action->files->len > 0)
    {
      GtkWidget *bar = gtk_progress_bar_new ();

      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_widget_set_size_request (bar, 96, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Uploading files"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
      g_hash_table_insert (self->bars, action, bar);
    }
  else if (action->state == DSP_ACTION_PENDING && action->attempts > 0)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               suffix_button (_("Send Now"), _("Try to reach Klarna again now"),
                                              "dispute.send-now", action->id));
  else if (!dsp_action_is_open (action))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               suffix_button (_("Dismiss"), _("Take it off this list"),
                                              "dispute.dismiss-action", action->id));
  return row;
}

/* The dispute's actions, oldest first: waiting, sending, sent or refused. */
static void
show_actions (DspSettlePanel *self,
              GPtrArray      *actions)
{
  GtkWidget *child;

  g_hash_table_remove_all (self->bars);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->actions_list))))
    gtk_list_box_remove (self->actions_list, child);
  for (guint i = 0; actions && i < actions->len; i++)
    gtk_list_box_append (self->actions_list, action_row_new (self, g_ptr_array_index (actions, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->actions_group), actions && actions->len > 0);
}

static void
on_progress (DspSettlePanel *self,
             DspAction      *action,
             double          fraction)
{
  GtkProgressBar *bar = g_hash_table_lookup (self->bars, action);

  if (bar)
    gtk_progress_bar_set_fraction (bar, CLAMP (fraction, 0.0, 1.0));
}

/* One action at a time per dispute: the rows wait while one is on its way. */
static void
refresh (DspSettlePanel *self)
{
  g_autoptr(GPtrArray) actions = NULL;
  gboolean busy;

  update_rows (self);
  if (self->outbox == NULL || self->dispute == NULL)
    {
      show_actions (self, NULL);
      return;
    }
  actions = dsp_outbox_list_for (self->outbox, dsp_dispute_get_id (self->dispute));
  busy = dsp_outbox_find_open (self->outbox, dsp_dispute_get_id (self->dispute)) != NULL;
  show_actions (self, actions);
  gtk_widget_set_sensitive (GTK_WIDGET (self->settle_group), !busy);
  dsp_heading_set_description (self->settle_group,
                               busy ? _("Waiting until Klarna has the last action.")
                                    : _("Each is sent to Klarna and cannot be taken back there."));
}

static void
on_changed (DspSettlePanel *self,
            DspAction      *action)
{
  if (self->dispute && dsp_dispute_is (self->dispute, action->source, action->dispute_id))
    refresh (self);
}

/* The dispute shown (bound to the detail pane's); its actions are kept in
 * its store's outbox. A newer version from Klarna is shown at once. */
void
dsp_settle_panel_set_dispute (DspSettlePanel *self,
                              DspDispute     *dispute)
{
  DspOutbox *outbox;

  g_return_if_fail (DSP_IS_SETTLE_PANEL (self));

  if (self->dispute != dispute)
    {
      if (self->dispute)
        g_signal_handlers_disconnect_by_data (self->dispute, self);
      g_set_object (&self->dispute, dispute);
      if (dispute)
        g_signal_connect_swapped (dispute, "changed", G_CALLBACK (refresh), self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPUTE]);
    }
  outbox = self->list ? dsp_dispute_list_get_outbox (self->list, dispute) : NULL;
  if (self->outbox != outbox)
    {
      if (self->outbox)
        g_signal_handlers_disconnect_by_data (self->outbox, self);
      g_set_object (&self->outbox, outbox);
      if (outbox)
        {
          g_signal_connect_swapped (outbox, "changed", G_CALLBACK (on_changed), self);
          g_signal_connect_swapped (outbox, "progress", G_CALLBACK (on_progress), self);
        }
    }
  refresh (self);
}

/* Set once, by the detail pane: the model the panel is a view of. */
void
dsp_settle_panel_set_list (DspSettlePanel *self,
                           DspDisputeList *list)
{
  g_return_if_fail (DSP_IS_SETTLE_PANEL (self));
  g_return_if_fail (self->list == NULL);

  self->list = g_object_ref (list);
}

static void
dsp_settle_panel_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_DISPUTE:
      g_value_set_object (value, DSP_SETTLE_PANEL (object)->dispute);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dsp_settle_panel_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_DISPUTE:
      dsp_settle_panel_set_dispute (DSP_SETTLE_PANEL (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dsp_settle_panel_dispose (GObject *object)
{
  DspSettlePanel *self = DSP_SETTLE_PANEL (object);

  g_clear_pointer (&self->bars, g_hash_table_unref);
  if (self->outbox)
    g_signal_handlers_disconnect_by_data (self->outbox, self);
  g_clear_object (&self->outbox);
  if (self->dispute)
    g_signal_handlers_disconnect_by_data (self->dispute, self);
  g_clear_object (&self->dispute);
  g_clear_object (&self->list);
  gtk_widget_dispose_template (GTK_WIDGET (self), DSP_TYPE_SETTLE_PANEL);

  G_OBJECT_CLASS (dsp_settle_panel_parent_class)->dispose (object);
}

static void
dsp_settle_panel_class_init (DspSettlePanelClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dsp_settle_panel_dispose;
  G_OBJECT_CLASS (klass)->get_property = dsp_settle_panel_get_property;
  G_OBJECT_CLASS (klass)->set_property = dsp_settle_panel_set_property;

  properties[PROP_DISPUTE] =
    g_param_spec_object ("dispute", NULL, NULL, DSP_TYPE_DISPUTE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (G_OBJECT_CLASS (klass), N_PROPS, properties);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Disputes/ui/dsp-settle-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, DspSettlePanel, actions_group);
  gtk_widget_class_bind_template_child (widget_class, DspSettlePanel, actions_list);
  gtk_widget_class_bind_template_child (widget_class, DspSettlePanel, settle_group);
  gtk_widget_class_bind_template_child (widget_class, DspSettlePanel, refund_row);
  gtk_widget_class_bind_template_child (widget_class, DspSettlePanel, respond_row);
  gtk_widget_class_bind_template_child (widget_class, DspSettlePanel, appeal_row);
  gtk_widget_class_bind_template_child (widget_class, DspSettlePanel, accept_row);
}

static void
dsp_settle_panel_init (DspSettlePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  dsp_heading_promote_all (GTK_WIDGET (self));
  self->bars = g_hash_table_new (NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->actions_group), FALSE);
}
