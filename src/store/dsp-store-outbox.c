/* dsp-store-outbox.c — actions for Klarna, written down before they are sent
 *
 * An action and its files go in one transaction; from then on a crash or a
 * restart cannot lose it. Files are kept whole (≤ 10 × 7 MB), beside the
 * store (dsp-store-files.c), so the owner's originals may move or vanish
 * without changing what is sent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-store"

#include "config.h"

#include "dsp-clock.h"
#include "dsp-store-files.h"
#include "dsp-store-private.h"

/* Actions done or refused stay on view this long. */
#define KEEP_FINISHED (90 * 24 * 3600)

/* One statement and its values (gint64 or string; NULL binds SQL NULL). */
typedef struct {
  const char *sql;
  GPtrArray  *values;   /* GVariant, "x" or "ms" */
} Statement;

static void
statement_free (Statement *statement)
{
  g_ptr_array_unref (statement->values);
  g_free (statement);
}

static Statement *
statement_new (const char *sql)
{
  Statement *statement = g_new0 (Statement, 1);

  statement->sql = sql;
  statement->values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  return statement;
}

static void
add_int (Statement *statement,
         gint64     value)
{
  g_ptr_array_add (statement->values, g_variant_ref_sink (g_variant_new_int64 (value)));
}

static void
add_text (Statement  *statement,
          const char *value)
{
  g_ptr_array_add (statement->values, g_variant_ref_sink (g_variant_new_maybe (G_VARIANT_TYPE_STRING,
                                                          value ? g_variant_new_string (value) : NULL)));
}

static void
bind_values (sqlite3_stmt *stmt,
             GPtrArray    *values)
{
  for (guint i = 0; i < values->len; i++)
    {
      GVariant *value = g_ptr_array_index (values, i);
      g_autoptr(GVariant) inner = NULL;

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
        sqlite3_bind_int64 (stmt, i + 1, g_variant_get_int64 (value));
      else if ((inner = g_variant_get_maybe (value)) != NULL)
        sqlite3_bind_text (stmt, i + 1, g_variant_get_string (inner, NULL), -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (stmt, i + 1);
    }
}

static gboolean
write_statement (sqlite3  *db,
                 gpointer  data)
{
  Statement *statement = data;
  const char *sql = statement->sql;

  /* Each statement of the text in turn, all with the same values. */
  while (sql && *sql)
    {
      sqlite3_stmt *stmt = NULL;
      int code;

      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, &sql) != SQLITE_OK)
        return FALSE;
      if (stmt == NULL)
        break;
      bind_values (stmt, statement->values);
      code = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      if (code != SQLITE_DONE)
        return FALSE;
    }
  return TRUE;
}

static void
statement_job (DspStore *self,
               GTask    *task,
               gpointer  data)
{
  dsp_store_in_transaction (self, task, write_statement, data);
}

static void
run_statement (DspStore            *self,
               Statement           *statement,
               gpointer             source_tag,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  dsp_store_submit (self, statement_job, statement, (GDestroyNotify) statement_free, source_tag, NULL,
                    callback, user_data);
}

/* Where it stands: after every attempt, and when it ends. */
void
dsp_store_update_action_async (DspStore            *self,
                               DspAction           *action,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Statement *statement = statement_new ("UPDATE outbox SET state = ?1, attempts = ?2, next_attempt = ?3, "
                                        "message = ?4, finished_at = ?5 WHERE id = ?6");

  add_text (statement, dsp_action_state_to_string (action->state));
  add_int (statement, action->attempts);
  add_int (statement, action->next_attempt);
  add_text (statement, action->message);
  add_int (statement, action->finished_at);
  add_int (statement, action->id);
  run_statement (self, statement, dsp_store_update_action_async, callback, user_data);
}

/* Klarna has file @position of @action: it is not uploaded again. */
void
dsp_store_set_attachment_async (DspStore            *self,
                                gint64               action_id,
                                guint                position,
                                const char          *attachment_id,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  Statement *statement = statement_new ("UPDATE outbox_files SET attachment_id = ?1 "
                                        "WHERE outbox_id = ?2 AND position = ?3");

  add_text (statement, attachment_id);
  add_int (statement, action_id);
  add_int (statement, position);
  run_statement (self, statement, dsp_store_set_attachment_async, callback, user_data);
}

/* The rows, then the files they kept. */
static void
delete_job (DspStore *self,
            GTask    *task,
            gpointer  data)
{
  dsp_store_forget_in_transaction (self, task, write_statement, data);
}

