/* dsp-store-private.h — the store's worker, for the store's own files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "dsp-store.h"

G_BEGIN_DECLS

/* Runs on the store's thread; completes @task. */
typedef void (*DspStoreJob) (DspStore *self,
                             GTask    *task,
                             gpointer  data);

void     dsp_store_submit         (DspStore            *self,
                                   DspStoreJob          func,
                                   gpointer             data,
                                   GDestroyNotify       free_data,
                                   gpointer             source_tag,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
sqlite3 *dsp_store_get_db         (DspStore            *self);

/* What temp.hits holds (dsp-store-tally.c): the search it was found for,
 * and the connection's count of changes right after — on the store's
 * thread only. */
typedef struct {
  char          *words;
  sqlite3_int64  changes;
} DspStoreHits;

DspStoreHits *dsp_store_get_hits  (DspStore            *self);
GError  *dsp_store_write_error    (sqlite3             *db,
                                   int                  code);
gboolean dsp_store_run_transaction (DspStore           *self,
                                    gboolean          (*body) (sqlite3 *db, gpointer data),
                                    gpointer            data,
                                    GError            **error);
void     dsp_store_in_transaction (DspStore            *self,
                                   GTask               *task,
                                   gboolean           (*body) (sqlite3 *db, gpointer data),
                                   gpointer             data);

G_END_DECLS
