/* dsp-sim-dispute-json.c — a simulated dispute as Klarna's V4 JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-simulator"

#include "config.h"

#include "dsp-sim-dispute.h"
#include "dsp-sim-json.h"

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
add_attachments (SimWriter   *writer,
                 SimDispute  *dispute,
                 GPtrArray   *items,
                 const char  *base_url)
{
  if (items->len == 0)
    return;
  sim_writer_begin_array (writer, "attachments");
  for (guint i = 0; i < items->len; i++)
    {
      SimEvidenceItem *item = g_ptr_array_index (items, i);
      g_autofree char *url = attachment_url (base_url, dispute->id, item->id);

      sim_writer_begin_object (writer, NULL);
      sim_writer_string (writer, "payment_dispute_attachment_id", item->id);
      sim_writer_string (writer, "description", item->description);
      sim_writer_string (writer, "mime_type", item->mime_type);
      sim_writer_string (writer, "url", url);
      sim_writer_end_object (writer);
    }
  sim_writer_end_array (writer);
}

/* What the merchant sent: evidence (@appeal FALSE) or an appeal. */
static void
add_submission (SimWriter   *writer,
                SimDispute  *dispute,
                gboolean     appeal,
                const char  *time_member,
                const char  *base_url)
{
  const char *text = appeal ? dispute->appeal_text : dispute->evidence_text;

  sim_writer_time (writer, time_member, appeal ? dispute->appeal_at : dispute->evidence_at);
  sim_writer_string (writer, "additional_information", text ? text : "");
  add_attachments (writer, dispute, appeal ? dispute->appeal_attachments : dispute->evidence_attachments,
                   base_url);
}

static void
add_partner_evidence (SimWriter   *writer,
                      SimDispute  *dispute,
                      const char  *base_url)
{
  sim_writer_begin_object (writer, "partner_evidence");
  add_submission (writer, dispute, FALSE, "created_at", base_url);
  sim_writer_end_object (writer);
}

static void
add_representment (SimWriter   *writer,
                   SimDispute  *dispute,
                   const char  *base_url)
{
  static const char *names[] = {
    "EVIDENCE_REQUESTED", "EVIDENCE_RECEIVED", "EVIDENCE_REQUEST_EXPIRED", "EVIDENCE_WAIVED",
  };

  sim_writer_begin_object (writer, "representment");
  sim_writer_string (writer, "state", names[dispute->rep_state]);
  sim_writer_time (writer, "expires_at", dispute->expires_at);
  sim_writer_begin_object (writer, "request");
  sim_writer_time (writer, "requested_at", dispute->created_at);
  sim_writer_string (writer, "additional_information", dispute->question);
  sim_writer_end_object (writer);
  if (dispute->evidence_at)
    add_partner_evidence (writer, dispute, base_url);
  sim_writer_end_object (writer);
}

static void
add_arbitration (SimWriter   *writer,
                 SimDispute  *dispute,
                 const char  *base_url)
{
  sim_writer_begin_object (writer, "arbitration");
  sim_writer_string (writer, "preliminary_outcome", "LOST");
  sim_writer_string (writer, "preliminary_outcome_detailed", "insufficient_proof_of_delivery");
  if (dispute->appeal_at)
    {
      sim_writer_begin_object (writer, "arbitration_request");
      add_submission (writer, dispute, TRUE, "requested_at", base_url);
      sim_writer_end_object (writer);
    }
  sim_writer_end_object (writer);
}

/* Where things sit depends on the state: INITIATED nests the representment
 * in state_context; later states put it at the top level. */
static void
add_state_context (SimWriter   *writer,
                   SimDispute  *dispute,
                   const char  *base_url)
{
  sim_writer_begin_object (writer, "state_context");
  switch (dispute->state)
    {
    case SIM_INITIATED:
      add_representment (writer, dispute, base_url);
      break;
    case SIM_REPRESENTMENT:
      add_partner_evidence (writer, dispute, base_url);
      break;
    case SIM_PRE_ARBITRATION:
      sim_writer_time (writer, "arbitration_expires_at", dispute->arbitration_expires_at);
      break;
    case SIM_CLOSED:
      sim_writer_string (writer, "dispute_outcome", dispute->won ? "WON" : "LOST");
      sim_writer_string (writer, "dispute_outcome_detailed", dispute->outcome_detail);
      sim_writer_time (writer, "closed_at", dispute->closed_at);
      break;
    case SIM_ARBITRATION:
    default:
      break;
    }
  sim_writer_end_object (writer);

  if (dispute->state != SIM_INITIATED)
    add_representment (writer, dispute, base_url);
  if (dispute->decided_at && dispute->state != SIM_REPRESENTMENT)
    add_arbitration (writer, dispute, base_url);
}

