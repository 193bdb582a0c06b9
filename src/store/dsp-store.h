/* dsp-store.h — every account's disputes and orders on disk (SQLite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dsp-action.h"

G_BEGIN_DECLS

#define DSP_STORE_ERROR (dsp_store_error_quark ())

typedef enum {
  DSP_STORE_ERROR_DISK_FULL,
  DSP_STORE_ERROR_FAILED,
} DspStoreError;

/* What a source had stored: its disputes and orders as Klarna sent them. */
typedef struct {
  GPtrArray *disputes;   /* DspDispute */
  GPtrArray *orders;     /* DspOrder */
  gint64     synced_at;  /* when the last full sync ended, 0 never */
  gint64     high_water; /* the newest updated_at seen then */
  char      *after;      /* where the next chunk starts (opaque), NULL at the end */
  GHashTable *marks;     /* dispute id → DspMark */
  guint      unreadable; /* rows that no longer read: removed, and the sync mark with them */
} DspStoreSnapshot;

/* The owner's own "resolved": when, and an optional note. */
typedef struct {
  gint64  resolved_at;
  char   *note;
} DspMark;

DspMark *dsp_mark_new  (gint64      resolved_at,
                        const char *note);
void     dsp_mark_free (DspMark    *mark);

void dsp_store_snapshot_free (DspStoreSnapshot *snapshot);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DspStoreSnapshot, dsp_store_snapshot_free)

#define DSP_TYPE_STORE (dsp_store_get_type ())
G_DECLARE_FINAL_TYPE (DspStore, dsp_store, DSP, STORE, GObject)

GQuark            dsp_store_error_quark        (void);
DspStore         *dsp_store_new                (const char          *path);
DspStore         *dsp_store_new_shared         (const char          *path);
DspStore         *dsp_store_new_in_memory      (void);
void              dsp_store_hold_checkpoints   (DspStore            *self,
                                                gboolean             hold);
const char       *dsp_store_get_path           (DspStore            *self);
void              dsp_store_open_async         (DspStore            *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean          dsp_store_open_finish        (DspStore            *self,
                                                GAsyncResult        *result,
                                                char               **notice,
                                                GError             **error);
gboolean          dsp_store_write_finish       (DspStore            *self,
                                                GAsyncResult        *result,
                                                GError             **error);
void              dsp_store_load_async         (DspStore            *self,
                                                const char          *source,
                                                const char          *after,
                                                gint64               limit,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
DspStoreSnapshot *dsp_store_load_finish        (DspStore            *self,
                                                GAsyncResult        *result,
                                                GError             **error);
void              dsp_store_read_disputes_async (DspStore           *self,
                                                const char          *source,
                                                const char          *store_name,
                                                const char          *id,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GPtrArray        *dsp_store_read_disputes_finish (DspStore          *self,
                                                GAsyncResult        *result,
                                                GError             **error);
void              dsp_store_save_page_async    (DspStore            *self,
                                                const char          *source,
                                                GPtrArray           *disputes,
                                                GPtrArray           *texts,
                                                gboolean             more,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
void              dsp_store_end_pages          (DspStore            *self);
void              dsp_store_save_order_async   (DspStore            *self,
                                                const char          *source,
                                                const char          *order_id,
                                                const char          *json,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
void              dsp_store_end_sync_async     (DspStore            *self,
                                                const char          *source,
                                                gint64               synced_at,
                                                gint64               high_water,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
void              dsp_store_forget_async       (DspStore            *self,
                                                const char          *source,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);

void              dsp_store_record_sent_async  (DspStore            *self,
                                                const char          *source,
                                                const char          *dispute_id,
                                                const char          *step,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
void              dsp_store_load_sent_async    (DspStore            *self,
                                                const char          *source,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GHashTable       *dsp_store_load_sent_finish   (DspStore            *self,
                                                GAsyncResult        *result,
                                                GError             **error);
void              dsp_store_set_mark_async     (DspStore            *self,
                                                const char          *source,
                                                const char          *dispute_id,
                                                gint64               resolved_at,
                                                const char          *note,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
void              dsp_store_index_some_async   (DspStore            *self,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean          dsp_store_index_some_finish  (DspStore            *self,
                                                GAsyncResult        *result,
                                                gboolean            *more,
                                                GError             **error);
void              dsp_store_index_all          (DspStore            *self);
void              dsp_store_limit_pages_async  (DspStore            *self,
                                                guint                pages,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);

/* The outbox (dsp-store-outbox.c) */
void              dsp_store_add_action_async     (DspStore            *self,
                                                  DspAction           *action,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gint64            dsp_store_add_action_finish    (DspStore            *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
void              dsp_store_load_actions_async   (DspStore            *self,
                                                  gint64               id,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GPtrArray        *dsp_store_load_actions_finish  (DspStore            *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
void              dsp_store_update_action_async  (DspStore            *self,
                                                  DspAction           *action,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
void              dsp_store_set_attachment_async (DspStore            *self,
                                                  gint64               action_id,
                                                  guint                position,
                                                  const char          *attachment_id,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
void              dsp_store_delete_action_async  (DspStore            *self,
                                                  gint64               action_id,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);

G_END_DECLS
