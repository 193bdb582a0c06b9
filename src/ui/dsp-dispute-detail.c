/* dsp-dispute-detail.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-dispute-detail"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dsp-clock.h"
#include "dsp-deadline.h"
#include "dsp-dispute-detail.h"
#include "dsp-heading.h"
#include "dsp-dispute-row.h"
#include "dsp-labels.h"
#include "dsp-money.h"
#include "dsp-settle-panel.h"
#include "dsp-ticker.h"
#include "dsp-time.h"
#include "dsp-timeline.h"

struct _DspDisputeDetail
{
  AdwBin               parent_instance;

  DspDispute          *dispute;
  DspDisputeList      *list;          /* the dispute's order and outbox come from there */
  GSettings           *settings;
  GArray              *closing_days;  /* GDate: the owner's, parsed once per change */

  GtkLabel            *title_label;
  GtkLabel            *amount_label;
  GtkLabel            *status_label;
  GtkButton           *resolve_button;
  GtkWidget           *note_list;
  AdwEntryRow         *note_row;
  GtkLabel            *deadline_label;
  AdwPreferencesGroup *question_group;
  GtkLabel            *question_label;
  GtkSpinner          *customer_spinner;
  AdwActionRow        *name_row;
  AdwActionRow        *email_row;
  AdwActionRow        *phone_row;
  AdwActionRow        *address_row;
  AdwActionRow        *customer_error_row;
  AdwActionRow        *store_row;
  AdwActionRow        *reason_row;
  AdwActionRow        *opened_row;
  AdwActionRow        *order_row;
  AdwActionRow        *klarna_order_row;
  AdwActionRow        *dispute_id_row;
  AdwPreferencesGroup *order_group;
  GtkListBox          *order_list;
  AdwPreferencesGroup *evidence_group;
  GtkLabel            *evidence_label;
  GtkListBox          *evidence_list;
  AdwPreferencesGroup *customer_evidence_group;
  GtkListBox          *customer_evidence_list;
  AdwPreferencesGroup *appeal_group;
  GtkLabel            *appeal_label;
  GtkListBox          *appeal_list;
  GtkListBox          *timeline_list;
  AdwPreferencesGroup *outcome_group;
  GtkLabel            *outcome_label;
  DspSettlePanel      *settle_panel;
};

G_DEFINE_FINAL_TYPE (DspDisputeDetail, dsp_dispute_detail, ADW_TYPE_BIN)

enum { PROP_0, PROP_DISPUTE, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
add_row (GtkListBox *list,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  gtk_list_box_append (list, row);
}

/* Values are shop and customer data: never markup. */
static void
set_value (AdwActionRow *row,
           const char   *value)
{
  adw_action_row_set_subtitle (row, value && *value ? value : _("Not given"));
  gtk_widget_set_visible (GTK_WIDGET (row), TRUE);
}

static const char *
kind_of_file (const char *mime_type)
{
  if (g_strcmp0 (mime_type, "application/pdf") == 0)
    return _("PDF document");
  if (mime_type && g_str_has_prefix (mime_type, "image/"))
    return _("Image");
  if (mime_type && strstr (mime_type, "wordprocessingml"))
    return _("Word document");
  return _("File");
}

static void
fill_attachments (GtkListBox *list,
                  GPtrArray  *attachments)
{
  clear_list (list);
  for (guint i = 0; attachments && i < attachments->len; i++)
    {
      DspAttachment *attachment = g_ptr_array_index (attachments, i);

      add_row (list, attachment->description ? attachment->description : _("Attachment"),
               kind_of_file (attachment->mime_type));
    }
  gtk_widget_set_visible (GTK_WIDGET (list), attachments && attachments->len > 0);
}

static void
fill_evidence (AdwPreferencesGroup *group,
               GtkLabel            *label,
               GtkListBox          *list,
               const DspEvidence   *evidence)
{
  g_autofree char *when = NULL;

  gtk_widget_set_visible (GTK_WIDGET (group), evidence != NULL);
  if (evidence == NULL)
    return;
  when = dsp_time_format_local (evidence->created_at);
  dsp_heading_set_description (group, when);
  gtk_label_set_text (label, evidence->text ? evidence->text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), evidence->text && *evidence->text);
  fill_attachments (list, evidence->attachments);
}