/* Forgets a finished action the owner has dismissed. */
void
dsp_store_delete_action_async (DspStore            *self,
                               gint64               action_id,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Statement *statement = statement_new ("DELETE FROM outbox_files WHERE outbox_id IN "
                                        "  (SELECT id FROM outbox WHERE id = ?1 AND state IN ('done', 'failed'));"
                                        "DELETE FROM outbox WHERE id = ?1 AND state IN ('done', 'failed');");

  add_int (statement, action_id);
  dsp_store_submit (self, delete_job, statement, (GDestroyNotify) statement_free, dsp_store_delete_action_async, NULL,
                    callback, user_data);
}

typedef struct {
  DspAction *action;   /* a copy, read only on the store's thread */
  char      *payload;
  char      *dir;      /* where its files go; NULL: in their rows */
  GError    *failed;   /* why a file could not be written */
} Added;

static void
added_free (Added *added)
{
  dsp_action_unref (added->action);
  g_free (added->payload);
  g_free (added->dir);
  g_clear_error (&added->failed);
  g_free (added);
}

static gboolean
write_files (sqlite3 *db,
             Added   *added)
{
  GPtrArray *files = added->action->files;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = sqlite3_prepare_v2 (db, "INSERT INTO outbox_files (outbox_id, position, name, content_type, "
                                        "description, data, kept, size) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                    -1, &stmt, NULL) == SQLITE_OK;

  for (guint i = 0; ok && i < files->len; i++)
    {
      DspActionFile *file = g_ptr_array_index (files, i);
      gsize size = 0;
      gconstpointer bytes = g_bytes_get_data (file->data, &size);
      gboolean beside = added->dir != NULL;

      if (beside && !dsp_store_files_write (added->dir, added->action->id, i, file->data, &added->failed))
        break;
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, added->action->id);
      sqlite3_bind_int64 (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, file->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, file->content_type, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, file->description, -1, SQLITE_STATIC);
      sqlite3_bind_blob64 (stmt, 6, bytes && !beside ? bytes : "", beside ? 0 : size, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 7, beside);
      sqlite3_bind_int64 (stmt, 8, size);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  return ok && added->failed == NULL;
}

static gboolean
write_action (sqlite3  *db,
              gpointer  data)
{
  Added *added = data;
  DspAction *action = added->action;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  ok = sqlite3_prepare_v2 (db, "INSERT INTO outbox (source, dispute_id, kind, payload, idempotency_key, state, "
                               "attempts, next_attempt, created_at) VALUES (?1, ?2, ?3, ?4, ?5, 'pending', 0, 0, ?6)",
                           -1, &stmt, NULL) == SQLITE_OK;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, action->source, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, action->dispute_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, dsp_action_kind_to_string (action->kind), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, added->payload, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, action->idempotency_key, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 6, action->created_at);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  if (ok)
    action->id = sqlite3_last_insert_rowid (db);
  return ok && write_files (db, added);
}

static void
add_job (DspStore *self,
         GTask    *task,
         gpointer  data)
{
  Added *added = data;
  GError *error = NULL;

  added->dir = dsp_store_files_dir (self);
  if (dsp_store_run_transaction (self, write_action, added, &error))
    {
      g_task_return_int (task, added->action->id);
      return;
    }
  /* the files written before the failure go with the rows */
  dsp_store_files_sweep (self);
  if (added->failed)
    {
      g_clear_error (&error);
      error = g_steal_pointer (&added->failed);
    }
  g_task_return_error (task, error);
}

static DspAction *
copy_for_store (DspAction *action)
{
  DspAction *copy = dsp_action_new (action->kind, action->source, action->dispute_id);

  g_free (copy->idempotency_key);
  copy->idempotency_key = g_strdup (action->idempotency_key);
  copy->created_at = action->created_at;
  for (guint i = 0; i < action->files->len; i++)
    {
      DspActionFile *file = g_ptr_array_index (action->files, i);
      DspActionFile *kept = dsp_action_file_new (file->name, file->content_type, file->data);

      kept->description = g_strdup (file->description);
      g_ptr_array_add (copy->files, kept);
    }
  return copy;
}

/* Writes @action (pending) and its files down; the result is its id. */
void
dsp_store_add_action_async (DspStore            *self,
                            DspAction           *action,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  Added *added = g_new0 (Added, 1);

  added->action = copy_for_store (action);
  added->payload = dsp_action_payload_to_json (action);
  dsp_store_submit (self, add_job, added, (GDestroyNotify) added_free, dsp_store_add_action_async, NULL,
                    callback, user_data);
}

gint64
dsp_store_add_action_finish (DspStore      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dsp_store_add_action_async, 0);
  return g_task_propagate_int (G_TASK (result), error);
}

