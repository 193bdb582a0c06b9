/* dsp-store-draft.c
 *
 * One draft per dispute (its store and id): the row holds what is typed,
 * draft_files the documents. Saving writes a document's bytes only the
 * first time (it keeps the draft's name for it), then only its place and
 * description; documents no longer in the draft go. Each save is one
 * transaction, so a crash leaves the last whole draft.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-store"

#include "config.h"

#include "dsp-store-draft.h"
#include "dsp-store-private.h"

typedef struct {
  DspDraft *draft;   /* for a save; for a discard, only its keys */
  gboolean  discard;
} DraftJob;

static void
draft_job_free (DraftJob *job)
{
  dsp_draft_free (job->draft);
  g_free (job);
}

static sqlite3_stmt *
prepare_keyed (sqlite3        *db,
               const char     *sql,
               const DspDraft *draft)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, draft->source, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, draft->dispute_id, -1, SQLITE_STATIC);
  return stmt;
}

static gboolean
run_keyed (sqlite3        *db,
           const char     *sql,
           const DspDraft *draft)
{
  sqlite3_stmt *stmt = prepare_keyed (db, sql, draft);
  gboolean done = stmt && sqlite3_step (stmt) == SQLITE_DONE;

  sqlite3_finalize (stmt);
  return done;
}

/* A document's place and description, and its bytes when not there yet. */
static gboolean
write_file (sqlite3            *db,
            const DspDraft     *draft,
            const DspDraftFile *file,
            guint               position)
{
  sqlite3_stmt *stmt = prepare_keyed (db,
    "INSERT INTO draft_files (source, dispute_id, file_id, position, name, content_type, description, item, data) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, zeroblob (0)) ON CONFLICT DO UPDATE SET position = excluded.position, "
    "description = excluded.description, item = excluded.item RETURNING length (data)", draft);
  gsize size = 0;
  gconstpointer bytes = file->file->data ? g_bytes_get_data (file->file->data, &size) : NULL;
  gboolean done, fresh;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 3, file->id, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, (int) position);
  sqlite3_bind_text (stmt, 5, file->file->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, file->file->content_type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, file->file->description, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, file->item, -1, SQLITE_STATIC);
  done = sqlite3_step (stmt) == SQLITE_ROW;
  fresh = done && sqlite3_column_int64 (stmt, 0) == 0;
  done = done && sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);
  if (!done || !fresh || size == 0)
    return done;
  stmt = prepare_keyed (db, "UPDATE draft_files SET data = ?4 WHERE source = ?1 AND dispute_id = ?2 AND file_id = ?3",
                        draft);
  sqlite3_bind_text (stmt, 3, file->id, -1, SQLITE_STATIC);
  sqlite3_bind_blob64 (stmt, 4, bytes, size, SQLITE_STATIC);
  done = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);
  return done;
}

/* The documents no longer in the draft go. */
static gboolean
drop_others (sqlite3        *db,
             const DspDraft *draft)
{
  g_autoptr(GString) sql = g_string_new ("DELETE FROM draft_files WHERE source = ?1 AND dispute_id = ?2");
  sqlite3_stmt *stmt;
  gboolean done;

  if (draft->files->len > 0)
    {
      g_string_append (sql, " AND file_id NOT IN (");
      for (guint i = 0; i < draft->files->len; i++)
        g_string_append_printf (sql, "%s?%u", i ? ", " : "", i + 3);
      g_string_append (sql, ")");
    }
  stmt = prepare_keyed (db, sql->str, draft);
  for (guint i = 0; stmt && i < draft->files->len; i++)
    sqlite3_bind_text (stmt, (int) i + 3, ((DspDraftFile *) g_ptr_array_index (draft->files, i))->id, -1,
                       SQLITE_STATIC);
  done = stmt && sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);
  return done;
}

static gboolean
write_draft (sqlite3  *db,
             gpointer  data)
{
  DraftJob *job = data;
  const DspDraft *draft = job->draft;
  g_autofree char *ticked = g_strjoinv ("\n", draft->ticked);
  sqlite3_stmt *stmt;
  gboolean done;

  if (job->discard)
    return run_keyed (db, "DELETE FROM drafts WHERE source = ?1 AND dispute_id = ?2", draft) &&
           drop_others (db, draft);
  stmt = prepare_keyed (db, "INSERT OR REPLACE INTO drafts (source, dispute_id, kind, text, refund, ticked, saved_at) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", draft);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 3, dsp_action_kind_to_string (draft->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, draft->text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, draft->refund, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, ticked, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, draft->saved_at);
  done = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);
  for (guint i = 0; done && i < draft->files->len; i++)
    done = write_file (db, draft, g_ptr_array_index (draft->files, i), i);
  return done && drop_others (db, draft);
}