/* Translators: in these, "<date> · <N days left>" */
static char *
deadline_sentence (DspStatus   status,
                   gboolean    passed,
                   const char *when,
                   const char *countdown)
{
  if (status == DSP_STATUS_PRELIMINARY_LOSS && passed)
    return g_strdup_printf (_("Appeal was due %s · %s"), when, countdown);
  if (status == DSP_STATUS_PRELIMINARY_LOSS)
    return g_strdup_printf (_("Appeal by %s · %s"), when, countdown);
  if (passed)
    return g_strdup_printf (_("Response was due %s · %s"), when, countdown);
  return g_strdup_printf (_("Respond by %s · %s"), when, countdown);
}

/* Open disputes can be marked; a mark can be taken back until Klarna closes it. */
static void
update_resolve_button (DspDisputeDetail *self)
{
  DspStatus status = dsp_dispute_get_status (self->dispute);
  gboolean marked = dsp_dispute_get_resolved_at (self->dispute) != 0;
  gboolean open = status != DSP_STATUS_WON && status != DSP_STATUS_LOST && status != DSP_STATUS_CLOSED;

  gtk_button_set_label (self->resolve_button, marked ? _("Undo “Resolved”") : _("Mark Resolved"));
  gtk_widget_set_visible (GTK_WIDGET (self->resolve_button), open);
  gtk_widget_set_visible (self->note_list, marked);
  /* Not while the owner is typing in it. */
  if (!gtk_widget_has_focus (GTK_WIDGET (self->note_row)) &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->note_row)),
                 dsp_dispute_get_resolved_note (self->dispute) ? dsp_dispute_get_resolved_note (self->dispute) : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->note_row),
                           dsp_dispute_get_resolved_note (self->dispute) ? dsp_dispute_get_resolved_note (self->dispute) : "");
  if (marked)
    gtk_widget_remove_css_class (GTK_WIDGET (self->resolve_button), "suggested-action");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->resolve_button), "suggested-action");
}

static void
on_note_apply (DspDisputeDetail *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "dispute.resolved-note", "s",
                              gtk_editable_get_text (GTK_EDITABLE (self->note_row)));
}

static void fill_header (DspDisputeDetail *self);

static void
read_closing_days (DspDisputeDetail *self)
{
  g_auto(GStrv) texts = g_settings_get_strv (self->settings, "closing-days");

  g_clear_pointer (&self->closing_days, g_array_unref);
  self->closing_days = dsp_deadline_parse_closing_days ((const char * const *) texts);
  if (self->dispute)
    fill_header (self);
}

static void
fill_header (DspDisputeDetail *self)
{
  DspDispute *dispute = self->dispute;
  g_autofree char *title = g_strdup_printf (_("Order %s"), dsp_dispute_get_display_reference (dispute));
  g_autofree char *amount = dsp_dispute_dup_amount_label (dispute);
  g_autofree char *status = dsp_dispute_dup_status_label (dispute, TRUE);
  const char *classes[] = { "status-pill", dsp_status_css_class (dsp_dispute_get_status (dispute)), NULL };
  gint64 deadline = dsp_dispute_get_deadline (dispute);
  gint64 now = dsp_clock_now ();
  g_autofree char *when = dsp_time_format_local (deadline);
  g_autofree char *countdown = dsp_deadline_countdown (deadline, now);
  g_autofree char *deadline_text = NULL;
  const char *deadline_classes[] = { "heading", dsp_deadline_css_class (dsp_deadline_urgency (deadline, now)), NULL };

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->amount_label, amount);
  if (dsp_dispute_get_resolved_at (dispute) != 0 && dsp_dispute_get_status (dispute) != DSP_STATUS_RESOLVED)
    {
      /* Klarna closed it after the owner marked it: both stand side by side. */
      g_autofree char *both = g_strdup_printf (_("%s · you had marked it resolved"), status);
      gtk_label_set_text (self->status_label, both);
    }
  else
    gtk_label_set_text (self->status_label, status);
  update_resolve_button (self);
  gtk_widget_set_css_classes (GTK_WIDGET (self->status_label), classes);

  if (deadline != 0)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
      int business = dsp_deadline_business_days (deadline, now, zone,
                                                 (const GDate *) (gpointer) self->closing_days->data,
                                                 self->closing_days->len);
      /* with less than a day left, the hours say it all */
      g_autofree char *with_business = deadline - now >= 24 * 3600
        /* Translators: "3 days left", then the working days among them */
        ? g_strdup_printf (ngettext ("%s (%d business day)", "%s (%d business days)", business), countdown, business)
        : g_strdup (countdown);

      deadline_text = deadline_sentence (dsp_dispute_get_status (dispute), deadline <= now, when, with_business);
      gtk_label_set_text (self->deadline_label, deadline_text);
      gtk_widget_set_css_classes (GTK_WIDGET (self->deadline_label), deadline_classes);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->deadline_label), deadline != 0);
}

