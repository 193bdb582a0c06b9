/* dsp-dispute.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-dispute"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dsp-client-error.h"
#include "dsp-dispute.h"
#include "dsp-json.h"
#include "dsp-labels.h"
#include "dsp-money.h"
#include "dsp-shared.h"
#include "dsp-time.h"

/* Everything Klarna says about the dispute: replaced whole when a newer
 * version arrives, so the object (and the list row showing it) stays. */
typedef struct
{
  char        *reason;
  char        *state;
  char        *representment_state;
  char        *order_id;
  char        *purchase_reference;
  char        *merchant_reference2;
  char        *transaction_id;
  char        *currency;
  char        *created_by;
  char        *framework;
  gint64       amount;
  gint64       created_at;
  gint64       updated_at;
  gint64       requested_at;
  gint64       response_deadline;
  gint64       appeal_deadline;
  gint64       closed_at;
  char        *question;
  DspEvidence *partner_evidence;
  DspEvidence *appeal;
  GPtrArray   *customer_evidence;
  GPtrArray   *process_exceptions;
  char        *preliminary_outcome;
  char        *preliminary_outcome_detailed;
  char        *outcome;
  char        *outcome_detailed;
  DspStatus    status;
} Data;

struct _DspDispute
{
  GObject  parent_instance;

  char    *id;
  Data     d;
  char    *customer_name;
  gint64   resolved_at;   /* the owner's own mark, kept across Klarna's versions */
  char    *resolved_note; /* and what they noted with it */
  char    *source_id;
  char    *store_name;
};

G_DEFINE_FINAL_TYPE (DspDispute, dsp_dispute, G_TYPE_OBJECT)

/* Texts many disputes share (a store's name, Klarna's standard question, a
 * returning customer, a code such as "INITIATED" or "EUR") go through
 * dsp-shared.c: one copy, counted, freed with its last user — not kept for
 * good, as hostile values would grow memory without bound. */
static char *
code_dup (JsonObject *object,
          const char *member)
{
  return dsp_shared_dup (dsp_json_code (object, member));
}

enum {
  PROP_0,
  PROP_CUSTOMER_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
attachment_free (gpointer data)
{
  DspAttachment *attachment = data;

  g_free (attachment->id);
  dsp_shared_clear (&attachment->description);
  dsp_shared_clear (&attachment->mime_type);
  g_free (attachment);
}

static void
evidence_free (DspEvidence *evidence)
{
  if (evidence == NULL)
    return;
  g_free (evidence->text);
  g_ptr_array_unref (evidence->attachments);
  g_free (evidence);
}

/* Customer evidence nests the file in "attachment"; the merchant's does not. */
static GPtrArray *
parse_attachments (JsonArray *array)
{
  GPtrArray *attachments = g_ptr_array_new_with_free_func (attachment_free);
  guint n = array ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *item, *file;
      DspAttachment *attachment;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      item = json_node_get_object (node);
      file = dsp_json_object (item, "attachment");
      if (file == NULL)
        file = item;

      attachment = g_new0 (DspAttachment, 1);
      attachment->id = dsp_json_dup_string (item, "payment_dispute_attachment_id");
      if (attachment->id == NULL)
        attachment->id = dsp_json_dup_string (item, "payment_dispute_customer_evidence_id");
      attachment->description = dsp_shared_dup (dsp_json_string (file, "description"));
      attachment->mime_type = code_dup (file, "mime_type");
      g_ptr_array_add (attachments, attachment);
    }
  return attachments;
}

static DspEvidence *
parse_evidence (JsonObject *object,
                const char *time_member)
{
  DspEvidence *evidence;

  if (object == NULL)
    return NULL;
  evidence = g_new0 (DspEvidence, 1);
  evidence->created_at = dsp_json_time (object, time_member);
  evidence->text = dsp_json_dup_string (object, "additional_information");
  evidence->attachments = parse_attachments (dsp_json_array (object, "attachments"));
  return evidence;
}

static GPtrArray *
parse_exceptions (JsonArray *array)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  guint n = array ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *item;
      const char *text;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      item = json_node_get_object (node);
      text = dsp_json_string (item, "description");
      if (text == NULL)
        text = dsp_json_string (item, "reason");
      if (text == NULL)
        text = dsp_json_string (item, "exception_type");
      if (text != NULL)
        g_ptr_array_add (lines, g_strdup (text));
    }
  return lines;
}

