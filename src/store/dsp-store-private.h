/* dsp-store-private.h — the store's worker, for the store's own files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "dsp-store.h"
#include "dsp-store-tally.h"

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

/* An action's files are kept in a folder beside the store's file, named
 * so (moved aside with it); dsp-store-files.c removes those no row keeps. */
#define DSP_STORE_FILES_SUFFIX "-evidence"
void     dsp_store_files_sweep    (DspStore            *self);
void     dsp_store_forget_in_transaction (DspStore     *self,
                                          GTask        *task,
                                          gboolean    (*body) (sqlite3 *db, gpointer data),
                                          gpointer      data);

/* An answer the store's thread found once (dsp-store-tally.c), kept while
 * it is asked the same and nothing is written. */
typedef struct {
  char           *key;
  sqlite3_int64   changes;  /* the data's count of changes when it was found */
  gpointer        value;
  GDestroyNotify  free_value;
} DspStoreMemo;

/* What a search found (temp.hits holds it), the counts of a question, the
 * reasons among the stores shown; and how many of the connection's changes
 * were the memos' own (temp.hits), not the data's — on the store's thread only. */
typedef struct {
  DspStoreMemo   hits;
  DspStoreMemo   counts;
  DspStoreMemo   reasons;
  sqlite3_int64  own_changes;
} DspStoreMemos;

DspStoreMemos *dsp_store_get_memos (DspStore          *self);
void           dsp_store_memos_clear (DspStoreMemos   *memos);
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

/* dsp_store_tally_async()'s answer, asked by the store's own jobs on its
 * thread (dsp-store-tally.c). */
DspTally *dsp_store_answer        (DspStore            *self,
                                   const char * const  *sources,
                                   const char * const  *names,
                                   const DspQuery      *query,
                                   gint64               rows);

/* SQLite's look at every page of the file: SQLITE_OK when intact,
 * SQLITE_CORRUPT when damaged, else why it could not look. */
int       dsp_store_quick_check   (sqlite3             *db);

/* The job that replaces a file found damaged after the start, @problem
 * (a string) saying how; it completes @task as dsp_store_open_async() does. */
void      dsp_store_replace_job   (DspStore            *self,
                                   GTask               *task,
                                   gpointer             problem);

/* dsp_store_open_finish()'s and dsp_store_check_finish()'s answer. */
gboolean  dsp_store_propagate_notice (GTask            *task,
                                      char            **notice,
                                      GError          **error);

/* The items of a tally with a draft say so (dsp-store-draft.c). */
void      dsp_store_mark_drafted  (sqlite3             *db,
                                   DspTally            *tally);

G_END_DECLS