static void
fill_facts (DspDisputeDetail *self)
{
  DspDispute *dispute = self->dispute;
  g_autofree char *reason = dsp_dispute_dup_reason_label (dispute);
  g_autofree char *opened = dsp_time_format_local (dsp_dispute_get_created_at (dispute));
  gboolean by_klarna = g_strcmp0 (dsp_dispute_get_created_by (dispute), "KLARNA_AGENT") == 0;
  g_autofree char *opened_text = g_strdup_printf (by_klarna ? _("%s, by Klarna") : _("%s, by the customer"), opened);
  const char *question = dsp_dispute_get_question (dispute);
  const char *store = dsp_dispute_get_store_name (dispute);

  /* whose dispute it is, for an owner with several stores (not the demo) */
  adw_action_row_set_subtitle (self->store_row, store ? store : "");
  gtk_widget_set_visible (GTK_WIDGET (self->store_row), store && *store);
  set_value (self->reason_row, reason);
  set_value (self->opened_row, opened_text);
  set_value (self->order_row, dsp_dispute_get_purchase_reference (dispute));
  set_value (self->klarna_order_row, dsp_dispute_get_order_id (dispute));
  set_value (self->dispute_id_row, dsp_dispute_get_id (dispute));
  gtk_label_set_text (self->question_label, question ? question : "");
  gtk_widget_set_visible (GTK_WIDGET (self->question_group), question && *question);
}

static void
fill_history (DspDisputeDetail *self)
{
  DspDispute *dispute = self->dispute;
  g_autoptr(GPtrArray) timeline = dsp_timeline_build (dispute);
  g_autofree char *outcome = dsp_outcome_to_string (dsp_dispute_get_outcome_detailed (dispute));
  GPtrArray *customer = dsp_dispute_get_customer_evidence (dispute);
  DspStatus status = dsp_dispute_get_status (dispute);

  fill_evidence (self->evidence_group, self->evidence_label, self->evidence_list,
                 dsp_dispute_get_partner_evidence (dispute));
  fill_evidence (self->appeal_group, self->appeal_label, self->appeal_list,
                 dsp_dispute_get_appeal (dispute));
  fill_attachments (self->customer_evidence_list, customer);
  gtk_widget_set_visible (GTK_WIDGET (self->customer_evidence_group), customer && customer->len > 0);

  clear_list (self->timeline_list);
  for (guint i = 0; i < timeline->len; i++)
    {
      DspTimelineEvent *event = g_ptr_array_index (timeline, i);
      g_autofree char *when = dsp_time_format_local (event->when);

      add_row (self->timeline_list, event->text, when);
    }

  if (outcome == NULL && status == DSP_STATUS_PRELIMINARY_LOSS)
    outcome = dsp_outcome_to_string (dsp_dispute_get_preliminary_outcome_detailed (dispute));
  gtk_label_set_text (self->outcome_label, outcome ? outcome : "");
  gtk_widget_set_visible (GTK_WIDGET (self->outcome_group), outcome != NULL);
}

static void
reset_customer (DspDisputeDetail *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->name_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->email_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->phone_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->address_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->customer_error_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->order_group), FALSE);
  gtk_spinner_set_spinning (self->customer_spinner, self->dispute != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->customer_spinner), self->dispute != NULL);
}

DspDispute *
dsp_dispute_detail_get_dispute (DspDisputeDetail *self)
{
  g_return_val_if_fail (DSP_IS_DISPUTE_DETAIL (self), NULL);
  return self->dispute;
}

