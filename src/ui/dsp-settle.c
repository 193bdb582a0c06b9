/* dsp-settle.c
 *
 * Every action that reaches Klarna is confirmed first, in words that say
 * what happens to the money; then it is the outbox's to send.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-settle"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-settle.h"

/* A form's problem, in words, or (NULL) none. */
void
dsp_settle_show_problem (GtkLabel   *label,
                         const char *problem)
{
  gtk_label_set_text (label, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (label), problem != NULL);
}

typedef struct {
  DspConfirmed   confirmed;
  gpointer       user_data;
  GDestroyNotify destroy;
} Confirm;

static void
on_response (AdwMessageDialog *dialog,
             const char       *response,
             Confirm          *confirm)
{
  /* Once only (closing after an answer would answer again), and the form
   * behind may close now: let go of it first. */
  g_signal_handlers_disconnect_by_func (dialog, on_response, confirm);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  if (g_strcmp0 (response, "confirm") == 0)
    confirm->confirmed (confirm->user_data);
  if (confirm->destroy)
    confirm->destroy (confirm->user_data);
  g_free (confirm);
}

/* Asks once; @confirmed runs only on the owner's yes. */
void
dsp_settle_confirm (GtkWindow      *parent,
                    const char     *heading,
                    const char     *body,
                    const char     *verb,
                    gboolean        destructive,
                    DspConfirmed    confirmed,
                    gpointer        user_data,
                    GDestroyNotify  destroy)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);
  Confirm *confirm = g_new0 (Confirm, 1);

  confirm->confirmed = confirmed;
  confirm->user_data = user_data;
  confirm->destroy = destroy;
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "confirm", verb, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "confirm",
                                              destructive ? ADW_RESPONSE_DESTRUCTIVE : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_response), confirm);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct {
  DspSource *source;
  DspAction *action;
  GtkWindow *form;
} Submit;

static void
submit_free (Submit *submit)
{
  g_object_unref (submit->source);
  dsp_action_unref (submit->action);
  g_clear_object (&submit->form);
  g_free (submit);
}

static void
on_send_confirmed (gpointer user_data)
{
  Submit *submit = user_data;

  dsp_outbox_submit (dsp_source_get_outbox (submit->source), submit->action);
  if (submit->form)
    gtk_window_destroy (submit->form);
}

/**
 * dsp_settle_confirm_and_send:
 * @form: (nullable): the dialog @action was filled in, closed once it is sent
 *
 * Asks, then hands @action to the source's outbox.
 */
void
dsp_settle_confirm_and_send (GtkWindow  *parent,
                             DspSource  *source,
                             DspAction  *action,
                             const char *heading,
                             const char *body,
                             const char *verb,
                             gboolean    destructive,
                             GtkWindow  *form)
{
  Submit *submit = g_new0 (Submit, 1);

  submit->source = g_object_ref (source);
  submit->action = dsp_action_ref (action);
  submit->form = form ? g_object_ref (form) : NULL;
  dsp_settle_confirm (parent, heading, body, verb, destructive, on_send_confirmed, submit,
                      (GDestroyNotify) submit_free);
}

/* "Accept the loss": Klarna closes the dispute; the withheld money stays with the customer. */
void
dsp_settle_accept_loss (GtkWindow  *parent,
                        DspSource  *source,
                        DspDispute *dispute)
{
  g_autofree char *amount = dsp_dispute_dup_amount_label (dispute);
  g_autofree char *heading = NULL, *body = NULL;
  g_autoptr(DspAction) action = dsp_action_new (DSP_ACTION_ACCEPT_LOSS, dsp_source_get_id (source),
                                                dsp_dispute_get_id (dispute));

  action->amount = dsp_dispute_get_amount (dispute);
  action->currency = g_strdup (dsp_dispute_get_currency (dispute));
  /* Translators: %s is an amount with its currency */
  heading = g_strdup_printf (_("Accept the Loss of %s?"), amount);
  body = g_strdup_printf (_("Klarna closes the dispute in the customer’s favour: the %s (%s) Klarna is holding "
                            "goes back to the customer and is not paid out to you. You cannot send evidence or "
                            "appeal afterwards, and this cannot be undone."),
                          amount, dsp_dispute_get_currency (dispute));
  dsp_settle_confirm_and_send (parent, source, action, heading, body, _("_Accept the Loss"), TRUE, NULL);
}
