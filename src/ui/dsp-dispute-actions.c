/* dsp-dispute-actions.c
 *
 * Links open through GIO (the OpenURI portal inside Flatpak); every action
 * that reaches Klarna is confirmed in its dialog, then sent by the outbox of
 * the dispute's store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-dispute-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-dispute-actions.h"
#include "dsp-evidence-dialog.h"
#include "dsp-mailto.h"
#include "dsp-refund-dialog.h"
#include "dsp-rules.h"
#include "dsp-settle.h"

#define MERCHANT_PORTAL "https://portal.klarna.com/"

struct _DspDisputeActions
{
  GObject             parent_instance;

  GtkWindow          *window;   /* weak: it owns us; dialogs open on it */
  DspDisputeList     *list;     /* where the dispute's store is found */
  GSimpleActionGroup *group;
  DspDispute         *dispute;
  DspSource          *source;
};

G_DEFINE_FINAL_TYPE (DspDisputeActions, dsp_dispute_actions, G_TYPE_OBJECT)

enum { PROP_0, PROP_DISPUTE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { NOTICE, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
toast (DspDisputeActions *self,
       const char        *message)
{
  g_signal_emit (self, signals[NOTICE], 0, message);
}

static DspOrder *
shown_order (DspDisputeActions *self)
{
  return self->source && self->dispute ? dsp_source_lookup_order (self->source, dsp_dispute_get_order_id (self->dispute)) : NULL;
}

static void
copy_text (DspDisputeActions *self,
           const char        *text)
{
  if (text == NULL || *text == '\0')
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self->window)), text);
  toast (self, _("Copied"));
}

/* "email", "phone" or "order" */
static void
copy_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  DspDisputeActions *self = user_data;
  const char *what = g_variant_get_string (parameter, NULL);
  DspOrder *order = shown_order (self);

  if (g_str_equal (what, "email"))
    copy_text (self, order ? dsp_order_get_email (order) : NULL);
  else if (g_str_equal (what, "phone"))
    copy_text (self, order ? dsp_order_get_phone (order) : NULL);
  else if (g_str_equal (what, "order") && self->dispute)
    copy_text (self, dsp_dispute_get_display_reference (self->dispute));
}

typedef struct {
  DspDisputeActions *self;
  char              *fallback;   /* copied when no app opens the link */
} Launch;

static void
on_launched (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Launch *launch = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error) && launch->self->window)
    {
      g_debug ("Could not open a link: %s", error->message);
      if (launch->fallback)
        {
          gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (launch->self->window)), launch->fallback);
          toast (launch->self, _("No app could open it; copied instead"));
        }
      else
        toast (launch->self, _("No app could open the link"));
    }
  g_object_unref (launch->self);
  g_free (launch->fallback);
  g_free (launch);
}

static void
open_uri (DspDisputeActions *self,
          const char        *uri,
          const char        *fallback)
{
  Launch *launch = g_new0 (Launch, 1);
  g_autoptr(GdkAppLaunchContext) context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self->window)));

  launch->self = g_object_ref (self);
  launch->fallback = g_strdup (fallback);
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL, on_launched, launch);
}

/* The mail client, prefilled with the order, amount and reason. */
static void
email_customer_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  DspDisputeActions *self = user_data;
  DspOrder *order = shown_order (self);
  g_autofree char *shop = self->source ? dsp_source_dup_name (self->source) : NULL;
  g_autofree char *uri = self->dispute ? dsp_mailto_for (self->dispute, order, shop) : NULL;

  if (uri == NULL)
    toast (self, _("This order has no usable e-mail address"));
  else
    open_uri (self, uri, dsp_order_get_email (order));
}

static void
open_portal_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  open_uri (user_data, MERCHANT_PORTAL, NULL);
}

static void
refund_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  DspDisputeActions *self = user_data;

  gtk_window_present (GTK_WINDOW (dsp_refund_dialog_new (self->window, self->source, self->dispute,
                                                         shown_order (self))));
}

typedef struct {
  DspDisputeList *list;
  char           *source_id;
  char           *dispute_id;
} Drafted;

static void
drafted_free (gpointer data,
              GClosure *closure)
{
  Drafted *drafted = data;

  g_object_unref (drafted->list);
  g_free (drafted->source_id);
  g_free (drafted->dispute_id);
  g_free (drafted);
}

static void
on_draft_changed (DspEvidenceDialog *dialog,
                  gboolean           kept,
                  Drafted           *drafted)
{
  dsp_dispute_list_set_drafted (drafted->list, drafted->source_id, drafted->dispute_id, kept);
}

/* Evidence or an appeal: its dialog, whose draft the row shows. */
static void
open_answer (DspDisputeActions *self,
             DspActionKind      kind)
{
  DspEvidenceDialog *dialog = dsp_evidence_dialog_new (self->window, self->source, self->dispute, kind);
  Drafted *drafted = g_new0 (Drafted, 1);

  drafted->list = g_object_ref (self->list);  /* the window's: always there */
  drafted->source_id = g_strdup (dsp_source_get_id (self->source));
  drafted->dispute_id = g_strdup (dsp_dispute_get_id (self->dispute));
  g_signal_connect_data (dialog, "draft-changed", G_CALLBACK (on_draft_changed), drafted, drafted_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
respond_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  DspDisputeActions *self = user_data;

  open_answer (self, DSP_ACTION_REPRESENT);
}

static void
appeal_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  DspDisputeActions *self = user_data;

  open_answer (self, DSP_ACTION_APPEAL);
}

static void
accept_loss_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  DspDisputeActions *self = user_data;

  dsp_settle_accept_loss (self->window, self->source, self->dispute);
}