/* A hundred thousand disputes mostly have no such list: keep nothing then. */
static GPtrArray *
none_if_empty (GPtrArray *array)
{
  if (array->len > 0)
    return array;
  g_ptr_array_unref (array);
  return NULL;
}

/* INITIATED nests "representment" in state_context; later states put it at the top. */
static JsonObject *
member_anywhere (JsonObject *object,
                 JsonObject *context,
                 const char *member)
{
  JsonObject *found = dsp_json_object (object, member);

  return found ? found : dsp_json_object (context, member);
}

static void
parse_representment (DspDispute *self,
                     JsonObject *object,
                     JsonObject *context)
{
  JsonObject *rep = member_anywhere (object, context, "representment");
  JsonObject *request = dsp_json_object (rep, "request");
  JsonObject *evidence = dsp_json_object (rep, "partner_evidence");

  if (evidence == NULL)
    evidence = dsp_json_object (context, "partner_evidence");

  self->d.representment_state = code_dup (rep, "state");
  self->d.response_deadline = dsp_json_time (rep, "expires_at");
  self->d.requested_at = dsp_json_time (request, "requested_at");
  self->d.question = dsp_shared_dup (dsp_json_string (request, "additional_information"));
  self->d.partner_evidence = parse_evidence (evidence, "created_at");
}

static void
parse_arbitration (DspDispute *self,
                   JsonObject *object,
                   JsonObject *context)
{
  JsonObject *arb = member_anywhere (object, context, "arbitration");

  self->d.preliminary_outcome = code_dup (arb, "preliminary_outcome");
  self->d.preliminary_outcome_detailed = code_dup (arb, "preliminary_outcome_detailed");
  self->d.appeal = parse_evidence (dsp_json_object (arb, "arbitration_request"), "requested_at");
  self->d.appeal_deadline = dsp_json_time (context, "arbitration_expires_at");
  if (self->d.appeal_deadline == 0)
    self->d.appeal_deadline = dsp_json_time (arb, "arbitration_expires_at");
}

static void
parse_closure (DspDispute *self,
               JsonObject *object,
               JsonObject *context)
{
  self->d.outcome = code_dup (context, "dispute_outcome");
  if (self->d.outcome == NULL)
    self->d.outcome = code_dup (object, "dispute_outcome");
  self->d.outcome_detailed = code_dup (context, "dispute_outcome_detailed");
  if (self->d.outcome_detailed == NULL)
    self->d.outcome_detailed = code_dup (object, "dispute_outcome_detailed");
  self->d.closed_at = dsp_json_time (context, "closed_at");
  if (self->d.closed_at == 0)
    self->d.closed_at = dsp_json_time (object, "closed_at");
}

static void
parse_details (DspDispute *self,
               JsonObject *object)
{
  JsonObject *details = dsp_json_object (object, "dispute_details");
  JsonObject *configuration = dsp_json_object (object, "configuration");

  if (!dsp_json_int (details, "dispute_amount", &self->d.amount))
    self->d.amount = 0;
  self->d.currency = code_dup (details, "currency");
  self->d.created_by = code_dup (details, "created_by");
  self->d.framework = code_dup (configuration, "base_framework");
}

static DspStatus compute_status (DspDispute *self);

DspDispute *
dsp_dispute_new_from_json (JsonObject  *object,
                           GError     **error)
{
  g_autoptr(DspDispute) self = NULL;
  const char *id = dsp_json_string (object, "payment_dispute_id");
  JsonObject *context = dsp_json_object (object, "state_context");

  if (id == NULL || *id == '\0' || strlen (id) > 255)
    {
      g_set_error_literal (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_MALFORMED,
                           _("Klarna sent a dispute without a valid identifier."));
      return NULL;
    }

  self = g_object_new (DSP_TYPE_DISPUTE, NULL);
  self->id = g_strdup (id);
  self->d.reason = code_dup (object, "dispute_reason");
  self->d.state = code_dup (object, "state");
  self->d.order_id = dsp_json_dup_string (object, "order_id");
  self->d.purchase_reference = dsp_json_dup_string (object, "purchase_reference");
  self->d.merchant_reference2 = dsp_json_dup_string (object, "merchant_reference2");
  if (self->d.merchant_reference2 == NULL)
    self->d.merchant_reference2 = dsp_json_dup_string (object, "merchant_reference_2");
  self->d.transaction_id = dsp_json_dup_string (object, "payment_transaction_id");
  self->d.created_at = dsp_json_time (object, "created_at");
  self->d.updated_at = dsp_json_time (object, "updated_at");
  parse_details (self, object);
  parse_representment (self, object, context);
  parse_arbitration (self, object, context);
  parse_closure (self, object, context);
  self->d.customer_evidence = none_if_empty (parse_attachments (dsp_json_array (object, "customer_evidences")));
  self->d.process_exceptions = none_if_empty (parse_exceptions (dsp_json_array (object, "process_exceptions")));
  self->d.status = compute_status (self);

  return g_steal_pointer (&self);
}