/* Its contents from its row, or beside the store (NULL when lost). */
static DspActionFile *
read_file (sqlite3_stmt *stmt,
           const char   *dir,
           gboolean      with_data)
{
  DspActionFile *file = dsp_action_file_new ((const char *) sqlite3_column_text (stmt, 1),
                                             (const char *) sqlite3_column_text (stmt, 2), NULL);
  gboolean beside = sqlite3_column_int (stmt, 7);

  file->description = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  file->attachment_id = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  file->size = (gsize) sqlite3_column_int64 (stmt, 8);
  if (with_data && !beside)
    file->data = g_bytes_new (sqlite3_column_blob (stmt, 5), file->size);
  else if (with_data && dir)
    file->data = dsp_store_files_read (dir, sqlite3_column_int64 (stmt, 0), sqlite3_column_int (stmt, 6), file->size);
  return file;
}

static DspAction *
read_action (sqlite3_stmt *stmt)
{
  DspActionKind kind;
  DspAction *action;

  if (!dsp_action_kind_from_string ((const char *) sqlite3_column_text (stmt, 3), &kind))
    return NULL;
  action = dsp_action_new (kind, (const char *) sqlite3_column_text (stmt, 1),
                           (const char *) sqlite3_column_text (stmt, 2));
  action->id = sqlite3_column_int64 (stmt, 0);
  dsp_action_payload_from_json (action, (const char *) sqlite3_column_text (stmt, 4));
  g_free (action->idempotency_key);
  action->idempotency_key = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  action->state = dsp_action_state_from_string ((const char *) sqlite3_column_text (stmt, 6));
  action->attempts = sqlite3_column_int (stmt, 7);
  action->next_attempt = sqlite3_column_int64 (stmt, 8);
  action->created_at = sqlite3_column_int64 (stmt, 9);
  action->finished_at = sqlite3_column_int64 (stmt, 10);
  action->message = g_strdup ((const char *) sqlite3_column_text (stmt, 11));
  return action;
}

/* The files of one action (@id) or of all (0), in order. */
static void
read_files (sqlite3    *db,
            gint64      id,
            const char *dir,
            gboolean    with_data,
            GHashTable *by_id)
{
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (db, "SELECT outbox_id, name, content_type, description, attachment_id, "
                          "CASE WHEN ?2 THEN data END, position, kept, CASE WHEN kept THEN size ELSE length (data) END "
                          "FROM outbox_files WHERE ?1 = 0 OR outbox_id = ?1 ORDER BY outbox_id, position",
                      -1, &stmt, NULL);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, with_data);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 owner = sqlite3_column_int64 (stmt, 0);
      DspAction *action = g_hash_table_lookup (by_id, &owner);

      if (action)
        g_ptr_array_add (action->files, read_file (stmt, dir, with_data));
    }
  sqlite3_finalize (stmt);
}

typedef struct {
  gint64   id;        /* 0: every action kept */
  gboolean with_data;
  gint64   now;       /* finished actions are kept 90 days from here */
} Wanted;

static void
load_job (DspStore *self,
          GTask    *task,
          gpointer  data)
{
  Wanted *wanted = data;
  sqlite3 *db = dsp_store_get_db (self);
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func ((GDestroyNotify) dsp_action_unref);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *dir = NULL;
  sqlite3_stmt *stmt = NULL;

  if (db == NULL || sqlite3_prepare_v2 (db, "SELECT id, source, dispute_id, kind, payload, idempotency_key, "
                                            "state, attempts, next_attempt, created_at, finished_at, message "
                                            "FROM outbox WHERE (?1 = 0 AND (state IN ('pending', 'sending') "
                                            "OR created_at > ?2)) OR id = ?1 ORDER BY id",
                                        -1, &stmt, NULL) != SQLITE_OK)
    {
      g_task_return_new_error (task, DSP_STORE_ERROR, DSP_STORE_ERROR_FAILED, "store not open");
      return;
    }
  sqlite3_bind_int64 (stmt, 1, wanted->id);
  sqlite3_bind_int64 (stmt, 2, wanted->now - KEEP_FINISHED);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      DspAction *action = read_action (stmt);

      if (action == NULL)
        continue;
      g_ptr_array_add (actions, action);
      g_hash_table_insert (by_id, &action->id, action);
    }
  sqlite3_finalize (stmt);
  dir = dsp_store_files_dir (self);
  read_files (db, wanted->id, dir, wanted->with_data, by_id);
  g_task_return_pointer (task, g_steal_pointer (&actions), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * dsp_store_load_actions_async:
 * @id: one action, with its files' contents; or 0: every open action and
 *   those finished lately, with their files' names and sizes only
 */
void
dsp_store_load_actions_async (DspStore            *self,
                              gint64               id,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Wanted *wanted = g_new0 (Wanted, 1);

  wanted->id = id;
  wanted->with_data = id != 0;
  wanted->now = dsp_clock_now ();
  dsp_store_submit (self, load_job, wanted, g_free, dsp_store_load_actions_async, NULL, callback, user_data);
}

/* Returns: (transfer full): DspAction, oldest first */
GPtrArray *
dsp_store_load_actions_finish (DspStore      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dsp_store_load_actions_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