/* One of the dispute's actions in the outbox, by id. */
static DspAction *
find_action (DspDisputeActions *self,
             GVariant          *parameter)
{
  g_autoptr(GPtrArray) actions = NULL;

  if (self->source == NULL || self->dispute == NULL)
    return NULL;
  actions = dsp_outbox_list_for (dsp_source_get_outbox (self->source), dsp_dispute_get_id (self->dispute));
  for (guint i = 0; i < actions->len; i++)
    if (((DspAction *) g_ptr_array_index (actions, i))->id == g_variant_get_int64 (parameter))
      return g_ptr_array_index (actions, i);
  return NULL;
}

static void
send_now_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  DspDisputeActions *self = user_data;

  if (find_action (self, parameter))
    dsp_outbox_retry_now (dsp_source_get_outbox (self->source));
}

static void
dismiss_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  DspDisputeActions *self = user_data;
  DspAction *found = find_action (self, parameter);

  if (found)
    dsp_outbox_dismiss (dsp_source_get_outbox (self->source), found);
}

/* The owner's note with the "resolved" mark. */
static void
resolved_note_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  DspDisputeActions *self = user_data;

  if (self->source == NULL || self->dispute == NULL)
    return;
  dsp_source_set_resolved_note (self->source, dsp_dispute_get_id (self->dispute), g_variant_get_string (parameter, NULL));
  dsp_dispute_set_resolved_note (self->dispute, g_variant_get_string (parameter, NULL));
  toast (self, _("Note saved"));
}

static const GActionEntry entries[] = {
  { "copy", copy_action, "s" },
  { "email-customer", email_customer_action },
  { "open-portal", open_portal_action },
  { "refund", refund_action },
  { "respond", respond_action },
  { "appeal", appeal_action },
  { "accept-loss", accept_loss_action },
  { "send-now", send_now_action, "x" },
  { "dismiss-action", dismiss_action, "x" },
  { "resolved-note", resolved_note_action, "s" },
};

static void
set_enabled (DspDisputeActions *self,
             const char        *name,
             gboolean           enabled)
{
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->group), name)),
                               enabled);
}

/* @dispute: (nullable): the one on screen (bound to the selection) */
void
dsp_dispute_actions_set_dispute (DspDisputeActions *self,
                                 DspDispute        *dispute)
{
  DspSource *source;
  gboolean here;

  g_return_if_fail (DSP_IS_DISPUTE_ACTIONS (self));

  source = dispute && self->list ? dsp_dispute_list_find_source (self->list, dsp_dispute_get_source_id (dispute)) : NULL;
  here = dispute != NULL && source != NULL;
  g_set_object (&self->source, source);
  if (g_set_object (&self->dispute, dispute))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPUTE]);
  set_enabled (self, "refund", here && dsp_rules_can_refund (dispute));
  set_enabled (self, "respond", here && dsp_rules_can_respond (dispute));
  set_enabled (self, "appeal", here && dsp_rules_can_appeal (dispute));
  set_enabled (self, "accept-loss", here && dsp_rules_can_accept_loss (dispute));
  set_enabled (self, "email-customer", here);
  set_enabled (self, "send-now", here);
  set_enabled (self, "dismiss-action", here);
  set_enabled (self, "resolved-note", here);
}

GActionGroup *
dsp_dispute_actions_get_group (DspDisputeActions *self)
{
  g_return_val_if_fail (DSP_IS_DISPUTE_ACTIONS (self), NULL);
  return G_ACTION_GROUP (self->group);
}

DspDisputeActions *
dsp_dispute_actions_new (GtkWindow      *window,
                         DspDisputeList *list)
{
  DspDisputeActions *self = g_object_new (DSP_TYPE_DISPUTE_ACTIONS, NULL);

  self->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);
  self->list = g_object_ref (list);
  dsp_dispute_actions_set_dispute (self, NULL);
  return self;
}

static void
dsp_dispute_actions_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_DISPUTE:
      g_value_set_object (value, DSP_DISPUTE_ACTIONS (object)->dispute);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dsp_dispute_actions_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_DISPUTE:
      dsp_dispute_actions_set_dispute (DSP_DISPUTE_ACTIONS (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dsp_dispute_actions_dispose (GObject *object)
{
  DspDisputeActions *self = DSP_DISPUTE_ACTIONS (object);

  g_clear_object (&self->dispute);
  g_clear_object (&self->source);
  g_clear_object (&self->list);

  G_OBJECT_CLASS (dsp_dispute_actions_parent_class)->dispose (object);
}

static void
dsp_dispute_actions_finalize (GObject *object)
{
  DspDisputeActions *self = DSP_DISPUTE_ACTIONS (object);

  if (self->window)
    g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
  g_clear_object (&self->group);

  G_OBJECT_CLASS (dsp_dispute_actions_parent_class)->finalize (object);
}

static void
dsp_dispute_actions_class_init (DspDisputeActionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = dsp_dispute_actions_get_property;
  object_class->set_property = dsp_dispute_actions_set_property;
  object_class->dispose = dsp_dispute_actions_dispose;
  object_class->finalize = dsp_dispute_actions_finalize;

  properties[PROP_DISPUTE] =
    g_param_spec_object ("dispute", NULL, NULL, DSP_TYPE_DISPUTE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Something to say to the owner ("Copied"): the window's toast says it. */
  signals[NOTICE] = g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
dsp_dispute_actions_init (DspDisputeActions *self)
{
  self->group = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->group), entries, G_N_ELEMENTS (entries), self);
}
