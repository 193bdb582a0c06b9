/* dsp-client-status.c — an HTTP answer that is not a success, and Klarna's
 * error body with it, as a sentence a shop owner understands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-client"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "dsp-client-error.h"
#include "dsp-client-status.h"
#include "dsp-json.h"

static JsonNode *
parse_error_body (GBytes *body)
{
  gsize length = 0;
  const char *data = body ? g_bytes_get_data (body, &length) : NULL;
  JsonNode *root;

  if (data == NULL || length == 0 || length > 64 * 1024)
    return NULL;
  root = dsp_json_parse (data, length, NULL);
  if (root && !JSON_NODE_HOLDS_OBJECT (root))
    g_clear_pointer (&root, json_node_unref);
  return root;
}

/* Order Management's 403 NOT_ALLOWED refuses one operation (a refund above the
 * captured amount), not the key: it is explained like any rejected request. */
static gboolean
is_operation_refused (JsonObject *object)
{
  return object && g_strcmp0 (dsp_json_string (object, "error_code"), "NOT_ALLOWED") == 0;
}

/* The first of Order Management's error_messages, if it is a string. */
static const char *
first_message (JsonObject *object)
{
  JsonArray *list = dsp_json_array (object, "error_messages");
  JsonNode *first = list && json_array_get_length (list) > 0 ? json_array_get_element (list, 0) : NULL;

  if (first == NULL || !JSON_NODE_HOLDS_VALUE (first) || json_node_get_value_type (first) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (first);
}

/* What Klarna wrote, as the owner will read it: valid UTF-8, at most 300 characters. */
static char *
shown_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  return g_utf8_substring (valid, 0, MIN (g_utf8_strlen (valid, -1), 300));
}

/* Klarna's own explanation, from a V4 or an Order Management error body. */
static char *
klarna_explanation (JsonObject *object)
{
  JsonArray *list;
  const char *message;

  if (object == NULL)
    return NULL;

  list = dsp_json_array (object, "validation_errors");
  if (list && json_array_get_length (list) > 0 &&
      JSON_NODE_HOLDS_OBJECT (json_array_get_element (list, 0)))
    {
      JsonObject *first = json_array_get_object_element (list, 0);
      const char *reason = dsp_json_string (first, "reason");
      const char *parameter = dsp_json_string (first, "parameter");

      if (reason && parameter)
        {
          g_autofree char *both = g_strdup_printf ("%s: %s", parameter, reason);
          return shown_text (both);
        }
    }
  message = dsp_json_string (object, "error_message");
  if (message == NULL)
    message = first_message (object);
  if (message == NULL)
    message = dsp_json_string (object, "error_code");
  return message ? shown_text (message) : NULL;
}

/* An HTTP status, with Klarna's error body when it sent one, in words. */
GError *
dsp_client_status_to_error (guint   status,
                            GBytes *body,
                            guint   retry_after)
{
  g_autoptr(JsonNode) root = parse_error_body (body);
  JsonObject *object = root ? json_node_get_object (root) : NULL;
  g_autofree char *explanation = NULL;

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      return g_error_new_literal (DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_UNAUTHORIZED,
                                  _("Klarna rejected the API key. Check the key and its username in Preferences."));
    case SOUP_STATUS_FORBIDDEN:
      if (is_operation_refused (object))
        break;
      return g_error_new_literal (DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_FORBIDDEN,
                                  _("Klarna refused access. Check that the key belongs to this store and that the region is right."));
    case SOUP_STATUS_NOT_FOUND:
      return g_error_new_literal (DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_NOT_FOUND,
                                  _("Klarna could not find this. It may belong to another store or region."));
    case SOUP_STATUS_CONFLICT:
      return g_error_new_literal (DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_CONFLICT,
                                  _("The dispute has changed at Klarna in the meantime. Refresh and look again."));
    case DSP_HTTP_TOO_MANY_REQUESTS:
      return g_error_new (DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_RATE_LIMITED,
                          ngettext ("Klarna is receiving too many requests. Try again in %u second.",
                                    "Klarna is receiving too many requests. Try again in %u seconds.",
                                    MAX (retry_after, 1)),
                          MAX (retry_after, 1));
    default:
      break;
    }

  if (status >= 500)
    return g_error_new_literal (DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_UNAVAILABLE,
                                _("Klarna is temporarily unavailable. The app will try again later."));
  if (status >= 400)
    {
      explanation = klarna_explanation (object);
      if (explanation)
        return g_error_new (DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_INVALID_INPUT,
                            _("Klarna did not accept the request: %s"), explanation);
      return g_error_new_literal (DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_INVALID_INPUT,
                                  _("Klarna did not accept the request."));
    }
  return g_error_new (DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_FAILED,
                      _("Klarna answered in an unexpected way (HTTP %u)."), status);
}

