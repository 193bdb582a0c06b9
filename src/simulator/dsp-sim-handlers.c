/* dsp-sim-handlers.c — V4 Disputes and Order Management endpoints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-simulator"

#include "config.h"

#include <string.h>

#include "dsp-sim-handlers.h"
#include "dsp-sim-query.h"
#include "dsp-sim-reply.h"
#include "klarna/dsp-json.h"
#include "klarna/dsp-time.h"

#define MAX_JSON_BODY (1024 * 1024)

static gboolean
is_method (SoupServerMessage *msg,
           const char        *method)
{
  return strcmp (soup_server_message_get_method (msg), method) == 0;
}

static void
reply_method_not_allowed (SoupServerMessage *msg)
{
  sim_reply_v4_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "VALIDATION_ERROR",
                      "Method not allowed on this resource.", NULL);
}

static void
handle_list (DspSimulator      *sim,
             SoupServerMessage *msg)
{
  g_autofree char *bad_parameter = NULL;
  g_autofree char *bad_reason = NULL;
  g_autoptr(SimQuery) query = NULL;
  GString *page;
  gboolean bad_cursor = FALSE;
  guint examined = 0;

  query = sim_query_parse (g_uri_get_query (soup_server_message_get_uri (msg)),
                           &bad_parameter, &bad_reason);
  if (query == NULL)
    {
      sim_reply_v4_error (msg, SOUP_STATUS_BAD_REQUEST, "VALIDATION_ERROR", bad_reason, bad_parameter);
      return;
    }
  page = sim_query_run (query, dsp_simulator_get_index (sim), dsp_simulator_get_base_url (sim),
                        &bad_cursor, &examined);
  dsp_simulator_add_examined (sim, examined);
  if (page == NULL)
    sim_reply_v4_error (msg, SOUP_STATUS_BAD_REQUEST, "VALIDATION_ERROR",
                        "starting_after refers to no dispute.", "starting_after");
  else
    sim_reply_text (msg, SOUP_STATUS_OK, page);
}

static void
reply_dispute (DspSimulator      *sim,
               SoupServerMessage *msg,
               guint              status,
               SimDispute        *dispute)
{
  GString *text = g_string_sized_new (4096);
  SimWriter writer;

  sim_writer_init (&writer, text);
  sim_dispute_write (dispute, &writer, dsp_simulator_get_base_url (sim));
  sim_reply_text (msg, status, text);
}

static void
reply_submission (DspSimulator      *sim,
                  SoupServerMessage *msg,
                  SimDispute        *dispute,
                  gboolean           appeal)
{
  g_autoptr(JsonNode) node = sim_dispute_submission_to_json (dispute, appeal, dsp_simulator_get_base_url (sim));

  sim_reply_json (msg, SOUP_STATUS_CREATED, node);
}

static void
reply_conflict (SoupServerMessage *msg,
                SimDispute        *dispute)
{
  g_autofree char *text = g_strdup_printf ("The dispute is in state %s.", sim_state_name (dispute->state));

  sim_reply_v4_error (msg, SOUP_STATUS_CONFLICT, "RESOURCE_CONFLICT", text, NULL);
}

static void
handle_accept_loss (DspSimulator      *sim,
                    SoupServerMessage *msg,
                    SimDispute        *dispute)
{
  g_autoptr(JsonNode) node = NULL;

  if (!sim_dispute_accept_loss (dispute, dsp_simulator_get_now (sim)))
    {
      reply_conflict (msg, dispute);
      return;
    }
  dsp_simulator_dispute_changed (sim, dispute);
  node = json_from_string ("{\"state\":\"CLOSED\"}", NULL);
  sim_reply_json (msg, SOUP_STATUS_ACCEPTED, node);
}

/* Checks {payment_dispute_attachment_id, description} items against what was uploaded. */
static GPtrArray *
read_attachments (DspSimulator *sim,
                  SimDispute   *dispute,
                  JsonArray    *array,
                  guint         min,
                  const char  **problem)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (sim_evidence_item_free);
  guint n = array ? json_array_get_length (array) : 0;

  if (n < min || n > 10)
    {
      *problem = min ? "between 1 and 10 attachments are required" : "at most 10 attachments";
      return NULL;
    }
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *id = dsp_json_string (item, "payment_dispute_attachment_id");
      const char *description = dsp_json_string (item, "description");
      SimAttachment *stored = id ? dsp_simulator_lookup_attachment (sim, id) : NULL;

      if (stored == NULL || g_strcmp0 (stored->dispute_id, dispute->id) != 0)
        {
          *problem = "unknown payment_dispute_attachment_id";
          return NULL;
        }
      if (description && g_utf8_strlen (description, -1) > 1000)
        {
          *problem = "description longer than 1000 characters";
          return NULL;
        }
      g_ptr_array_add (items, sim_evidence_item_new (id, description ? description : stored->filename,
                                                     stored->mime_type));
    }
  return g_steal_pointer (&items);
}