static void
draft_write_job (DspStore *self,
                 GTask    *task,
                 gpointer  data)
{
  dsp_store_in_transaction (self, task, write_draft, data);
}

static void
submit_write (DspStore            *self,
              DraftJob            *job,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  dsp_store_submit (self, draft_write_job, job, (GDestroyNotify) draft_job_free, dsp_store_save_draft_async, NULL,
                    callback, user_data);
}

/* Keeps @draft (transfer full: the job's from now) as the dispute's only one. */
void
dsp_store_save_draft_async (DspStore            *self,
                            DspDraft            *draft,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  DraftJob *job = g_new0 (DraftJob, 1);

  job->draft = draft;
  submit_write (self, job, callback, user_data);
}

void
dsp_store_discard_draft_async (DspStore            *self,
                               const char          *source,
                               const char          *dispute_id,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  DraftJob *job = g_new0 (DraftJob, 1);

  job->draft = dsp_draft_new (source, dispute_id, DSP_ACTION_REPRESENT);
  job->discard = TRUE;
  submit_write (self, job, callback, user_data);
}

gboolean
dsp_store_draft_write_finish (DspStore      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
read_files (sqlite3  *db,
            DspDraft *draft)
{
  sqlite3_stmt *stmt = prepare_keyed (db, "SELECT file_id, item, name, content_type, description, data "
                                          "FROM draft_files WHERE source = ?1 AND dispute_id = ?2 ORDER BY position",
                                      draft);

  while (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GBytes) data = g_bytes_new (sqlite3_column_blob (stmt, 5), sqlite3_column_bytes (stmt, 5));
      DspActionFile *file = dsp_action_file_new ((const char *) sqlite3_column_text (stmt, 2),
                                                 (const char *) sqlite3_column_text (stmt, 3), data);

      file->description = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      g_ptr_array_add (draft->files, dsp_draft_file_new ((const char *) sqlite3_column_text (stmt, 0),
                                                         (const char *) sqlite3_column_text (stmt, 1), file));
    }
  sqlite3_finalize (stmt);
}

static void
load_job (DspStore *self,
          GTask    *task,
          gpointer  data)
{
  sqlite3 *db = dsp_store_get_db (self);
  const DspDraft *key = data;
  g_autoptr(DspDraft) draft = dsp_draft_new (key->source, key->dispute_id, key->kind);
  sqlite3_stmt *stmt = db ? prepare_keyed (db, "SELECT kind, text, refund, ticked, saved_at FROM drafts "
                                               "WHERE source = ?1 AND dispute_id = ?2", draft) : NULL;
  gboolean found = stmt && sqlite3_step (stmt) == SQLITE_ROW;
  const char *ticked;

  if (found)
    {
      dsp_action_kind_from_string ((const char *) sqlite3_column_text (stmt, 0), &draft->kind);
      draft->text = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      draft->refund = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      ticked = (const char *) sqlite3_column_text (stmt, 3);
      g_strfreev (draft->ticked);
      draft->ticked = ticked && *ticked ? g_strsplit (ticked, "\n", -1) : g_new0 (char *, 1);
      draft->saved_at = sqlite3_column_int64 (stmt, 4);
    }
  sqlite3_finalize (stmt);
  if (found)
    read_files (db, draft);
  g_task_return_pointer (task, found ? g_steal_pointer (&draft) : NULL, (GDestroyNotify) dsp_draft_free);
}

/* The dispute's draft, or NULL (and no error) when there is none. */
void
dsp_store_load_draft_async (DspStore            *self,
                            const char          *source,
                            const char          *dispute_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  dsp_store_submit (self, load_job, dsp_draft_new (source, dispute_id, DSP_ACTION_REPRESENT),
                    (GDestroyNotify) dsp_draft_free, dsp_store_load_draft_async, cancellable, callback, user_data);
}

DspDraft *
dsp_store_load_draft_finish (DspStore      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dsp_store_load_draft_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The items of @tally that have a draft say so: drafts are few, read whole. */
void
dsp_store_mark_drafted (sqlite3  *db,
                        DspTally *tally)
{
  sqlite3_stmt *stmt = NULL;

  if (tally->index == NULL || sqlite3_prepare_v2 (db, "SELECT source, dispute_id FROM drafts", -1, &stmt, NULL) != SQLITE_OK)
    return;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GHashTable *ids = g_hash_table_lookup (tally->index, sqlite3_column_text (stmt, 0));
      DspDisputeItem *item = ids ? g_hash_table_lookup (ids, sqlite3_column_text (stmt, 1)) : NULL;

      if (item)
        dsp_dispute_item_set_drafted (item, TRUE);
    }
  sqlite3_finalize (stmt);
}
