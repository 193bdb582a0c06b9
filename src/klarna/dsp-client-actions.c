/* dsp-client-actions.c — what a shop owner does to a dispute: refund through
 * Order Management; accept the loss, answer with evidence, appeal (V4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-client"

#include "config.h"

#include <string.h>

#include "dsp-client-private.h"
#include "dsp-json.h"

static void
take_json_body (Request     *request,
                JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  char *text = json_to_string (root, FALSE);

  request->body = g_bytes_new_take (text, strlen (text));
}

static Request *
dispute_request_new (DspClient  *self,
                     const char *dispute_id,
                     const char *action)
{
  g_autofree char *segment = dsp_client_escape_segment (dispute_id);
  g_autofree char *path = g_strdup_printf ("/v4/payment/disputes/%s/%s", segment, action);

  return dsp_client_request_new (self, "POST", path);
}

static gboolean
propagate_boolean (DspClient     *self,
                   GAsyncResult  *result,
                   gpointer       source_tag,
                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_refund_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = dsp_client_request_json_finish (DSP_CLIENT (source), result, &error);
  Request *request = g_task_get_task_data (G_TASK (result));
  SoupMessageHeaders *headers;
  const char *id, *location;

  if (error)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  headers = soup_message_get_response_headers (request->message);
  id = soup_message_headers_get_one (headers, "Refund-Id");
  location = soup_message_headers_get_one (headers, "Location");
  if (id == NULL && location && strrchr (location, '/'))
    id = strrchr (location, '/') + 1;
  /* The refund was made; only its receipt is missing. */
  g_task_return_pointer (task, g_strdup (id ? id : ""), g_free);
}

/**
 * dsp_client_refund_async:
 * @amount: in minor units of the order's currency
 * @idempotency_key: kept with the pending action, so a retry never pays twice
 *
 * Refunds part or all of an order through Order Management.
 */
void
dsp_client_refund_async (DspClient           *self,
                         const char          *order_id,
                         gint64               amount,
                         const char          *description,
                         const char          *idempotency_key,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autofree char *segment = NULL, *path = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  Request *request;
  GTask *task;

  g_return_if_fail (DSP_IS_CLIENT (self) && order_id != NULL);
  g_return_if_fail (amount > 0 && idempotency_key != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  segment = dsp_client_escape_segment (order_id);
  path = g_strdup_printf ("/ordermanagement/v1/orders/%s/refunds", segment);
  request = dsp_client_request_new (self, "POST", path);
  builder = json_builder_new ();
  g_task_set_source_tag (task, dsp_client_refund_async);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "refunded_amount");
  json_builder_add_int_value (builder, amount);
  if (description && *description)
    {
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, description);
    }
  json_builder_end_object (builder);
  take_json_body (request, builder);
  request->idempotency_key = g_strdup (idempotency_key);
  dsp_client_send (self, request, cancellable, on_refund_done, task);
}

/* Returns: (transfer full): Klarna's id of the refund */
char *
dsp_client_refund_finish (DspClient     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dsp_client_refund_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Closes the dispute as lost: Klarna keeps the withheld amount for the customer. */
void
dsp_client_accept_loss_async (DspClient           *self,
                              const char          *dispute_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, dsp_client_accept_loss_async);
  dsp_client_send (self, dispute_request_new (self, dispute_id, "accept-loss"), cancellable,
                   dsp_client_on_simple_done, task);
}

gboolean
dsp_client_accept_loss_finish (DspClient     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return propagate_boolean (self, result, dsp_client_accept_loss_async, error);
}

static void
on_uploaded (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = dsp_client_request_json_finish (DSP_CLIENT (source), result, &error);
  const char *id = NULL;

  if (root && JSON_NODE_HOLDS_OBJECT (root))
    id = dsp_json_string (json_node_get_object (root), "payment_dispute_attachment_id");
  if (error)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (id == NULL || *id == '\0')
    g_task_return_error (task, dsp_client_error_malformed ());
  else
    g_task_return_pointer (task, g_strdup (id), g_free);
}