static gboolean
text_fits (JsonObject  *body,
           const char  *member,
           glong        min,
           glong        max,
           const char **text)
{
  JsonNode *node = json_object_get_member (body, member);

  *text = dsp_json_string (body, member);
  if (node != NULL && *text == NULL)
    return FALSE;
  if (*text == NULL)
    return min == 0;
  return g_utf8_strlen (*text, -1) >= min && g_utf8_strlen (*text, -1) <= max;
}

static JsonObject *
read_body (SoupServerMessage *msg,
           JsonNode         **root)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  if (body->length > MAX_JSON_BODY)
    {
      sim_reply_v4_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "VALIDATION_ERROR",
                          "Request body too large.", NULL);
      return NULL;
    }
  if (sim_read_json_body (msg, root) == NULL)
    {
      sim_reply_v4_error (msg, SOUP_STATUS_BAD_REQUEST, "INVALID_CONTENT_TYPE",
                          "The body must be a JSON object.", NULL);
      return NULL;
    }
  return json_node_get_object (*root);
}

static void
handle_represent (DspSimulator      *sim,
                  SoupServerMessage *msg,
                  SimDispute        *dispute)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) items = NULL;
  JsonObject *body;
  const char *text = NULL, *problem = NULL, *parameter = "attachments";
  gint64 refund = 0;

  if (dispute->state != SIM_INITIATED || dispute->rep_state != SIM_REP_EVIDENCE_REQUESTED)
    {
      reply_conflict (msg, dispute);
      return;
    }
  if ((body = read_body (msg, &root)) == NULL)
    return;
  items = read_attachments (sim, dispute, dsp_json_array (body, "attachments"), 1, &problem);
  if (items && !text_fits (body, "additional_information", 0, 5000, &text))
    problem = "additional_information must be at most 5000 characters", parameter = "additional_information";
  if (items && !problem && json_object_has_member (body, "partner_proposed_refund_amount") &&
      (!dsp_json_int (body, "partner_proposed_refund_amount", &refund) || refund < 0 || refund >= dispute->amount))
    problem = "must be below the disputed amount", parameter = "partner_proposed_refund_amount";
  if (problem)
    {
      sim_reply_v4_error (msg, SOUP_STATUS_BAD_REQUEST, "VALIDATION_ERROR", problem, parameter);
      return;
    }
  sim_dispute_represent (dispute, dsp_simulator_get_now (sim), text, items, refund);
  dsp_simulator_dispute_changed (sim, dispute);
  reply_submission (sim, msg, dispute, FALSE);
}

static void
handle_appeal (DspSimulator      *sim,
               SoupServerMessage *msg,
               SimDispute        *dispute)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) items = NULL;
  JsonObject *body;
  const char *text = NULL, *problem = NULL;

  if (dispute->state != SIM_PRE_ARBITRATION ||
      dsp_simulator_get_now (sim) >= dispute->arbitration_expires_at)
    {
      reply_conflict (msg, dispute);
      return;
    }
  if ((body = read_body (msg, &root)) == NULL)
    return;
  if (!text_fits (body, "additional_information", 1, 10000, &text))
    {
      sim_reply_v4_error (msg, SOUP_STATUS_BAD_REQUEST, "VALIDATION_ERROR",
                          "additional_information is required (1 to 10000 characters)",
                          "additional_information");
      return;
    }
  items = read_attachments (sim, dispute, dsp_json_array (body, "attachments"), 0, &problem);
  if (items == NULL)
    {
      sim_reply_v4_error (msg, SOUP_STATUS_BAD_REQUEST, "VALIDATION_ERROR", problem, "attachments");
      return;
    }
  sim_dispute_appeal (dispute, dsp_simulator_get_now (sim), text, items);
  dsp_simulator_dispute_changed (sim, dispute);
  reply_submission (sim, msg, dispute, TRUE);
}

