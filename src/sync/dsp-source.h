/* dsp-source.h — where disputes come from: one Klarna account, or the demo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dsp-account.h"
#include "dsp-client.h"
#include "dsp-connection.h"
#include "dsp-outbox.h"
#include "dsp-store.h"

G_BEGIN_DECLS

/* Disputes new or changed since the last look, as each page arrives. */
typedef void (*DspSourcePage) (GPtrArray *disputes,
                               guint      fetched,
                               guint      total,
                               gpointer   user_data);

#define DSP_TYPE_SOURCE (dsp_source_get_type ())
G_DECLARE_FINAL_TYPE (DspSource, dsp_source, DSP, SOURCE, GObject)

DspSource  *dsp_source_new_for_account (DspAccount          *account,
                                        DspStore            *store);
DspSource  *dsp_source_new_for_client  (DspClient           *client,
                                        const char          *id,
                                        DspStore            *store);
const char *dsp_source_get_id          (DspSource           *self);
DspConnection *dsp_source_get_connection (DspSource        *self);
DspOutbox  *dsp_source_get_outbox      (DspSource           *self);
DspStore   *dsp_source_get_store       (DspSource           *self);
char       *dsp_source_dup_name        (DspSource           *self);
DspAccount *dsp_source_get_account     (DspSource           *self);
gboolean    dsp_source_can_sync        (DspSource           *self);
gboolean    dsp_source_is_offline      (DspSource           *self);
gboolean    dsp_source_is_due          (DspSource           *self,
                                        gint64               now);
void        dsp_source_set_poll_interval (DspSource         *self,
                                        gint64               seconds);
gint64      dsp_source_get_synced_at   (DspSource           *self);
DspOrder   *dsp_source_lookup_order    (DspSource           *self,
                                        const char          *order_id);
void        dsp_source_request_order   (DspSource           *self,
                                        const char          *order_id,
                                        gpointer             holder,
                                        gboolean             urgent);
gint64      dsp_source_set_resolved    (DspSource           *self,
                                        const char          *dispute_id,
                                        gboolean             resolved);
void        dsp_source_set_resolved_note (DspSource         *self,
                                        const char          *dispute_id,
                                        const char          *note);
void        dsp_source_load_async      (DspSource           *self,
                                        DspSourcePage        page_func,
                                        gpointer             page_data,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean    dsp_source_load_finish     (DspSource           *self,
                                        GAsyncResult        *result,
                                        char               **notice,
                                        GError             **error);
void        dsp_source_sync_async      (DspSource           *self,
                                        DspSourcePage        page_func,
                                        gpointer             page_data,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean    dsp_source_sync_finish     (DspSource           *self,
                                        GAsyncResult        *result,
                                        GError             **error);
void        dsp_source_cancel          (DspSource           *self);
void        dsp_source_read_open_async (DspSource           *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
GPtrArray  *dsp_source_read_open_finish (DspSource          *self,
                                        GAsyncResult        *result,
                                        GError             **error);

G_END_DECLS
