/* dsp-refund-dialog.c
 *
 * The full disputed amount, or a part the owner types; never more than
 * Klarna captured less what was refunded already. The confirmation names the
 * amount and its currency.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-refund-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-money.h"
#include "dsp-refund-dialog.h"
#include "dsp-settle.h"

struct _DspRefundDialog
{
  AdwWindow       parent_instance;

  DspSource      *source;
  DspDispute     *dispute;
  char           *customer;
  char           *currency;
  gint64          full;
  gint64          limit;

  AdwWindowTitle *window_title;
  GtkButton      *refund_button;
  AdwPreferencesGroup *amount_group;
  AdwActionRow   *full_row;
  GtkCheckButton *full_check;
  GtkCheckButton *partial_check;
  AdwEntryRow    *amount_row;
  AdwActionRow   *order_row;
  GtkLabel       *problem_label;
};

G_DEFINE_FINAL_TYPE (DspRefundDialog, dsp_refund_dialog, ADW_TYPE_WINDOW)

/* The amount chosen, or 0 with the reason shown. */
static gint64
chosen_amount (DspRefundDialog *self)
{
  g_autofree char *limit = dsp_money_format (self->limit, self->currency);
  g_autofree char *problem = NULL;
  gint64 amount = 0;

  if (gtk_check_button_get_active (self->full_check))
    amount = self->full;
  else if (!dsp_money_parse (gtk_editable_get_text (GTK_EDITABLE (self->amount_row)), self->currency, &amount) ||
           amount <= 0)
    {
      dsp_settle_show_problem (self->problem_label, _("Type an amount, for example 12.50."));
      return 0;
    }
  if (amount > self->limit)
    {
      /* Translators: %s is an amount with its currency */
      problem = g_strdup_printf (_("At most %s can be refunded on this order."), limit);
      dsp_settle_show_problem (self->problem_label, problem);
      return 0;
    }
  dsp_settle_show_problem (self->problem_label, NULL);
  return amount;
}

static void
on_choice_toggled (DspRefundDialog *self)
{
  gboolean partial = !gtk_check_button_get_active (self->full_check);

  gtk_widget_set_sensitive (GTK_WIDGET (self->amount_row), partial);
  if (partial)
    gtk_widget_grab_focus (GTK_WIDGET (self->amount_row));
  dsp_settle_show_problem (self->problem_label, NULL);
}

static void
on_amount_changed (DspRefundDialog *self)
{
  dsp_settle_show_problem (self->problem_label, NULL);
}

static void
on_refund_clicked (DspRefundDialog *self)
{
  gint64 amount = chosen_amount (self);
  g_autofree char *money = NULL, *heading = NULL, *body = NULL;
  g_autoptr(DspAction) action = NULL;

  if (amount == 0)
    return;
  money = dsp_money_format (amount, self->currency);
  action = dsp_action_new (DSP_ACTION_REFUND, dsp_source_get_id (self->source), dsp_dispute_get_id (self->dispute));
  action->order_id = g_strdup (dsp_dispute_get_order_id (self->dispute));
  action->amount = amount;
  action->currency = g_strdup (self->currency);
  /* Translators: %s is an amount with its currency */
  heading = g_strdup_printf (_("Refund %s?"), money);
  /* Translators: an amount, its currency code, the customer, then the order number */
  body = g_strdup_printf (_("%s (%s) will be paid back to %s through Klarna, for order %s. "
                            "A refund cannot be taken back. Klarna usually closes the dispute once the customer has been refunded."),
                          money, self->currency, self->customer, dsp_dispute_get_display_reference (self->dispute));
  dsp_settle_confirm_and_send (GTK_WINDOW (self), self->source, action, heading, body, _("_Refund"), FALSE,
                               GTK_WINDOW (self));
}

static void
fill (DspRefundDialog *self,
      DspOrder        *order)
{
  g_autofree char *full = dsp_money_format (self->full, self->currency);
  g_autofree char *title = g_strdup_printf (_("Order %s"), dsp_dispute_get_display_reference (self->dispute));
  g_autofree char *entry_title = g_strdup_printf (_("Amount in %s"), self->currency);
  g_autofree char *customer = g_markup_escape_text (self->customer, -1);
  /* Translators: the customer's name; the description is Pango markup */
  g_autofree char *description = g_strdup_printf (_("Paid back to %s through Klarna."), customer);

  adw_window_title_set_subtitle (self->window_title, title);
  adw_action_row_set_subtitle (self->full_row, full);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->amount_row), entry_title);
  adw_preferences_group_set_description (self->amount_group, description);
  if (order)
    {
      g_autofree char *captured = dsp_money_format (dsp_order_get_captured_amount (order), self->currency);
      g_autofree char *refunded = dsp_money_format (dsp_order_get_refunded_amount (order), self->currency);
      /* Translators: two amounts with their currency */
      g_autofree char *facts = g_strdup_printf (_("%s captured · %s refunded already"), captured, refunded);

      adw_action_row_set_subtitle (self->order_row, facts);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->order_row), order != NULL);
}

/* @order: (nullable): Klarna's order, when fetched: it sets what is left to refund */
DspRefundDialog *
dsp_refund_dialog_new (GtkWindow  *parent,
                       DspSource  *source,
                       DspDispute *dispute,
                       DspOrder   *order)
{
  DspRefundDialog *self = g_object_new (DSP_TYPE_REFUND_DIALOG, "transient-for", parent, NULL);
  g_autofree char *name = order ? dsp_order_dup_customer_name (order) : NULL;

  self->source = g_object_ref (source);
  self->dispute = g_object_ref (dispute);
  self->currency = g_strdup (order && dsp_order_get_currency (order) ? dsp_order_get_currency (order)
                                                                      : dsp_dispute_get_currency (dispute));
  self->customer = g_strdup (name && *name ? name : _("the customer"));
  self->limit = order ? dsp_order_get_captured_amount (order) - dsp_order_get_refunded_amount (order)
                      : dsp_dispute_get_amount (dispute);
  self->full = MIN (dsp_dispute_get_amount (dispute), self->limit);
  fill (self, order);
  if (self->limit <= 0)
    {
      dsp_settle_show_problem (self->problem_label, _("Everything captured on this order has been refunded already."));
      gtk_widget_set_sensitive (GTK_WIDGET (self->refund_button), FALSE);
    }
  return self;
}

static void
dsp_refund_dialog_finalize (GObject *object)
{
  DspRefundDialog *self = DSP_REFUND_DIALOG (object);

  g_clear_object (&self->source);
  g_clear_object (&self->dispute);
  g_free (self->customer);
  g_free (self->currency);

  G_OBJECT_CLASS (dsp_refund_dialog_parent_class)->finalize (object);
}

static void
dsp_refund_dialog_class_init (DspRefundDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = dsp_refund_dialog_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Disputes/ui/dsp-refund-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DspRefundDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, DspRefundDialog, refund_button);
  gtk_widget_class_bind_template_child (widget_class, DspRefundDialog, amount_group);
  gtk_widget_class_bind_template_child (widget_class, DspRefundDialog, full_row);
  gtk_widget_class_bind_template_child (widget_class, DspRefundDialog, full_check);
  gtk_widget_class_bind_template_child (widget_class, DspRefundDialog, partial_check);
  gtk_widget_class_bind_template_child (widget_class, DspRefundDialog, amount_row);
  gtk_widget_class_bind_template_child (widget_class, DspRefundDialog, order_row);
  gtk_widget_class_bind_template_child (widget_class, DspRefundDialog, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, on_choice_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_amount_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_refund_clicked);
}

static void
dsp_refund_dialog_init (DspRefundDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