static void
data_clear (Data *d)
{
  g_free (d->order_id);
  g_free (d->purchase_reference);
  g_free (d->merchant_reference2);
  g_free (d->transaction_id);
  dsp_shared_clear (&d->question);
  dsp_shared_clear (&d->reason);
  dsp_shared_clear (&d->state);
  dsp_shared_clear (&d->representment_state);
  dsp_shared_clear (&d->currency);
  dsp_shared_clear (&d->created_by);
  dsp_shared_clear (&d->framework);
  dsp_shared_clear (&d->preliminary_outcome);
  dsp_shared_clear (&d->preliminary_outcome_detailed);
  dsp_shared_clear (&d->outcome);
  dsp_shared_clear (&d->outcome_detailed);
  evidence_free (d->partner_evidence);
  evidence_free (d->appeal);
  g_clear_pointer (&d->customer_evidence, g_ptr_array_unref);
  g_clear_pointer (&d->process_exceptions, g_ptr_array_unref);
  memset (d, 0, sizeof *d);
}

static void
dsp_dispute_finalize (GObject *object)
{
  DspDispute *self = DSP_DISPUTE (object);

  g_free (self->id);
  data_clear (&self->d);
  dsp_shared_clear (&self->customer_name);
  g_free (self->resolved_note);
  dsp_shared_clear (&self->source_id);
  dsp_shared_clear (&self->store_name);

  G_OBJECT_CLASS (dsp_dispute_parent_class)->finalize (object);
}

/* Takes @newer's data (same dispute, later version); @newer is left empty.
 * Rows showing @self hear "changed". */