static void
add_details (SimWriter   *writer,
             SimDispute  *dispute)
{
  sim_writer_begin_object (writer, "dispute_details");
  sim_writer_int (writer, "dispute_amount", dispute->amount);
  sim_writer_string (writer, "currency", dispute->currency);
  sim_writer_string (writer, "created_by", dispute->created_by);
  sim_writer_end_object (writer);

  sim_writer_begin_object (writer, "configuration");
  sim_writer_string (writer, "base_framework", dispute->framework_2020 ? "FRAMEWORK_2020" : "FRAMEWORK_2026");
  sim_writer_begin_object (writer, "options");
  sim_writer_string (writer, "hold_policy", "ON_DISPUTE_INITIATED");
  sim_writer_end_object (writer);
  sim_writer_end_object (writer);
}

static void
add_customer_evidence (SimWriter   *writer,
                       SimDispute  *dispute,
                       const char  *base_url)
{
  g_autofree char *url = NULL;

  if (dispute->customer_evidence == NULL)
    return;
  url = attachment_url (base_url, dispute->id, SIM_CUSTOMER_EVIDENCE_ID);
  sim_writer_begin_array (writer, "customer_evidences");
  sim_writer_begin_object (writer, NULL);
  sim_writer_string (writer, "payment_dispute_customer_evidence_id", SIM_CUSTOMER_EVIDENCE_ID);
  sim_writer_begin_object (writer, "attachment");
  sim_writer_string (writer, "description", dispute->customer_evidence);
  sim_writer_string (writer, "mime_type", "image/png");
  sim_writer_string (writer, "url", url);
  sim_writer_end_object (writer);
  sim_writer_end_object (writer);
  sim_writer_end_array (writer);
}

/* Writes @dispute as Klarna's V4 JSON object. */
void
sim_dispute_write (SimDispute *dispute,
                   SimWriter  *writer,
                   const char *base_url)
{
  sim_writer_begin_object (writer, NULL);
  sim_writer_string (writer, "payment_dispute_id", dispute->id);
  sim_writer_string (writer, "dispute_reason", dispute->reason);
  sim_writer_string (writer, "state", sim_state_name (dispute->state));
  if (dispute->has_previous_state)
    sim_writer_string (writer, "previous_state", sim_state_name (dispute->previous_state));
  sim_writer_string (writer, "order_id", dispute->order_id);
  sim_writer_string (writer, "purchase_reference", dispute->purchase_reference);
  sim_writer_string (writer, "payment_transaction_id", dispute->transaction_id);
  sim_writer_string (writer, "payment_account_id", dispute->account_id);
  add_details (writer, dispute);
  sim_writer_time (writer, "created_at", dispute->created_at);
  sim_writer_time (writer, "updated_at", dispute->updated_at);
  add_customer_evidence (writer, dispute, base_url);
  add_state_context (writer, dispute, base_url);
  sim_writer_end_object (writer);
}

static JsonNode *
parse_written (GString *text)
{
  g_autoptr(JsonNode) node = json_from_string (text->str, NULL);

  g_assert (node != NULL);
  return g_steal_pointer (&node);
}

JsonNode *
sim_dispute_to_json (SimDispute *dispute,
                     const char *base_url)
{
  g_autoptr(GString) text = g_string_new (NULL);
  SimWriter writer;

  sim_writer_init (&writer, text);
  sim_dispute_write (dispute, &writer, base_url);
  return parse_written (text);
}

/* The 201 answer to represent (@appeal FALSE) or appeal: what was received,
 * {state, created_at, additional_information, attachments}, not the dispute. */
JsonNode *
sim_dispute_submission_to_json (SimDispute *dispute,
                                gboolean    appeal,
                                const char *base_url)
{
  g_autoptr(GString) text = g_string_new (NULL);
  SimWriter writer;

  sim_writer_init (&writer, text);
  sim_writer_begin_object (&writer, NULL);
  sim_writer_string (&writer, "state", sim_state_name (dispute->state));
  add_submission (&writer, dispute, appeal, "created_at", base_url);
  sim_writer_end_object (&writer);
  return parse_written (text);
}