static void
handle_one_dispute (DspSimulator       *sim,
                    SoupServerMessage  *msg,
                    const char * const *parts)
{
  SimDispute *dispute = dsp_simulator_lookup_dispute (sim, parts[0]);
  const char *action = parts[1];
  gboolean post = is_method (msg, "POST");

  if (dispute == NULL)
    sim_reply_v4_error (msg, SOUP_STATUS_NOT_FOUND, "RESOURCE_NOT_FOUND", "No such dispute.", NULL);
  else if (action == NULL)
    is_method (msg, "GET") ? reply_dispute (sim, msg, SOUP_STATUS_OK, dispute) : reply_method_not_allowed (msg);
  else if (post && parts[2] == NULL && strcmp (action, "accept-loss") == 0)
    handle_accept_loss (sim, msg, dispute);
  else if (post && parts[2] == NULL && strcmp (action, "represent") == 0)
    handle_represent (sim, msg, dispute);
  else if (post && parts[2] == NULL && strcmp (action, "appeal") == 0)
    handle_appeal (sim, msg, dispute);
  else if (post && parts[2] == NULL && strcmp (action, "attachments") == 0)
    sim_handle_attachment_upload (sim, msg, dispute);
  else if (is_method (msg, "GET") && strcmp (action, "attachments") == 0 && parts[2] &&
           g_strcmp0 (parts[3], "download") == 0 && parts[4] == NULL)
    sim_handle_attachment_download (sim, msg, dispute, parts[2]);
  else
    sim_reply_v4_error (msg, SOUP_STATUS_NOT_FOUND, "RESOURCE_NOT_FOUND", "No such resource.", NULL);
}

void
sim_handle_disputes (DspSimulator       *sim,
                     SoupServerMessage  *msg,
                     const char * const *parts)
{
  if (parts[0] == NULL)
    is_method (msg, "GET") ? handle_list (sim, msg) : reply_method_not_allowed (msg);
  else if (strcmp (parts[0], "merchants") == 0 && parts[1] && g_strcmp0 (parts[2], "enroll") == 0 &&
           parts[3] == NULL)
    is_method (msg, "POST") ? sim_reply_empty (msg, SOUP_STATUS_NO_CONTENT) : reply_method_not_allowed (msg);
  else
    handle_one_dispute (sim, msg, parts);
}

static void
reply_refund (SoupServerMessage *msg,
              SimOrder          *order,
              SimRefund         *refund)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *location = g_strdup_printf ("/ordermanagement/v1/orders/%s/refunds/%s",
                                               order->id, refund->id);

  soup_message_headers_replace (headers, "Refund-Id", refund->id);
  soup_message_headers_replace (headers, "Location", location);
  sim_reply_empty (msg, SOUP_STATUS_CREATED);
}

/* A retried refund with the same Klarna-Idempotency-Key is never paid twice. */
static void
handle_refund (DspSimulator      *sim,
               SoupServerMessage *msg,
               SimOrder          *order)
{
  const char *key = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                  "Klarna-Idempotency-Key");
  g_autoptr(JsonNode) root = NULL;
  JsonObject *body = sim_read_json_body (msg, &root);
  SimRefund *refund = sim_order_find_refund (order, key);
  SimDispute *dispute;
  gint64 amount = 0;

  if (refund)
    {
      reply_refund (msg, order, refund);
      return;
    }
  if (body == NULL || !dsp_json_int (body, "refunded_amount", &amount) || amount <= 0)
    {
      sim_reply_om_error (msg, SOUP_STATUS_BAD_REQUEST, "BAD_VALUE", "refunded_amount must be a positive integer.");
      return;
    }
  if (amount > order->captured_amount - order->refunded_amount)
    {
      sim_reply_om_error (msg, SOUP_STATUS_FORBIDDEN, "NOT_ALLOWED", "Refund amount exceeds the captured amount.");
      return;
    }
  refund = sim_order_add_refund (order, amount, dsp_json_string (body, "description"), key,
                                 dsp_simulator_get_now (sim));
  dispute = sim_index_lookup_order (dsp_simulator_get_index (sim), order->id);
  if (dispute && order->refunded_amount >= dispute->amount)
    {
      sim_dispute_refunded (dispute, dsp_simulator_get_now (sim));
      dsp_simulator_dispute_changed (sim, dispute);
    }
  reply_refund (msg, order, refund);
}

void
sim_handle_orders (DspSimulator       *sim,
                   SoupServerMessage  *msg,
                   const char * const *parts)
{
  SimOrder *order = dsp_simulator_lookup_order (sim, parts[0]);
  g_autoptr(JsonNode) node = NULL;

  if (order == NULL)
    sim_reply_om_error (msg, SOUP_STATUS_NOT_FOUND, "NO_SUCH_ORDER", "Order not found.");
  else if (parts[1] == NULL && is_method (msg, "GET"))
    {
      node = sim_order_to_json (order);
      sim_reply_json (msg, SOUP_STATUS_OK, node);
    }
  else if (g_strcmp0 (parts[1], "refunds") == 0 && parts[2] == NULL && is_method (msg, "POST"))
    handle_refund (sim, msg, order);
  else
    sim_reply_om_error (msg, SOUP_STATUS_NOT_FOUND, "NOT_FOUND", "No such resource.");
}