static void show_order (DspDisputeDetail *self);

/* A newer version from Klarna: shown again, its order asked for again. */
static void
on_dispute_changed (DspDisputeDetail *self)
{
  fill_header (self);
  fill_facts (self);
  fill_history (self);
  if (self->list)
    dsp_dispute_list_want_order (self->list, self->dispute);
  show_order (self);
}

/* The order arrives later: until then the customer section shows a spinner. */
void
dsp_dispute_detail_set_dispute (DspDisputeDetail *self,
                                DspDispute       *dispute)
{
  g_return_if_fail (DSP_IS_DISPUTE_DETAIL (self));

  if (dispute == self->dispute)
    return;
  if (self->dispute)
    g_signal_handlers_disconnect_by_data (self->dispute, self);
  g_set_object (&self->dispute, dispute);
  reset_customer (self);
  if (dispute == NULL)
    {
      if (self->list)
        dsp_dispute_list_want_order (self->list, NULL);
    }
  else
    {
      /* a new dispute is read from its top */
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (adw_bin_get_child (ADW_BIN (self)))), 0);
      g_signal_connect_swapped (dispute, "changed", G_CALLBACK (on_dispute_changed), self);
      on_dispute_changed (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPUTE]);
}

static void
fill_order_lines (DspDisputeDetail *self,
                  DspOrder         *order)
{
  GPtrArray *lines = dsp_order_get_lines (order);

  clear_list (self->order_list);
  for (guint i = 0; i < lines->len; i++)
    {
      DspOrderLine *line = g_ptr_array_index (lines, i);
      g_autofree char *total = dsp_money_format (line->total_amount, dsp_order_get_currency (order));
      /* Translators: "Quantity 2 · €98.00", the line's total */
      g_autofree char *subtitle = g_strdup_printf (_("Quantity %d · %s"), (int) CLAMP (line->quantity, 0, G_MAXINT), total);

      add_row (self->order_list, line->name ? line->name : _("Item"), subtitle);
    }
  if (dsp_order_get_refunded_amount (order) > 0)
    {
      const char *currency = dsp_order_get_currency (order);
      g_autofree char *refunded = dsp_money_format (dsp_order_get_refunded_amount (order), currency);
      g_autofree char *captured = dsp_money_format (dsp_order_get_captured_amount (order), currency);
      /* Translators: two amounts with their currency */
      g_autofree char *text = g_strdup_printf (_("%s of %s captured"), refunded, captured);

      add_row (self->order_list, _("Refunded"), text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->order_group),
                          lines->len > 0 || dsp_order_get_refunded_amount (order) > 0);
}

void
dsp_dispute_detail_set_order (DspDisputeDetail *self,
                              DspOrder         *order)
{
  g_autofree char *name = NULL;
  g_autofree char *address = NULL;

  g_return_if_fail (DSP_IS_DISPUTE_DETAIL (self));

  reset_customer (self);
  gtk_spinner_set_spinning (self->customer_spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->customer_spinner), FALSE);
  if (order == NULL)
    return;

  name = dsp_order_dup_customer_name (order);
  address = dsp_order_dup_address (order);
  set_value (self->name_row, name);
  set_value (self->email_row, dsp_order_get_email (order));
  set_value (self->phone_row, dsp_order_get_phone (order));
  set_value (self->address_row, address);
  fill_order_lines (self, order);
}

/* What the list has of the order of the dispute shown: it, or why not, or nothing yet. */
static void
show_order (DspDisputeDetail *self)
{
  DspOrder *order = self->list ? dsp_dispute_list_get_order (self->list, self->dispute) : NULL;
  const char *error = self->list ? dsp_dispute_list_get_order_error (self->list, self->dispute) : NULL;

  if (order)
    dsp_dispute_detail_set_order (self, order);
  else if (error)
    dsp_dispute_detail_set_order_error (self, error);
}

static void
on_order_changed (DspDisputeDetail *self,
                  DspDispute       *dispute)
{
  if (dispute == self->dispute)
    show_order (self);
}