/**
 * dsp_client_upload_attachment_async:
 * @progress: (nullable): told as the file goes out
 *
 * Uploads one evidence file (multipart/form-data: `file`, `filename`).
 * Check type, size and name before: Klarna refuses what it cannot take.
 */
void
dsp_client_upload_attachment_async (DspClient           *self,
                                    const char          *dispute_id,
                                    const char          *filename,
                                    const char          *content_type,
                                    GBytes              *data,
                                    DspProgress          progress,
                                    gpointer             progress_data,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  Request *request = dispute_request_new (self, dispute_id, "attachments");
  GBytes *body = NULL;

  g_task_set_source_tag (task, dsp_client_upload_attachment_async);
  soup_multipart_append_form_file (multipart, "file", filename, content_type, data);
  soup_multipart_append_form_string (multipart, "filename", filename);
  soup_multipart_to_message (multipart, headers, &body);
  request->body = body;
  request->content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  request->progress = progress;
  request->progress_data = progress_data;
  dsp_client_send (self, request, cancellable, on_uploaded, task);
}

/* Returns: (transfer full): Klarna's id for the file */
char *
dsp_client_upload_attachment_finish (DspClient     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dsp_client_upload_attachment_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
add_attachments (JsonBuilder *builder,
                 GPtrArray   *ids,
                 GPtrArray   *descriptions)
{
  json_builder_set_member_name (builder, "attachments");
  json_builder_begin_array (builder);
  for (guint i = 0; ids && i < ids->len; i++)
    {
      const char *description = descriptions && i < descriptions->len ? g_ptr_array_index (descriptions, i) : NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "payment_dispute_attachment_id");
      json_builder_add_string_value (builder, g_ptr_array_index (ids, i));
      if (description && *description)
        {
          json_builder_set_member_name (builder, "description");
          json_builder_add_string_value (builder, description);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
send_evidence (DspClient    *self,
               GTask        *task,
               const char   *dispute_id,
               const char   *action,
               JsonBuilder  *builder)
{
  Request *request = dispute_request_new (self, dispute_id, action);

  json_builder_end_object (builder);
  take_json_body (request, builder);
  dsp_client_send (self, request, g_task_get_cancellable (task), dsp_client_on_simple_done, task);
}

/**
 * dsp_client_represent_async:
 * @attachment_ids: uploaded files (1–10), with @descriptions in the same order
 * @proposed_refund: a partial refund offered, in minor units, or 0 for none
 *
 * Answers Klarna's request with evidence. One shot: nothing can be added after.
 */
void
dsp_client_represent_async (DspClient           *self,
                            const char          *dispute_id,
                            const char          *text,
                            GPtrArray           *attachment_ids,
                            GPtrArray           *descriptions,
                            gint64               proposed_refund,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_task_set_source_tag (task, dsp_client_represent_async);
  json_builder_begin_object (builder);
  add_attachments (builder, attachment_ids, descriptions);
  if (text && *text)
    {
      json_builder_set_member_name (builder, "additional_information");
      json_builder_add_string_value (builder, text);
    }
  if (proposed_refund > 0)
    {
      json_builder_set_member_name (builder, "partner_proposed_refund_amount");
      json_builder_add_int_value (builder, proposed_refund);
    }
  send_evidence (self, task, dispute_id, "represent", builder);
}

gboolean
dsp_client_represent_finish (DspClient     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return propagate_boolean (self, result, dsp_client_represent_async, error);
}

/* Asks for arbitration of a preliminary loss, before its deadline. */
void
dsp_client_appeal_async (DspClient           *self,
                         const char          *dispute_id,
                         const char          *text,
                         GPtrArray           *attachment_ids,
                         GPtrArray           *descriptions,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_task_set_source_tag (task, dsp_client_appeal_async);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "additional_information");
  json_builder_add_string_value (builder, text ? text : "");
  if (attachment_ids && attachment_ids->len > 0)
    add_attachments (builder, attachment_ids, descriptions);
  send_evidence (self, task, dispute_id, "appeal", builder);
}

gboolean
dsp_client_appeal_finish (DspClient     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return propagate_boolean (self, result, dsp_client_appeal_async, error);
}
