/* dsp-client.h — Klarna's Disputes V4 and Order Management over libsoup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dsp-client-error.h"
#include "dsp-dispute.h"
#include "dsp-order.h"

G_BEGIN_DECLS

/* Each page as it arrives: its disputes and, in the same order, their JSON
 * nodes as Klarna sent them (immutable, for the local store); how many so
 * far, of how many.
 * With a page callback, the list's result is empty: the pages are the result. */
/* A page of disputes, and each one's JSON as text (its element of the reply). */
typedef void (*DspListPage) (GPtrArray *disputes,
                             GPtrArray *texts,
                             guint      fetched,
                             guint      total,
                             gpointer   user_data);

/* How much of a request's body has been sent, of how much. */
typedef void (*DspProgress) (goffset  sent,
                             goffset  total,
                             gpointer user_data);

#define DSP_TYPE_CLIENT (dsp_client_get_type ())
G_DECLARE_FINAL_TYPE (DspClient, dsp_client, DSP, CLIENT, GObject)

DspClient  *dsp_client_new                  (const char          *base_url,
                                             const char          *username,
                                             const char          *api_key,
                                             GError             **error);
DspClient  *dsp_client_new_full             (const char          *base_url,
                                             const char          *username,
                                             const char          *api_key,
                                             gboolean             encode_key,
                                             GError             **error);
gboolean    dsp_client_check_base_url       (const char          *base_url,
                                             GError             **error);
const char *dsp_client_get_base_url         (DspClient           *self);
void        dsp_client_set_timeout          (DspClient           *self,
                                             guint                seconds);
void        dsp_client_set_backoff          (DspClient           *self,
                                             guint                base_ms,
                                             guint                max_retries);
guint       dsp_client_get_retry_after      (DspClient           *self);

void        dsp_client_request_json_async   (DspClient           *self,
                                             const char          *method,
                                             const char          *path_and_query,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
JsonNode   *dsp_client_request_json_finish  (DspClient           *self,
                                             GAsyncResult        *result,
                                             GError             **error);

void        dsp_client_list_disputes_async  (DspClient           *self,
                                             gint64               updated_since,
                                             DspListPage          page_func,
                                             gpointer             page_data,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GPtrArray  *dsp_client_list_disputes_finish (DspClient           *self,
                                             GAsyncResult        *result,
                                             GError             **error);
void        dsp_client_get_dispute_async    (DspClient           *self,
                                             const char          *dispute_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
DspDispute *dsp_client_get_dispute_finish   (DspClient           *self,
                                             GAsyncResult        *result,
                                             GError             **error);
void        dsp_client_get_order_async      (DspClient           *self,
                                             const char          *order_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
DspOrder   *dsp_client_get_order_finish     (DspClient           *self,
                                             GAsyncResult        *result,
                                             GError             **error);

void        dsp_client_test_connection_async  (DspClient           *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean    dsp_client_test_connection_finish (DspClient           *self,
                                               GAsyncResult        *result,
                                               GError             **error);
void        dsp_client_enroll_async           (DspClient           *self,
                                               const char          *merchant_id,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean    dsp_client_enroll_finish          (DspClient           *self,
                                               GAsyncResult        *result,
                                               GError             **error);
void        dsp_client_refund_async           (DspClient           *self,
                                               const char          *order_id,
                                               gint64               amount,
                                               const char          *description,
                                               const char          *idempotency_key,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
char       *dsp_client_refund_finish          (DspClient           *self,
                                               GAsyncResult        *result,
                                               GError             **error);


/* The dispute actions (dsp-client-actions.c). Dispute calls take no
 * idempotency key: a repeated one that already took effect answers
 * DSP_CLIENT_ERROR_CONFLICT — re-read the dispute to tell. */
void        dsp_client_accept_loss_async      (DspClient           *self,
                                               const char          *dispute_id,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean    dsp_client_accept_loss_finish     (DspClient           *self,
                                               GAsyncResult        *result,
                                               GError             **error);
void        dsp_client_upload_attachment_async  (DspClient           *self,
                                                 const char          *dispute_id,
                                                 const char          *filename,
                                                 const char          *content_type,
                                                 GBytes              *data,
                                                 DspProgress          progress,
                                                 gpointer             progress_data,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
char       *dsp_client_upload_attachment_finish (DspClient           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
void        dsp_client_represent_async        (DspClient           *self,
                                               const char          *dispute_id,
                                               const char          *text,
                                               GPtrArray           *attachment_ids,
                                               GPtrArray           *descriptions,
                                               gint64               proposed_refund,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean    dsp_client_represent_finish       (DspClient           *self,
                                               GAsyncResult        *result,
                                               GError             **error);
void        dsp_client_appeal_async           (DspClient           *self,
                                               const char          *dispute_id,
                                               const char          *text,
                                               GPtrArray           *attachment_ids,
                                               GPtrArray           *descriptions,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean    dsp_client_appeal_finish          (DspClient           *self,
                                               GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