/* Set once, by the window: the model the pane is a view of. */
void
dsp_dispute_detail_set_list (DspDisputeDetail *self,
                             DspDisputeList   *list)
{
  g_return_if_fail (DSP_IS_DISPUTE_DETAIL (self));
  g_return_if_fail (self->list == NULL);

  self->list = g_object_ref (list);
  g_signal_connect_object (list, "order-changed", G_CALLBACK (on_order_changed), self, G_CONNECT_SWAPPED);
  dsp_settle_panel_set_list (self->settle_panel, list);
  g_object_bind_property (self, "dispute", self->settle_panel, "dispute", G_BINDING_SYNC_CREATE);
}

void
dsp_dispute_detail_set_order_error (DspDisputeDetail *self,
                                    const char       *message)
{
  g_return_if_fail (DSP_IS_DISPUTE_DETAIL (self));

  dsp_dispute_detail_set_order (self, NULL);
  adw_action_row_set_subtitle (self->customer_error_row, message);
  gtk_widget_set_visible (GTK_WIDGET (self->customer_error_row), TRUE);
}

static void
on_tick (DspDisputeDetail *self)
{
  if (self->dispute)
    fill_header (self);
}

static void
dsp_dispute_detail_dispose (GObject *object)
{
  DspDisputeDetail *self = DSP_DISPUTE_DETAIL (object);

  g_signal_handlers_disconnect_by_data (dsp_ticker_get_default (), self);
  if (self->dispute)
    g_signal_handlers_disconnect_by_data (self->dispute, self);
  g_clear_object (&self->dispute);
  g_clear_object (&self->list);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->closing_days, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), DSP_TYPE_DISPUTE_DETAIL);

  G_OBJECT_CLASS (dsp_dispute_detail_parent_class)->dispose (object);
}

static void
dsp_dispute_detail_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_DISPUTE:
      g_value_set_object (value, DSP_DISPUTE_DETAIL (object)->dispute);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dsp_dispute_detail_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_DISPUTE:
      dsp_dispute_detail_set_dispute (DSP_DISPUTE_DETAIL (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dsp_dispute_detail_class_init (DspDisputeDetailClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dsp_dispute_detail_dispose;
  G_OBJECT_CLASS (klass)->get_property = dsp_dispute_detail_get_property;
  G_OBJECT_CLASS (klass)->set_property = dsp_dispute_detail_set_property;

  /* The dispute shown (bound to the window's selection). */
  properties[PROP_DISPUTE] =
    g_param_spec_object ("dispute", NULL, NULL, DSP_TYPE_DISPUTE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (G_OBJECT_CLASS (klass), N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Disputes/ui/dsp-dispute-detail.ui");
  g_type_ensure (DSP_TYPE_SETTLE_PANEL);
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, DspDisputeDetail, name)
  BIND (settle_panel);
  BIND (note_list);
  BIND (note_row);
  gtk_widget_class_bind_template_callback (widget_class, on_note_apply);
  BIND (title_label);
  BIND (amount_label);
  BIND (status_label);
  BIND (resolve_button);
  BIND (deadline_label);
  BIND (question_group);
  BIND (question_label);
  BIND (customer_spinner);
  BIND (name_row);
  BIND (email_row);
  BIND (phone_row);
  BIND (address_row);
  BIND (customer_error_row);
  BIND (store_row);
  BIND (reason_row);
  BIND (opened_row);
  BIND (order_row);
  BIND (klarna_order_row);
  BIND (dispute_id_row);
  BIND (order_group);
  BIND (order_list);
  BIND (evidence_group);
  BIND (evidence_label);
  BIND (evidence_list);
  BIND (customer_evidence_group);
  BIND (customer_evidence_list);
  BIND (appeal_group);
  BIND (appeal_label);
  BIND (appeal_list);
  BIND (timeline_list);
  BIND (outcome_group);
  BIND (outcome_label);
#undef BIND
}

static void
dsp_dispute_detail_init (DspDisputeDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  dsp_heading_promote_all (GTK_WIDGET (self));
  g_signal_connect_swapped (dsp_ticker_get_default (), "tick", G_CALLBACK (on_tick), self);
  self->settings = g_settings_new (APP_ID);
  g_signal_connect_swapped (self->settings, "changed::closing-days", G_CALLBACK (read_closing_days), self);
  read_closing_days (self);
}
