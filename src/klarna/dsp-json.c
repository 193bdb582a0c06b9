/* dsp-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-json"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dsp-client-error.h"
#include "dsp-json.h"
#include "dsp-json-check.h"
#include "dsp-time.h"

/* A document json-glib must not see, said in words the owner understands. */
static gboolean
refuse_unreadable (const char  *data,
                   gsize        length,
                   GError     **error)
{
  gsize offset = 0;
  g_autofree char *where = NULL;

  if (length > DSP_JSON_MAX_BYTES)
    {
      g_set_error (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_MALFORMED,
                   _("Klarna sent a reply larger than %u MB, too large to read. The app will try again later."),
                   (guint) (DSP_JSON_MAX_BYTES / (1024 * 1024)));
      return TRUE;
    }
  switch (dsp_json_check (data, length, DSP_JSON_MAX_DEPTH, &offset))
    {
    case DSP_JSON_WELL_FORMED:
      return FALSE;
    case DSP_JSON_TOO_DEEP:
      g_set_error_literal (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_MALFORMED,
                           _("Klarna sent a reply nested too deeply to read safely. The app will try again later."));
      return TRUE;
    case DSP_JSON_MALFORMED:
    default:
      where = g_strdup_printf ("%" G_GSIZE_FORMAT, offset);
      /* Translators: %s is a position in the reply, counted in bytes */
      g_set_error (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_MALFORMED,
                   _("Klarna sent a reply the app could not read: it is not well-formed JSON at byte %s. The app will try again later."),
                   where);
      return TRUE;
    }
}

/* Only what RFC 8259 allows reaches json-glib: it then reads it as the
 * standard does, and its recursion stays within DSP_JSON_MAX_DEPTH. */
JsonNode *
dsp_json_parse (const char *data,
                gsize       length,
                GError    **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;

  if (refuse_unreadable (data ? data : "", data ? length : 0, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error) ||
      json_parser_get_root (parser) == NULL)
    {
      g_debug ("json-glib refused a well-formed document: %s", local_error ? local_error->message : "empty");
      g_set_error_literal (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_MALFORMED,
                           _("Klarna sent a reply the app could not read. The app will try again later."));
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

static JsonNode *
member_node (JsonObject *object,
             const char *member)
{
  if (object == NULL)
    return NULL;
  return json_object_get_member (object, member);
}

const char *
dsp_json_string (JsonObject *object,
                 const char *member)
{
  JsonNode *node = member_node (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

char *
dsp_json_dup_string (JsonObject *object,
                     const char *member)
{
  return g_strdup (dsp_json_string (object, member));
}

/* Integers may arrive as numbers, integral doubles or digit strings. */
gboolean
dsp_json_int (JsonObject *object,
              const char *member,
              gint64     *value)
{
  JsonNode *node = member_node (object, member);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      *value = json_node_get_int (node);
      return TRUE;
    }
  if (type == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      if (d < -9.0e15 || d > 9.0e15 || d != (double) (gint64) d)
        return FALSE;
      *value = (gint64) d;
      return TRUE;
    }
  if (type == G_TYPE_STRING)
    return g_ascii_string_to_signed (json_node_get_string (node), 10,
                                     G_MININT64, G_MAXINT64, value, NULL);
  return FALSE;
}

/* An enumeration value ("PRODUCTS_OR_SERVICES_NOT_RECEIVED", "EUR"), valid
 * as long as @object. Anything not shaped like a code is no code at all.
 * Not interned here: a table that only grows is for the app's own strings. */
const char *
dsp_json_code (JsonObject *object,
               const char *member)
{
  const char *value = dsp_json_string (object, member);
  gsize length = 0;

  if (value == NULL)
    return NULL;
  for (const char *p = value; *p; p++, length++)
    if (length >= 128 || !(g_ascii_isalnum (*p) || *p == '_' || *p == '-' || *p == '/' || *p == '.' || *p == '+'))
      return NULL;
  return length ? value : NULL;
}

gint64
dsp_json_time (JsonObject *object,
               const char *member)
{
  return dsp_time_parse (dsp_json_string (object, member));
}

JsonObject *
dsp_json_object (JsonObject *object,
                 const char *member)
{
  JsonNode *node = member_node (object, member);

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
dsp_json_array (JsonObject *object,
                const char *member)
{
  JsonNode *node = member_node (object, member);

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static void write_node (GString  *out,
                        JsonNode *node);

static void
write_string (GString    *out,
              const char *text)
{
  g_autofree char *valid = g_utf8_validate (text, -1, NULL) ? NULL : g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) (valid ? valid : text); *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      if (*p < 0x20)
        g_string_append_printf (out, "\\u%04x", *p);
      else
        g_string_append_c (out, (char) *p);
    }
  g_string_append_c (out, '"');
}

/* json-glib writes 1e+20 as "1e+20.0" and infinity as "inf": neither reads back. */
static void
write_double (GString *out,
              double   value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append (out, g_ascii_dtostr (text, sizeof text, value));
  if (strpbrk (text, ".eE") == NULL)
    g_string_append (out, ".0");
}

static void
write_value (GString  *out,
             JsonNode *node)
{
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
      break;
    case G_TYPE_DOUBLE:
      write_double (out, json_node_get_double (node));
      break;
    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      break;
    case G_TYPE_STRING:
      write_string (out, json_node_get_string (node));
      break;
    default:
      g_string_append (out, "null");
      break;
    }
}

static void
write_member (JsonObject  *object,
              const char  *name,
              JsonNode    *node,
              gpointer     user_data)
{
  GString *out = user_data;

  if (out->str[out->len - 1] != '{')
    g_string_append_c (out, ',');
  write_string (out, name);
  g_string_append_c (out, ':');
  write_node (out, node);
}

static void
write_element (JsonArray *array,
               guint      index,
               JsonNode  *node,
               gpointer   user_data)
{
  GString *out = user_data;

  if (index > 0)
    g_string_append_c (out, ',');
  write_node (out, node);
}

/* Recursive, but only over trees dsp_json_parse let through (at most
 * DSP_JSON_MAX_DEPTH deep) or that the app built itself. */
static void
write_node (GString  *out,
            JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      g_string_append_c (out, '{');
      json_object_foreach_member (json_node_get_object (node), write_member, out);
      g_string_append_c (out, '}');
      break;
    case JSON_NODE_ARRAY:
      g_string_append_c (out, '[');
      json_array_foreach_element (json_node_get_array (node), write_element, out);
      g_string_append_c (out, ']');
      break;
    case JSON_NODE_VALUE:
      write_value (out, node);
      break;
    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

/* Compact JSON that dsp_json_parse reads back: what the store keeps. */
char *
dsp_json_to_string (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  write_node (out, node);
  return g_string_free (out, FALSE);
}