void
dsp_dispute_update_from (DspDispute *self,
                         DspDispute *newer)
{
  g_return_if_fail (DSP_IS_DISPUTE (self));
  g_return_if_fail (DSP_IS_DISPUTE (newer));
  g_return_if_fail (g_strcmp0 (self->id, newer->id) == 0);

  data_clear (&self->d);
  self->d = newer->d;
  memset (&newer->d, 0, sizeof newer->d);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
dsp_dispute_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DspDispute *self = DSP_DISPUTE (object);

  switch (prop_id)
    {
    case PROP_CUSTOMER_NAME:
      g_value_set_string (value, self->customer_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dsp_dispute_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DspDispute *self = DSP_DISPUTE (object);

  switch (prop_id)
    {
    case PROP_CUSTOMER_NAME:
      dsp_dispute_set_customer_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dsp_dispute_class_init (DspDisputeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dsp_dispute_finalize;
  object_class->get_property = dsp_dispute_get_property;
  object_class->set_property = dsp_dispute_set_property;

  /* The dispute carries no customer data: the name comes from the order. */
  properties[PROP_CUSTOMER_NAME] =
    g_param_spec_string ("customer-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A newer version from Klarna replaced what the dispute says. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dsp_dispute_init (DspDispute *self)
{
}

#define GETTER(type, name, field) \
  type dsp_dispute_get_##name (DspDispute *self) \
  { \
    g_return_val_if_fail (DSP_IS_DISPUTE (self), 0); \
    return self->field; \
  }

GETTER (const char *, id, id)
GETTER (const char *, reason, d.reason)
GETTER (const char *, state, d.state)
GETTER (const char *, representment_state, d.representment_state)
GETTER (const char *, order_id, d.order_id)
GETTER (const char *, purchase_reference, d.purchase_reference)
GETTER (const char *, merchant_reference2, d.merchant_reference2)
GETTER (const char *, transaction_id, d.transaction_id)
GETTER (const char *, currency, d.currency)
GETTER (const char *, created_by, d.created_by)
GETTER (const char *, framework, d.framework)
GETTER (gint64, amount, d.amount)
GETTER (gint64, created_at, d.created_at)
GETTER (gint64, updated_at, d.updated_at)
GETTER (gint64, closed_at, d.closed_at)
GETTER (gint64, requested_at, d.requested_at)
GETTER (gint64, response_deadline, d.response_deadline)
GETTER (gint64, appeal_deadline, d.appeal_deadline)
GETTER (const char *, question, d.question)
GETTER (const DspEvidence *, partner_evidence, d.partner_evidence)
GETTER (const DspEvidence *, appeal, d.appeal)
GETTER (GPtrArray *, customer_evidence, d.customer_evidence)
GETTER (GPtrArray *, process_exceptions, d.process_exceptions)
GETTER (const char *, outcome, d.outcome)
GETTER (const char *, outcome_detailed, d.outcome_detailed)
GETTER (const char *, preliminary_outcome, d.preliminary_outcome)
GETTER (const char *, preliminary_outcome_detailed, d.preliminary_outcome_detailed)
GETTER (const char *, customer_name, customer_name)
GETTER (const char *, source_id, source_id)
GETTER (const char *, store_name, store_name)
/* Klarna's state, without the owner's mark */
GETTER (DspStatus, klarna_status, d.status)

#undef GETTER

/* The order number a shop owner recognises, else Klarna's order id. */
const char *
dsp_dispute_get_display_reference (DspDispute *self)
{
  g_return_val_if_fail (DSP_IS_DISPUTE (self), NULL);

  if (self->d.purchase_reference && *self->d.purchase_reference)
    return self->d.purchase_reference;
  if (self->d.order_id && *self->d.order_id)
    return self->d.order_id;
  return self->id;
}

static gboolean
state_is (DspDispute *self,
          const char *state)
{
  return self->d.state && g_ascii_strcasecmp (self->d.state, state) == 0;
}

static DspStatus
compute_status (DspDispute *self)
{
  if (state_is (self, "CLOSED"))
    {
      if (self->d.outcome && g_ascii_strcasecmp (self->d.outcome, "WON") == 0)
        return DSP_STATUS_WON;
      if (self->d.outcome && g_ascii_strcasecmp (self->d.outcome, "LOST") == 0)
        return DSP_STATUS_LOST;
      return DSP_STATUS_CLOSED;
    }
  /* An older (FRAMEWORK_2020) dispute stays INITIATED after the evidence:
   * Klarna is then reviewing it, nothing is asked of the owner. */
  if (state_is (self, "INITIATED") && self->d.representment_state &&
      g_ascii_strcasecmp (self->d.representment_state, "EVIDENCE_RECEIVED") == 0)
    return DSP_STATUS_IN_REVIEW;
  if (state_is (self, "INITIATED") ||
      (self->d.representment_state &&
       g_ascii_strcasecmp (self->d.representment_state, "EVIDENCE_REQUESTED") == 0))
    return DSP_STATUS_NEEDS_RESPONSE;
  if (state_is (self, "REPRESENTMENT"))
    return DSP_STATUS_IN_REVIEW;
  if (state_is (self, "PRE_ARBITRATION"))
    return DSP_STATUS_PRELIMINARY_LOSS;
  if (state_is (self, "ARBITRATION"))
    return DSP_STATUS_APPEAL_REVIEW;
  return DSP_STATUS_UNKNOWN;
}

/* Computed once per version: sorting a hundred thousand rows asks often.
 * The owner's mark covers an open dispute until Klarna closes it. */
DspStatus
dsp_dispute_get_status (DspDispute *self)
{
  g_return_val_if_fail (DSP_IS_DISPUTE (self), DSP_STATUS_UNKNOWN);

  return dsp_status_with_mark (self->d.status, self->resolved_at);
}

/* The owner's mark covers what Klarna has not closed yet. */
DspStatus
dsp_status_with_mark (DspStatus klarna,
                      gint64    resolved_at)
{
  if (resolved_at != 0 && klarna != DSP_STATUS_WON && klarna != DSP_STATUS_LOST && klarna != DSP_STATUS_CLOSED)
    return DSP_STATUS_RESOLVED;
  return klarna;
}

/* The deadline Klarna's own state sets: to respond, or to appeal. */
gint64
dsp_dispute_get_due (DspDispute *self)
{
  g_return_val_if_fail (DSP_IS_DISPUTE (self), 0);

  if (self->d.status == DSP_STATUS_NEEDS_RESPONSE)
    return self->d.response_deadline;
  if (self->d.status == DSP_STATUS_PRELIMINARY_LOSS)
    return self->d.appeal_deadline;
  return 0;
}

gint64
dsp_dispute_get_resolved_at (DspDispute *self)
{
  g_return_val_if_fail (DSP_IS_DISPUTE (self), 0);
  return self->resolved_at;
}

/* 0 takes the mark away. Rows showing the dispute hear "changed". */
void
dsp_dispute_set_resolved_at (DspDispute *self,
                             gint64      resolved_at)
{
  g_return_if_fail (DSP_IS_DISPUTE (self));

  if (self->resolved_at == resolved_at)
    return;
  self->resolved_at = resolved_at;
  g_signal_emit (self, signals[CHANGED], 0);
}

const char *
dsp_dispute_get_resolved_note (DspDispute *self)
{
  g_return_val_if_fail (DSP_IS_DISPUTE (self), NULL);
  return self->resolved_note;
}

void
dsp_dispute_set_resolved_note (DspDispute *self,
                               const char *note)
{
  g_return_if_fail (DSP_IS_DISPUTE (self));

  if (g_strcmp0 (self->resolved_note, note && *note ? note : NULL) == 0)
    return;
  g_free (self->resolved_note);
  self->resolved_note = note && *note ? g_strdup (note) : NULL;
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The deadline the owner must act by, or 0 when nothing is asked of them. */
gint64
dsp_dispute_get_deadline (DspDispute *self)
{
  switch (dsp_dispute_get_status (self))
    {
    case DSP_STATUS_NEEDS_RESPONSE:
      return self->d.response_deadline;
    case DSP_STATUS_PRELIMINARY_LOSS:
      return self->d.appeal_deadline;
    case DSP_STATUS_IN_REVIEW:
    case DSP_STATUS_APPEAL_REVIEW:
    case DSP_STATUS_WON:
    case DSP_STATUS_LOST:
    case DSP_STATUS_CLOSED:
    case DSP_STATUS_UNKNOWN:
    case DSP_STATUS_RESOLVED:
    default:
      return 0;
    }
}

/* The table in product.md; rows leave the dates to the countdown. */
char *
dsp_dispute_dup_status_label (DspDispute *self,
                              gboolean    with_dates)
{
  return dsp_status_dup_label (dsp_dispute_get_status (self), self->d.state, self->d.appeal_deadline, with_dates);
}

/* @state: Klarna's own word, shown tidied when the state is not one we know */
char *
dsp_status_dup_label (DspStatus   status,
                      const char *state,
                      gint64      appeal_deadline,
                      gboolean    with_dates)
{
  g_autofree char *when = NULL;

  switch (status)
    {
    case DSP_STATUS_NEEDS_RESPONSE:
      return g_strdup (_("Needs your response"));
    case DSP_STATUS_IN_REVIEW:
      return g_strdup (_("Klarna is reviewing"));
    case DSP_STATUS_PRELIMINARY_LOSS:
      if (appeal_deadline == 0 || !with_dates)
        return g_strdup (_("Preliminary loss — appeal possible"));
      when = dsp_time_format_local (appeal_deadline);
      /* Translators: %s is a date and time */
      return g_strdup_printf (_("Preliminary loss — appeal possible until %s"), when);
    case DSP_STATUS_APPEAL_REVIEW:
      return g_strdup (_("Klarna is reviewing your appeal"));
    case DSP_STATUS_WON:
      return g_strdup (_("Won — invoice reactivated"));
    case DSP_STATUS_LOST:
      return g_strdup (_("Lost — charged back"));
    case DSP_STATUS_CLOSED:
      return g_strdup (_("Closed"));
    case DSP_STATUS_RESOLVED:
      return g_strdup (_("Resolved by you — waiting for Klarna to close"));
    case DSP_STATUS_UNKNOWN:
    default:
      return dsp_code_tidy (state);
    }
}

char *
dsp_dispute_dup_reason_label (DspDispute *self)
{
  return dsp_reason_to_string (self->d.reason);
}

char *
dsp_dispute_dup_amount_label (DspDispute *self)
{
  return dsp_money_format (self->d.amount, self->d.currency);
}

void
dsp_dispute_set_customer_name (DspDispute *self,
                               const char *name)
{
  g_return_if_fail (DSP_IS_DISPUTE (self));

  if (g_strcmp0 (self->customer_name, name) == 0)
    return;
  dsp_shared_set (&self->customer_name, name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_NAME]);
}

/* Which account the dispute came from, and the store's name to show (NULL
 * for the demo, which is one store). Set once, before the dispute is shown. */
void
dsp_dispute_set_source (DspDispute *self,
                        const char *source_id,
                        const char *store_name)
{
  g_return_if_fail (DSP_IS_DISPUTE (self));

  dsp_shared_set (&self->source_id, source_id);
  dsp_shared_set (&self->store_name, store_name);
}

/* A dispute is its store's: two stores may hand out the same id. */
gboolean
dsp_dispute_is (DspDispute *self,
                const char *source_id,
                const char *dispute_id)
{
  g_return_val_if_fail (DSP_IS_DISPUTE (self), FALSE);

  return g_strcmp0 (self->id, dispute_id) == 0 &&
         g_strcmp0 (self->source_id ? self->source_id : "", source_id ? source_id : "") == 0;
}

/* How an action's target names a dispute (a row's menu, a toast's Undo, a
 * notification's buttons): "(ss)", its source's id and its own id. */
GVariant *
dsp_dispute_ref_new (const char *source_id,
                     const char *dispute_id)
{
  return g_variant_new ("(ss)", source_id ? source_id : "", dispute_id ? dispute_id : "");
}

GVariant *
dsp_dispute_to_ref (DspDispute *self)
{
  g_return_val_if_fail (DSP_IS_DISPUTE (self), NULL);

  return dsp_dispute_ref_new (self->source_id, self->id);
}

/* 0 what needs the owner, 1 what Klarna reviews (or the owner settled),
 * 2 unknown, 3 closed. */
int
dsp_status_urgency_group (DspStatus status)
{
  switch (status)
    {
    case DSP_STATUS_NEEDS_RESPONSE:
    case DSP_STATUS_PRELIMINARY_LOSS:
      return 0;
    case DSP_STATUS_IN_REVIEW:
    case DSP_STATUS_APPEAL_REVIEW:
    case DSP_STATUS_RESOLVED:
      return 1;
    case DSP_STATUS_UNKNOWN:
      return 2;
    case DSP_STATUS_WON:
    case DSP_STATUS_LOST:
    case DSP_STATUS_CLOSED:
    default:
      return 3;
    }
}

/* Within its group, what comes first: the nearest deadline (none last),
 * else the latest change (for closed ones, the latest closing). */
gint64
dsp_urgency_key (int    group,
                 gint64 deadline,
                 gint64 updated_at,
                 gint64 closed_at)
{
  if (group == 0)
    return deadline != 0 ? deadline : G_MAXINT64;
  if (group == 3 && closed_at != 0)
    return -closed_at;
  return -updated_at;
}

int
dsp_dispute_get_urgency_group (DspDispute *self)
{
  return dsp_status_urgency_group (dsp_dispute_get_status (self));
}

gint64
dsp_dispute_get_urgency_key (DspDispute *self)
{
  return dsp_urgency_key (dsp_dispute_get_urgency_group (self), dsp_dispute_get_deadline (self),
                          self->d.updated_at, self->d.closed_at);
}

/* Most urgent first: what needs action by nearest deadline, then what Klarna
 * is reviewing, then the closed ones, newest first; ties by id. For the
 * disputes and for the list's items alike. */
int
dsp_urgency_compare (int         group_a,
                     gint64      key_a,
                     const char *id_a,
                     int         group_b,
                     gint64      key_b,
                     const char *id_b)
{
  if (group_a != group_b)
    return group_a - group_b;
  if (key_a != key_b)
    return key_a < key_b ? -1 : 1;
  return g_strcmp0 (id_a, id_b);
}

int
dsp_dispute_compare_urgency (DspDispute *a,
                             DspDispute *b)
{
  return dsp_urgency_compare (dsp_dispute_get_urgency_group (a), dsp_dispute_get_urgency_key (a), a->id,
                              dsp_dispute_get_urgency_group (b), dsp_dispute_get_urgency_key (b), b->id);
}
