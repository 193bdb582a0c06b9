/* dsp-sim-dispute-json.c — a simulated dispute as Klarna's V4 JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-simulator"

#include "config.h"

#include "dsp-sim-dispute.h"
#include "dsp-sim-json.h"
#include "klarna/dsp-time.h"

static char *
attachment_url (const char *base_url,
                const char *dispute_id,
                const char *attachment_id)
{
  g_autofree char *escaped = g_uri_escape_string (dispute_id, ":", FALSE);

  return g_strdup_printf ("%s/v4/payment/disputes/%s/attachments/%s/download",
                          base_url, escaped, attachment_id);
}

/* Like every optional array Klarna sends, left out when it would be empty. */
static void
add_attachments (JsonBuilder *builder,
                 SimDispute  *dispute,
                 GPtrArray   *items,
                 const char  *base_url)
{
  if (items->len == 0)
    return;
  json_builder_set_member_name (builder, "attachments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    {
      SimEvidenceItem *item = g_ptr_array_index (items, i);
      g_autofree char *url = attachment_url (base_url, dispute->id, item->id);

      json_builder_begin_object (builder);
      sim_json_add_string (builder, "payment_dispute_attachment_id", item->id);
      sim_json_add_string (builder, "description", item->description);
      sim_json_add_string (builder, "mime_type", item->mime_type);
      sim_json_add_string (builder, "url", url);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* What the merchant sent: evidence (@appeal FALSE) or an appeal. */
static void
add_submission (JsonBuilder *builder,
                SimDispute  *dispute,
                gboolean     appeal,
                const char  *time_member,
                const char  *base_url)
{
  const char *text = appeal ? dispute->appeal_text : dispute->evidence_text;

  sim_json_add_time (builder, time_member, appeal ? dispute->appeal_at : dispute->evidence_at);
  sim_json_add_string (builder, "additional_information", text ? text : "");
  add_attachments (builder, dispute, appeal ? dispute->appeal_attachments : dispute->evidence_attachments,
                   base_url);
}

static void
add_partner_evidence (JsonBuilder *builder,
                      SimDispute  *dispute,
                      const char  *base_url)
{
  json_builder_set_member_name (builder, "partner_evidence");
  json_builder_begin_object (builder);
  add_submission (builder, dispute, FALSE, "created_at", base_url);
  json_builder_end_object (builder);
}

static void
add_representment (JsonBuilder *builder,
                   SimDispute  *dispute,
                   const char  *base_url)
{
  static const char *names[] = {
    "EVIDENCE_REQUESTED", "EVIDENCE_RECEIVED", "EVIDENCE_REQUEST_EXPIRED", "EVIDENCE_WAIVED",
  };

  json_builder_set_member_name (builder, "representment");
  json_builder_begin_object (builder);
  sim_json_add_string (builder, "state", names[dispute->rep_state]);
  sim_json_add_time (builder, "expires_at", dispute->expires_at);
  json_builder_set_member_name (builder, "request");
  json_builder_begin_object (builder);
  sim_json_add_time (builder, "requested_at", dispute->created_at);
  sim_json_add_string (builder, "additional_information", dispute->question);
  json_builder_end_object (builder);
  if (dispute->evidence_at)
    add_partner_evidence (builder, dispute, base_url);
  json_builder_end_object (builder);
}

static void
add_arbitration (JsonBuilder *builder,
                 SimDispute  *dispute,
                 const char  *base_url)
{
  json_builder_set_member_name (builder, "arbitration");
  json_builder_begin_object (builder);
  sim_json_add_string (builder, "preliminary_outcome", "LOST");
  sim_json_add_string (builder, "preliminary_outcome_detailed", "insufficient_proof_of_delivery");
  if (dispute->appeal_at)
    {
      json_builder_set_member_name (builder, "arbitration_request");
      json_builder_begin_object (builder);
      add_submission (builder, dispute, TRUE, "requested_at", base_url);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

/* Where things sit depends on the state: INITIATED nests the representment
 * in state_context; later states put it at the top level. */
static void
add_state_context (JsonBuilder *builder,
                   SimDispute  *dispute,
                   const char  *base_url)
{
  json_builder_set_member_name (builder, "state_context");
  json_builder_begin_object (builder);
  switch (dispute->state)
    {
    case SIM_INITIATED:
      add_representment (builder, dispute, base_url);
      break;
    case SIM_REPRESENTMENT:
      add_partner_evidence (builder, dispute, base_url);
      break;
    case SIM_PRE_ARBITRATION:
      sim_json_add_time (builder, "arbitration_expires_at", dispute->arbitration_expires_at);
      break;
    case SIM_CLOSED:
      sim_json_add_string (builder, "dispute_outcome", dispute->won ? "WON" : "LOST");
      sim_json_add_string (builder, "dispute_outcome_detailed", dispute->outcome_detail);
      sim_json_add_time (builder, "closed_at", dispute->closed_at);
      break;
    case SIM_ARBITRATION:
    default:
      break;
    }
  json_builder_end_object (builder);

  if (dispute->state != SIM_INITIATED)
    add_representment (builder, dispute, base_url);
  if (dispute->decided_at && dispute->state != SIM_REPRESENTMENT)
    add_arbitration (builder, dispute, base_url);
}

static void
add_details (JsonBuilder *builder,
             SimDispute  *dispute)
{
  json_builder_set_member_name (builder, "dispute_details");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "dispute_amount");
  json_builder_add_int_value (builder, dispute->amount);
  sim_json_add_string (builder, "currency", dispute->currency);
  sim_json_add_string (builder, "created_by", dispute->created_by);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "configuration");
  json_builder_begin_object (builder);
  sim_json_add_string (builder, "base_framework", dispute->framework_2020 ? "FRAMEWORK_2020" : "FRAMEWORK_2026");
  json_builder_set_member_name (builder, "options");
  json_builder_begin_object (builder);
  sim_json_add_string (builder, "hold_policy", "ON_DISPUTE_INITIATED");
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
add_customer_evidence (JsonBuilder *builder,
                       SimDispute  *dispute,
                       const char  *base_url)
{
  g_autofree char *url = NULL;

  if (dispute->customer_evidence == NULL)
    return;
  url = attachment_url (base_url, dispute->id, SIM_CUSTOMER_EVIDENCE_ID);
  json_builder_set_member_name (builder, "customer_evidences");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  sim_json_add_string (builder, "payment_dispute_customer_evidence_id", SIM_CUSTOMER_EVIDENCE_ID);
  json_builder_set_member_name (builder, "attachment");
  json_builder_begin_object (builder);
  sim_json_add_string (builder, "description", dispute->customer_evidence);
  sim_json_add_string (builder, "mime_type", "image/png");
  sim_json_add_string (builder, "url", url);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
}

JsonNode *
sim_dispute_to_json (SimDispute *dispute,
                     const char *base_url)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  sim_json_add_string (builder, "payment_dispute_id", dispute->id);
  sim_json_add_string (builder, "dispute_reason", dispute->reason);
  sim_json_add_string (builder, "state", sim_state_name (dispute->state));
  if (dispute->has_previous_state)
    sim_json_add_string (builder, "previous_state", sim_state_name (dispute->previous_state));
  sim_json_add_string (builder, "order_id", dispute->order_id);
  sim_json_add_string (builder, "purchase_reference", dispute->purchase_reference);
  sim_json_add_string (builder, "payment_transaction_id", dispute->transaction_id);
  sim_json_add_string (builder, "payment_account_id", dispute->account_id);
  add_details (builder, dispute);
  sim_json_add_time (builder, "created_at", dispute->created_at);
  sim_json_add_time (builder, "updated_at", dispute->updated_at);
  add_customer_evidence (builder, dispute, base_url);
  add_state_context (builder, dispute, base_url);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* The 201 answer to represent (@appeal FALSE) or appeal: what was received,
 * {state, created_at, additional_information, attachments}, not the dispute. */
JsonNode *
sim_dispute_submission_to_json (SimDispute *dispute,
                                gboolean    appeal,
                                const char *base_url)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  sim_json_add_string (builder, "state", sim_state_name (dispute->state));
  add_submission (builder, dispute, appeal, "created_at", base_url);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
