/* dsp-sim-attachments.c — evidence files: upload checks and downloads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-simulator"

#include "config.h"

#include <string.h>

#include "dsp-sim-handlers.h"
#include "dsp-sim-reply.h"

#define MAX_ATTACHMENT (7 * 1024 * 1024)

typedef struct {
  const char *mime_type;
  const char *magic;
  gsize       magic_length;
  const char *extensions[3];
} FileType;

static const FileType file_types[] = {
  { "application/pdf", "%PDF-", 5, { ".pdf", NULL } },
  { "image/jpeg", "\xff\xd8\xff", 3, { ".jpg", ".jpeg", NULL } },
  { "image/png", "\x89PNG\r\n\x1a\n", 8, { ".png", NULL } },
  { "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "PK\x03\x04", 4,
    { ".docx", NULL } },
};

/* The content decides the type; the name's extension must agree with it. */
static const FileType *
sniff (GBytes *data)
{
  gsize length = 0;
  const char *bytes = g_bytes_get_data (data, &length);

  for (guint i = 0; i < G_N_ELEMENTS (file_types); i++)
    if (length >= file_types[i].magic_length &&
        memcmp (bytes, file_types[i].magic, file_types[i].magic_length) == 0)
      return &file_types[i];
  return NULL;
}

static gboolean
extension_matches (const FileType *type,
                   const char     *filename)
{
  g_autofree char *lower = g_ascii_strdown (filename, -1);

  for (guint i = 0; type->extensions[i]; i++)
    if (g_str_has_suffix (lower, type->extensions[i]))
      return TRUE;
  return FALSE;
}

static GBytes *
find_file_part (SoupMultipart  *multipart,
                char          **filename)
{
  GBytes *file = NULL;

  for (int i = 0; i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *headers;
      GBytes *body;
      g_autoptr(GHashTable) params = NULL;
      const char *name, *given;

      if (!soup_multipart_get_part (multipart, i, &headers, &body))
        continue;
      if (!soup_message_headers_get_content_disposition (headers, NULL, &params))
        continue;
      name = g_hash_table_lookup (params, "name");
      given = g_hash_table_lookup (params, "filename");
      if (g_strcmp0 (name, "file") == 0)
        {
          file = body;
          if (given && *filename == NULL)
            *filename = g_strdup (given);
        }
      else if (g_strcmp0 (name, "filename") == 0)
        {
          g_free (*filename);
          *filename = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
        }
    }
  return file;
}

void
sim_handle_attachment_upload (DspSimulator      *sim,
                              SoupServerMessage *msg,
                              SimDispute        *dispute)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(SoupMultipart) multipart = NULL;
  g_autofree char *filename = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) reply = NULL;
  const FileType *type;
  GBytes *file;

  if (!sim_dispute_can_add_evidence (dispute))
    {
      sim_reply_v4_error (msg, SOUP_STATUS_CONFLICT, "RESOURCE_CONFLICT", "Evidence was already submitted.", NULL);
      return;
    }
  multipart = soup_multipart_new_from_message (soup_server_message_get_request_headers (msg), body);
  file = multipart ? find_file_part (multipart, &filename) : NULL;
  if (file == NULL)
    {
      sim_reply_v4_error (msg, SOUP_STATUS_BAD_REQUEST, "INVALID_CONTENT_TYPE",
                          "Send multipart/form-data with a file part.", "file");
      return;
    }
  type = sniff (file);
  if (type == NULL || g_bytes_get_size (file) > MAX_ATTACHMENT || g_bytes_get_size (file) == 0)
    {
      sim_reply_v4_error (msg, SOUP_STATUS_BAD_REQUEST, "VALIDATION_ERROR",
                          "Only PDF, JPEG, PNG or DOCX files up to 7 MB are accepted.", "file");
      return;
    }
  if (filename == NULL)
    filename = g_strdup_printf ("evidence%s", type->extensions[0]);
  if (strlen (filename) > 1000 || !extension_matches (type, filename))
    {
      sim_reply_v4_error (msg, SOUP_STATUS_BAD_REQUEST, "VALIDATION_ERROR",
                          "The file name's extension does not match its content.", "filename");
      return;
    }

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "payment_dispute_attachment_id");
  json_builder_add_string_value (builder, dsp_simulator_store_attachment (sim, dispute->id, filename,
                                                                           type->mime_type, file));
  json_builder_end_object (builder);
  reply = json_builder_get_root (builder);
  sim_reply_json (msg, SOUP_STATUS_CREATED, reply);
}

/* The scripted history's files exist only as placeholders. */
static GBytes *
placeholder (const char  *attachment_id,
             const char **mime_type,
             const char **filename)
{
  static const guchar png[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1,
    8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 13, 'I', 'D', 'A', 'T', 0x78, 0x9c, 0x63, 0xf8,
    0xcf, 0xc0, 0xf0, 0x1f, 0, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0, 0, 0, 0, 'I', 'E',
    'N', 'D', 0xae, 0x42, 0x60, 0x82,
  };
  static const char pdf[] =
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n"
    "trailer<</Root 1 0 R>>\n%%EOF\n";

  if (strcmp (attachment_id, SIM_CUSTOMER_EVIDENCE_ID) == 0)
    {
      *mime_type = "image/png";
      *filename = "customer-photo.png";
      return g_bytes_new_static (png, sizeof png);
    }
  *mime_type = "application/pdf";
  *filename = "proof-of-delivery.pdf";
  return g_bytes_new_static (pdf, sizeof pdf - 1);
}

static gboolean
dispute_has_item (SimDispute *dispute,
                  const char *attachment_id)
{
  GPtrArray *lists[] = { dispute->evidence_attachments, dispute->appeal_attachments };

  if (dispute->customer_evidence && strcmp (attachment_id, SIM_CUSTOMER_EVIDENCE_ID) == 0)
    return TRUE;
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      if (strcmp (((SimEvidenceItem *) g_ptr_array_index (lists[l], i))->id, attachment_id) == 0)
        return TRUE;
  return FALSE;
}

void
sim_handle_attachment_download (DspSimulator      *sim,
                                SoupServerMessage *msg,
                                SimDispute        *dispute,
                                const char        *attachment_id)
{
  SimAttachment *stored = dsp_simulator_lookup_attachment (sim, attachment_id);
  g_autoptr(GBytes) data = NULL;
  g_autofree char *disposition = NULL;
  const char *mime_type, *filename;

  if (stored && g_strcmp0 (stored->dispute_id, dispute->id) == 0)
    {
      data = g_bytes_ref (stored->data);
      mime_type = stored->mime_type;
      filename = stored->filename;
    }
  else if (dispute_has_item (dispute, attachment_id))
    data = placeholder (attachment_id, &mime_type, &filename);
  else
    {
      sim_reply_v4_error (msg, SOUP_STATUS_NOT_FOUND, "RESOURCE_NOT_FOUND", "No such attachment.", NULL);
      return;
    }

  disposition = g_strdup_printf ("attachment; filename=\"%s\"", filename);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Content-Disposition", disposition);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, mime_type, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (data, NULL), g_bytes_get_size (data));
}
