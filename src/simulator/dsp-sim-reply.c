/* dsp-sim-reply.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-simulator"

#include "config.h"

#include <string.h>

#include "dsp-sim-reply.h"
#include "klarna/dsp-json.h"

void
sim_reply_json (SoupServerMessage *msg,
                guint              status,
                JsonNode          *node)
{
  g_autofree char *body = dsp_json_to_string (node);
  gsize length = strlen (body);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&body), length);
}

/* Takes @text, JSON already written. */
void
sim_reply_text (SoupServerMessage *msg,
                guint              status,
                GString           *text)
{
  gsize length = text->len;

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    g_string_free (text, FALSE), length);
}

void
sim_reply_empty (SoupServerMessage *msg,
                 guint              status)
{
  soup_server_message_set_status (msg, status, NULL);
}

#define DOC_URL "https://docs.klarna.com/api/disputes/"

/* As Klarna pairs them: 401, 403 and 429 are ACCESS_ERROR; 404 and 409 RESOURCE_ERROR. */
static const char *
error_type_for (const char *code)
{
  if (g_str_equal (code, "UNAUTHORIZED") || g_str_equal (code, "OPERATION_FORBIDDEN") ||
      g_str_equal (code, "RATE_LIMITED"))
    return "ACCESS_ERROR";
  if (g_str_equal (code, "RESOURCE_NOT_FOUND") || g_str_equal (code, "RESOURCE_CONFLICT"))
    return "RESOURCE_ERROR";
  if (g_str_equal (code, "INTERNAL_ERROR"))
    return "TECHNICAL_ERROR";
  return "INPUT_ERROR";
}

/* V4 errors: {error_id, error_type, error_code, error_message, doc_url,
 * validation_errors[] {parameter, reason, doc_url}}. */
void
sim_reply_v4_error (SoupServerMessage *msg,
                    guint              status,
                    const char        *error_code,
                    const char        *message,
                    const char        *parameter)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autofree char *id = g_uuid_string_random ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error_id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "error_type");
  json_builder_add_string_value (builder, error_type_for (error_code));
  json_builder_set_member_name (builder, "error_code");
  json_builder_add_string_value (builder, error_code);
  json_builder_set_member_name (builder, "error_message");
  json_builder_add_string_value (builder, message);
  json_builder_set_member_name (builder, "doc_url");
  json_builder_add_string_value (builder, DOC_URL);
  if (parameter)
    {
      json_builder_set_member_name (builder, "validation_errors");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "parameter");
      json_builder_add_string_value (builder, parameter);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, message);
      json_builder_set_member_name (builder, "doc_url");
      json_builder_add_string_value (builder, DOC_URL);
      json_builder_end_object (builder);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  sim_reply_json (msg, status, root);
}

/* Order Management errors: {error_code, error_messages[], correlation_id}. */
void
sim_reply_om_error (SoupServerMessage *msg,
                    guint              status,
                    const char        *error_code,
                    const char        *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autofree char *id = g_uuid_string_random ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error_code");
  json_builder_add_string_value (builder, error_code);
  json_builder_set_member_name (builder, "error_messages");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, message);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "correlation_id");
  json_builder_add_string_value (builder, id);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  sim_reply_json (msg, status, root);
}

/* NULL when the body is not a JSON object. */
JsonObject *
sim_read_json_body (SoupServerMessage *msg,
                    JsonNode         **root)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  *root = length ? dsp_json_parse (data, length, NULL) : NULL;
  if (*root == NULL || !JSON_NODE_HOLDS_OBJECT (*root))
    return NULL;
  return json_node_get_object (*root);
}
