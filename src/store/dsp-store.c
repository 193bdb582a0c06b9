/* dsp-store.c
 *
 * One SQLite connection, used only by one worker thread: every job runs
 * there in order, and its GTask reports back on the main context. The
 * window never waits on the disk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-store"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "dsp-background.h"
#include "dsp-clock.h"
#include "dsp-dispute.h"
#include "dsp-json.h"
#include "dsp-order.h"
#include "dsp-store-index.h"
#include "dsp-store-schema.h"
#include "dsp-store.h"
#include "dsp-store-private.h"

struct _DspStore
{
  GObject      parent_instance;

  char        *path;
  sqlite3     *db;
  GThreadPool *pool;
  DspStoreMemos memos;
  GPtrArray   *batch;  /* pages written in the transaction still open, their tasks waiting for its end */
  gboolean     shared; /* the app may have the file open too: never moved aside from here */
  guint        holds;  /* dsp_store_hold_checkpoints() */
};

/* The journal copied back into the file every 40 MB, not every 4: a sync's
 * pages touch the same index pages again and again. */
#define AUTOCHECKPOINT_PAGES 10000

G_DEFINE_FINAL_TYPE (DspStore, dsp_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (dsp-store-error-quark, dsp_store_error)

typedef struct {
  DspStoreJob        func;
  gpointer       data;
  GDestroyNotify free;
} Job;

static void
job_free (Job *job)
{
  if (job->free)
    job->free (job->data);
  g_free (job);
}

static gboolean
release_task (gpointer task)
{
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

/* A worker's reference to a task goes back to the thread that asked:
 * dropped here, it could be the store's last (the caller let go while the
 * job ran), and the store would be finalised on its own worker, which then
 * waits for itself for ever. */
static void
release_on_caller (GTask *task)
{
  g_autoptr(GSource) release = g_idle_source_new ();

  /* not g_main_context_invoke(): that would run it here whenever the context is free */
  g_source_set_callback (release, release_task, task, NULL);
  g_source_attach (release, g_task_get_context (task));
}

static void end_batch (DspStore *self);
static void save_page_job (DspStore *self, GTask *task, gpointer data);

static void
run_job (gpointer task,
         gpointer self)
{
  Job *job = g_task_get_task_data (task);

  /* the window's thread goes first */
  dsp_background_lower_thread ();
  /* whatever comes after a sync's pages finds them written */
  if (job->func != save_page_job)
    end_batch (self);
  job->func (self, task, job->data);
  release_on_caller (task);
}

void
dsp_store_submit (DspStore            *self,
                  DspStoreJob          func,
                  gpointer             data,
                  GDestroyNotify       free_data,
                  gpointer             source_tag,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->func = func;
  job->data = data;
  job->free = free_data;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_thread_pool_push (self->pool, task, NULL);
}

/* A write that failed: a full disk says so; the last good state stays. */
GError *
dsp_store_write_error (sqlite3 *db,
                       int      code)
{
  if (code == SQLITE_FULL || sqlite3_extended_errcode (db) == SQLITE_FULL)
    return g_error_new_literal (DSP_STORE_ERROR, DSP_STORE_ERROR_DISK_FULL,
                                _("The disk is full, so the newest disputes could not be saved on this computer. What was saved before is intact; free some space."));
  return g_error_new (DSP_STORE_ERROR, DSP_STORE_ERROR_FAILED,
                      _("The disputes could not be saved on this computer (%s)."), sqlite3_errmsg (db));
}

static gboolean
exec (sqlite3    *db,
      const char *sql)
{
  return sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK;
}

/* SQLite's own look at every page of the file: SQLITE_OK when intact,
 * SQLITE_CORRUPT when it names damage, else its error (busy, interrupted…).
 * Done with before anything is changed (a statement still open would keep
 * a migration from dropping an index). */
int
dsp_store_quick_check (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int code = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);

  if (code == SQLITE_OK)
    code = sqlite3_step (stmt);
  if (code == SQLITE_ROW)
    {
      const char *said = (const char *) sqlite3_column_text (stmt, 0);

      code = g_strcmp0 (said, "ok") == 0 ? SQLITE_OK : SQLITE_CORRUPT;
      if (code != SQLITE_OK)
        g_debug ("quick_check: %s", said);
    }
  sqlite3_finalize (stmt);
  return code;
}

/* Opens the file; a reason in @problem when it cannot be used. SQLite's
 * whole look at the file (quick_check: every page, a quarter of a second
 * for a hundred thousand disputes) comes first only when @check says so
 * or a migration is to change it; otherwise after the start, beside the
 * app (dsp-store-check.c). The connection is only ever used on the store's
 * thread: no lock of SQLite's own around each call (a hundred thousand
 * rows read make millions of them). */
static sqlite3 *
open_checked (const char  *path,
              gboolean     check,
              char       **problem)
{
  sqlite3 *db = NULL;
  int version = 0;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    *problem = g_strdup (db ? sqlite3_errmsg (db) : "cannot open");
  else if (sqlite3_busy_timeout (db, 5000) != SQLITE_OK || sqlite3_db_readonly (db, "main") == 1)
    *problem = g_strdup (_("the file is read-only"));
  else if (!exec (db, "PRAGMA journal_mode=WAL") || !exec (db, "PRAGMA synchronous=NORMAL") ||
           sqlite3_wal_autocheckpoint (db, AUTOCHECKPOINT_PAGES) != SQLITE_OK)
    *problem = g_strdup (sqlite3_errmsg (db));
  else if ((version = dsp_store_schema_version (db)) < 0 || !exec (db, "SELECT count(*) FROM sqlite_schema"))
    *problem = g_strdup (_("the file is damaged"));
  else if ((check || version < DSP_STORE_SCHEMA_VERSION) && dsp_store_quick_check (db) != SQLITE_OK)
    *problem = g_strdup (_("the file is damaged"));
  else if (version > DSP_STORE_SCHEMA_VERSION)
    *problem = g_strdup (_("it was written by a newer version of Disputes"));
  else
    dsp_store_schema_migrate (db, DSP_STORE_SCHEMA_VERSION, problem);

  if (*problem == NULL)
    return db;
  sqlite3_close (db);
  return NULL;
}

/* Never deleted: renamed beside itself, with its journal, for a later look. */
static char *
move_aside (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (dsp_clock_now ());
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  char *aside = g_strdup_printf ("%s.unreadable-%s", path, stamp);

  /* a second one in the same second must not replace the first */
  for (guint n = 2; g_file_test (aside, G_FILE_TEST_EXISTS); n++)
    {
      g_free (aside);
      aside = g_strdup_printf ("%s.unreadable-%s-%u", path, stamp, n);
    }
  const char *suffixes[] = { "-wal", "-shm", DSP_STORE_FILES_SUFFIX };

  g_rename (path, aside);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }
  return aside;
}

/* The file, unusable for @problem, moved aside and a new one opened in its
 * place: what to tell the owner once, or why no file can be kept. */
static void
replace_file (DspStore   *self,
              const char *problem,
              GTask      *task)
{
  g_autofree char *aside = NULL;
  g_autofree char *retry_problem = NULL;

  g_message ("Store %s unusable (%s); moving it aside", self->path, problem);
  aside = move_aside (self->path);
  self->db = open_checked (self->path, TRUE, &retry_problem);
  if (self->db == NULL)
    g_task_return_new_error (task, DSP_STORE_ERROR, DSP_STORE_ERROR_FAILED,
                             _("Disputes cannot keep a copy of your disputes on this computer (%s). They are fetched from Klarna each time."),
                             retry_problem);
  else
    g_task_return_pointer (task,
                           g_strdup_printf (_("The disputes saved on this computer could not be read (%s). The file was kept as %s and everything is fetched from Klarna again."),
                                            problem, aside),
                           g_free);
}

static void
open_job (DspStore *self,
          GTask    *task,
          gpointer  data)
{
  g_autofree char *problem = NULL;
  g_autofree char *dir = g_path_get_dirname (self->path);

  if (g_strcmp0 (self->path, ":memory:") != 0)
    g_mkdir_with_parents (dir, 0700);
  /* beside a running app nothing is moved aside later: looked at whole now */
  self->db = open_checked (self->path, self->shared, &problem);
  if (self->db && !dsp_index_catch_up (self->db))
    g_message ("Stored disputes not indexed yet: %s", sqlite3_errmsg (self->db));
  if (self->db)
    {
      if (!self->shared)
        dsp_store_files_sweep (self);
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  /* locked by the app, say, or damaged: the app's to judge, at its start */
  if (self->shared)
    {
      g_task_return_new_error (task, DSP_STORE_ERROR, DSP_STORE_ERROR_FAILED,
                               _("The disputes saved on this computer could not be read (%s)."), problem);
      return;
    }
  replace_file (self, problem, task);
}

/* Found damaged after the start (dsp-store-check.c): the file is closed,
 * moved aside and replaced, as at the start. */
void
dsp_store_replace_job (DspStore *self,
                       GTask    *task,
                       gpointer  problem)
{
  dsp_store_memos_clear (&self->memos);
  self->memos.own_changes = 0;
  g_clear_pointer (&self->db, sqlite3_close_v2);
  replace_file (self, problem, task);
}

/* Opens (creating, migrating or, when unusable, replacing) the file.
 * @notice tells the owner, once, when a damaged file was moved aside. */
void
dsp_store_open_async (DspStore            *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  dsp_store_submit (self, open_job, NULL, NULL, dsp_store_open_async, cancellable, callback, user_data);
}

/* A task's notice (a string, or NULL) into @notice, or its error. */
gboolean
dsp_store_propagate_notice (GTask   *task,
                            char   **notice,
                            GError **error)
{
  g_autoptr(GError) local_error = NULL;
  char *text = g_task_propagate_pointer (task, &local_error);

  if (local_error)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (notice)
    *notice = text;
  else
    g_free (text);
  return TRUE;
}

gboolean
dsp_store_open_finish (DspStore      *self,
                       GAsyncResult  *result,
                       char         **notice,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dsp_store_open_async, FALSE);
  return dsp_store_propagate_notice (G_TASK (result), notice, error);
}


void
dsp_store_snapshot_free (DspStoreSnapshot *snapshot)
{
  g_clear_pointer (&snapshot->disputes, g_ptr_array_unref);
  g_clear_pointer (&snapshot->orders, g_ptr_array_unref);
  g_free (snapshot->after);
  g_clear_pointer (&snapshot->marks, g_hash_table_unref);
  g_free (snapshot);
}

static JsonObject *
parse_row (sqlite3_stmt *stmt,
           int           column,
           JsonNode    **root)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  *root = text ? dsp_json_parse (text, strlen (text), NULL) : NULL;
  return *root && JSON_NODE_HOLDS_OBJECT (*root) ? json_node_get_object (*root) : NULL;
}

/* A row that no longer reads goes, and with it the source's sync mark: the
 * next sync fetches everything again, this row too. */
static void
forget_unreadable (sqlite3    *db,
                   const char *source,
                   const char *sql,
                   GPtrArray  *keys)
{
  sqlite3_stmt *stmt = NULL;

  if (keys->len == 0)
    return;
  g_debug ("%u stored rows of %s could not be read; fetching everything again", keys->len, source);
  sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  for (guint i = 0; i < keys->len; i++)
    {
      sqlite3_bind_text (stmt, 1, source, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (keys, i), -1, SQLITE_STATIC);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  sqlite3_prepare_v2 (db, "DELETE FROM sync_state WHERE source = ?1", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, source, -1, SQLITE_STATIC);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
}

/* Most urgent first, @limit at a time (-1: all), after the key @after of
 * the previous chunk: a keyset walk, so every chunk costs the same. */
static GPtrArray *
load_disputes (sqlite3     *db,
               const char  *source,
               const char  *after,
               gint64       limit,
               char       **next,
               GPtrArray   *unreadable)
{
  GPtrArray *disputes = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt = NULL;
  g_auto(GStrv) key = after ? g_strsplit (after, " ", 3) : NULL;
  gint64 rows = 0;

  sqlite3_prepare_v2 (db, "SELECT json, urgency, deadline, id FROM disputes WHERE source = ?1 "
                          "AND (?2 IS NULL OR (urgency, deadline, id) > (?2, ?3, ?4)) "
                          "ORDER BY urgency, deadline, id LIMIT ?5", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, source, -1, SQLITE_TRANSIENT);
  if (key && g_strv_length (key) == 3)
    {
      sqlite3_bind_int64 (stmt, 2, g_ascii_strtoll (key[0], NULL, 10));
      sqlite3_bind_int64 (stmt, 3, g_ascii_strtoll (key[1], NULL, 10));
      sqlite3_bind_text (stmt, 4, key[2], -1, SQLITE_TRANSIENT);
    }
  sqlite3_bind_int64 (stmt, 5, limit);
  *next = NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) root = NULL;
      JsonObject *object = parse_row (stmt, 0, &root);
      DspDispute *dispute = object ? dsp_dispute_new_from_json (object, NULL) : NULL;

      rows++;
      g_free (*next);
      *next = g_strdup_printf ("%d %" G_GINT64_FORMAT " %s", sqlite3_column_int (stmt, 1),
                               (gint64) sqlite3_column_int64 (stmt, 2), (const char *) sqlite3_column_text (stmt, 3));
      if (dispute)
        {
          dsp_dispute_set_source (dispute, source, NULL);
          g_ptr_array_add (disputes, dispute);
        }
      else
        g_ptr_array_add (unreadable, g_strdup ((const char *) sqlite3_column_text (stmt, 3)));
    }
  sqlite3_finalize (stmt);
  /* A short chunk was the last one. */
  if (limit < 0 || rows < limit)
    g_clear_pointer (next, g_free);
  return disputes;
}

/* Without reading every dispute: the rows whose JSON no longer even parses. */
static void
find_invalid (sqlite3    *db,
              const char *source,
              GPtrArray  *unreadable)
{
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (db, "SELECT id FROM disputes WHERE source = ?1 AND NOT json_valid (json)", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, source, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (unreadable, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
}

static GPtrArray *
load_orders (sqlite3    *db,
             const char *source,
             GPtrArray  *unreadable)
{
  GPtrArray *orders = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (db, "SELECT json, order_id FROM orders WHERE source = ?", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, source, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) root = NULL;
      JsonObject *object = parse_row (stmt, 0, &root);
      DspOrder *order = object ? dsp_order_new_from_json (object, NULL) : NULL;

      if (order)
        g_ptr_array_add (orders, order);
      else
        g_ptr_array_add (unreadable, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (stmt);
  return orders;
}

typedef struct {
  char   *source;
  char   *after;
  gint64  limit;
} Chunk;

static void
chunk_free (Chunk *chunk)
{
  g_free (chunk->source);
  g_free (chunk->after);
  g_free (chunk);
}

DspMark *
dsp_mark_new (gint64      resolved_at,
              const char *note)
{
  DspMark *mark = g_new0 (DspMark, 1);

  mark->resolved_at = resolved_at;
  mark->note = note && *note ? g_strdup (note) : NULL;
  return mark;
}

void
dsp_mark_free (DspMark *mark)
{
  g_free (mark->note);
  g_free (mark);
}

static GHashTable *
load_marks (sqlite3    *db,
            const char *source)
{
  GHashTable *marks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) dsp_mark_free);
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (db, "SELECT dispute_id, resolved_at, note FROM marks WHERE source = ?", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, source, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (marks, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         dsp_mark_new (sqlite3_column_int64 (stmt, 1), (const char *) sqlite3_column_text (stmt, 2)));
  sqlite3_finalize (stmt);
  return marks;
}

static void
load_job (DspStore *self,
          GTask    *task,
          gpointer  data)
{
  Chunk *chunk = data;
  const char *source = chunk->source;
  DspStoreSnapshot *snapshot = g_new0 (DspStoreSnapshot, 1);
  sqlite3_stmt *stmt = NULL;

  if (self->db == NULL)
    {
      dsp_store_snapshot_free (snapshot);
      g_task_return_new_error (task, DSP_STORE_ERROR, DSP_STORE_ERROR_FAILED, "store not open");
      return;
    }
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GPtrArray) bad_disputes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) bad_orders = g_ptr_array_new_with_free_func (g_free);

  snapshot->disputes = load_disputes (self->db, source, chunk->after, chunk->limit, &snapshot->after, bad_disputes);
  if (chunk->limit == 0)
    find_invalid (self->db, source, bad_disputes);
  g_debug ("Read %u disputes in %" G_GINT64_FORMAT " ms", snapshot->disputes->len,
           (g_get_monotonic_time () - start) / 1000);
  snapshot->orders = chunk->after == NULL ? load_orders (self->db, source, bad_orders)
                                          : g_ptr_array_new_with_free_func (g_object_unref);
  forget_unreadable (self->db, source, "DELETE FROM disputes WHERE source = ?1 AND id = ?2", bad_disputes);
  forget_unreadable (self->db, source, "DELETE FROM orders WHERE source = ?1 AND order_id = ?2", bad_orders);
  snapshot->unreadable = bad_disputes->len + bad_orders->len;
  snapshot->marks = chunk->after == NULL ? load_marks (self->db, source)
                                         : g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                                  (GDestroyNotify) dsp_mark_free);
  sqlite3_prepare_v2 (self->db, "SELECT synced_at, high_water FROM sync_state WHERE source = ?", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, source, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      snapshot->synced_at = sqlite3_column_int64 (stmt, 0);
      snapshot->high_water = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_finalize (stmt);
#ifdef __GLIBC__
  /* Parsing left this thread's arena full of freed JSON nodes: hand it back,
   * once, after the last chunk (trimming locks every arena, the window's too). */
  if (snapshot->after == NULL && g_getenv ("DSP_NO_TRIM") == NULL)
    malloc_trim (0);
#endif
  g_task_return_pointer (task, snapshot, (GDestroyNotify) dsp_store_snapshot_free);
}

/* What the store holds for one source (an account id, or "demo"), most
 * urgent first: @limit disputes (-1 for all, 0 for none: then only rows
 * that no longer parse are looked for) after @after, the previous
 * snapshot's "after" (NULL to start); orders and sync state come with the
 * first chunk. */
void
dsp_store_load_async (DspStore            *self,
                      const char          *source,
                      const char          *after,
                      gint64               limit,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  Chunk *chunk = g_new0 (Chunk, 1);

  chunk->source = g_strdup (source);
  chunk->after = g_strdup (after);
  chunk->limit = limit;
  dsp_store_submit (self, load_job, chunk, (GDestroyNotify) chunk_free, dsp_store_load_async, cancellable, callback, user_data);
}

DspStoreSnapshot *
dsp_store_load_finish (DspStore      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dsp_store_load_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct {
  char      *source;
  char      *store_name;
  char      *id;
  GPtrArray *disputes;  /* read so far */
  gint64     after;     /* the last rowid read */
} Read;

static void
read_free (Read *read)
{
  g_clear_pointer (&read->disputes, g_ptr_array_unref);
  g_free (read->source);
  g_free (read->store_name);
  g_free (read->id);
  g_free (read);
}

/* A whole dispute from its row (json, mark, note, customer), named here,
 * off the window's thread: its store, its customer (as the order stored
 * says), the owner's mark. NULL for a row that no longer reads (the load's
 * to report and remove). */
static DspDispute *
read_whole (sqlite3_stmt *stmt,
            Read         *read)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = parse_row (stmt, 0, &root);
  DspDispute *dispute = object ? dsp_dispute_new_from_json (object, NULL) : NULL;

  if (dispute == NULL)
    return NULL;
  dsp_dispute_set_source (dispute, read->source, read->store_name);
  if (sqlite3_column_text (stmt, 3))
    dsp_dispute_set_customer_name (dispute, (const char *) sqlite3_column_text (stmt, 3));
  dsp_dispute_set_resolved_at (dispute, sqlite3_column_int64 (stmt, 1));
  dsp_dispute_set_resolved_note (dispute, (const char *) sqlite3_column_text (stmt, 2));
  return dispute;
}

/* Every open dispute of a large store is some thirty thousand JSON texts to
 * parse (more than a second): read so many at a time, the job going to the
 * back of the queue in between, so that a search typed meanwhile is
 * answered after one share, not after all of them. */
#define READ_SHARE 500
#define READ_MARKS "LEFT JOIN marks m ON m.source = d.source AND m.dispute_id = d.id "

static void
read_job (DspStore *self,
          GTask    *task,
          gpointer  data)
{
  Read *read = data;
  /* one by its id; or the open ones in the table's order, from where the
   * last share ended (the source not asked of an index: SQLite would read
   * all of the store's rows by it and sort them, for every share) */
  g_autofree char *sql = read->id
    ? g_strdup ("SELECT d.json, m.resolved_at, m.note, d.customer_name, d.rowid FROM disputes d " READ_MARKS
                "WHERE d.source = ?1 AND d.id = ?2")
    : g_strdup_printf ("SELECT d.json, m.resolved_at, m.note, d.customer_name, d.rowid FROM disputes d " READ_MARKS
                       "WHERE +d.source = ?1 AND d.status IN (%d, %d) AND d.rowid > ?3 ORDER BY d.rowid LIMIT %d",
                       DSP_STATUS_NEEDS_RESPONSE, DSP_STATUS_PRELIMINARY_LOSS, READ_SHARE);
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (self->db == NULL || sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_task_return_new_error (task, DSP_STORE_ERROR, DSP_STORE_ERROR_FAILED, "store not open");
      return;
    }
  if (read->disputes == NULL)
    read->disputes = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_bind_text (stmt, 1, read->source, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, read->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, read->after);
  for (; sqlite3_step (stmt) == SQLITE_ROW; n++)
    {
      DspDispute *dispute = read_whole (stmt, read);

      read->after = sqlite3_column_int64 (stmt, 4);
      if (dispute)
        g_ptr_array_add (read->disputes, dispute);
    }
  sqlite3_finalize (stmt);
  if (read->id == NULL && n == READ_SHARE)
    g_thread_pool_push (self->pool, g_object_ref (task), NULL);
  else
    g_task_return_pointer (task, g_steal_pointer (&read->disputes), (GDestroyNotify) g_ptr_array_unref);
}

/* Whole disputes of @source (@store_name, if known), read from their JSON,
 * the owner's marks on: the one with @id (the one a view shows), or, with
 * @id NULL, every one that still asks something of the owner (for the
 * reminders). */
void
dsp_store_read_disputes_async (DspStore            *self,
                               const char          *source,
                               const char          *store_name,
                               const char          *id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Read *read = g_new0 (Read, 1);

  read->source = g_strdup (source);
  read->store_name = g_strdup (store_name);
  read->id = g_strdup (id);
  dsp_store_submit (self, read_job, read, (GDestroyNotify) read_free, dsp_store_read_disputes_async, cancellable,
                    callback, user_data);
}

GPtrArray *
dsp_store_read_disputes_finish (DspStore      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dsp_store_read_disputes_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct {
  char      *source;
  GPtrArray *rows;   /* DspIndexRow */
  GPtrArray *texts;  /* each dispute's JSON, as Klarna sent it */
  gboolean   more;   /* another page of the sync follows */
} Page;

static void
page_free (Page *page)
{
  g_free (page->source);
  g_ptr_array_unref (page->rows);
  g_clear_pointer (&page->texts, g_ptr_array_unref);
  g_free (page);
}

static gboolean
is_write (gpointer source_tag)
{
  return source_tag == dsp_store_save_page_async ||
         source_tag == dsp_store_end_sync_async ||
         source_tag == dsp_store_save_order_async ||
         source_tag == dsp_store_set_mark_async ||
         source_tag == dsp_store_forget_async ||
         source_tag == dsp_store_record_sent_async ||
         source_tag == dsp_store_limit_pages_async ||
         source_tag == dsp_store_update_action_async ||
         source_tag == dsp_store_set_attachment_async ||
         source_tag == dsp_store_delete_action_async;
}

/* Completes any of the store's writes: a page, a sync's end, an order, a
 * mark, a forgetting, a notification sent, a page limit, an outbox change.
 * One finish for all of them, so it accepts each of their tags. */
gboolean
dsp_store_write_finish (DspStore      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (is_write (g_task_get_source_tag (G_TASK (result))), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Runs @body inside one transaction; a failure rolls everything back. */
gboolean
dsp_store_run_transaction (DspStore  *self,
                           gboolean (*body) (sqlite3 *db, gpointer data),
                           gpointer   data,
                           GError   **error)
{
  int code;

  if (self->db == NULL)
    {
      g_set_error_literal (error, DSP_STORE_ERROR, DSP_STORE_ERROR_FAILED, "store not open");
      return FALSE;
    }
  code = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (code == SQLITE_OK && body (self->db, data) &&
      (code = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL)) == SQLITE_OK)
    return TRUE;
  code = sqlite3_extended_errcode (self->db);
  g_propagate_error (error, dsp_store_write_error (self->db, code));
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* The same, completing @task. */
void
dsp_store_in_transaction (DspStore *self,
                          GTask    *task,
                          gboolean (*body) (sqlite3 *db, gpointer data),
                          gpointer  data)
{
  GError *error = NULL;

  if (dsp_store_run_transaction (self, body, data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
bind_row (sqlite3_stmt *stmt,
          DspIndexRow  *row,
          const char   *json)
{
  sqlite3_bind_text (stmt, 2, row->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, row->updated_at);
  sqlite3_bind_text (stmt, 4, json, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, row->urgency);
  sqlite3_bind_int64 (stmt, 6, row->deadline);
  sqlite3_bind_int (stmt, 7, row->status);
  sqlite3_bind_int64 (stmt, 8, row->due);
  sqlite3_bind_int64 (stmt, 9, row->amount);
  sqlite3_bind_text (stmt, 10, row->currency, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, row->reason, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, row->order_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 13, row->terms, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 14, row->reference, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 15, row->state, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 16, row->created_at);
  sqlite3_bind_int64 (stmt, 17, row->closed_at);
}

/* The disputes of the page the owner marked sort as marked (a page brings
 * them as Klarna sees them). Most pages hold none: the statement that sorts
 * them (a long one, a millisecond to prepare) is then not made at all. */
static gboolean
reorder_marked (sqlite3 *db)
{
  g_autofree char *sql = dsp_index_reorder_sql ("rowid IN (SELECT d.rowid FROM temp.page p JOIN marks m "
                                                "ON m.source = p.source AND m.dispute_id = p.id JOIN disputes d "
                                                "ON d.source = p.source AND d.id = p.id)");
  sqlite3_stmt *stmt = NULL;
  gboolean marked = FALSE, ok;

  if (sqlite3_prepare_v2 (db, "SELECT EXISTS (SELECT 1 FROM temp.page p JOIN marks m "
                              "ON m.source = p.source AND m.dispute_id = p.id)", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  ok = sqlite3_step (stmt) == SQLITE_ROW;
  marked = ok && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_finalize (stmt);
  if (!marked)
    return ok;
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);
  return ok;
}

#define PAGE_COLUMNS "source, id, updated_at, json, urgency, deadline, status, due, amount, currency, reason, " \
  "order_id, terms, reference, state, created_at, closed_at"

/* The page's rows, gathered first: written to the disputes in one
 * statement, the search index (FTS5, kept by triggers) takes them in one
 * go — a statement each would make it write its index out after each row. */
static gboolean
gather_page (sqlite3 *db,
             Page    *page)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = sqlite3_exec (db, "CREATE TEMP TABLE IF NOT EXISTS page (" PAGE_COLUMNS "); DELETE FROM temp.page",
                              NULL, NULL, NULL) == SQLITE_OK &&
                sqlite3_prepare_v2 (db, "INSERT INTO temp.page (" PAGE_COLUMNS ") VALUES "
                                        "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
                                    -1, &stmt, NULL) == SQLITE_OK;

  for (guint i = 0; ok && i < page->rows->len; i++)
    {
      sqlite3_bind_text (stmt, 1, page->source, -1, SQLITE_STATIC);
      bind_row (stmt, g_ptr_array_index (page->rows, i), g_ptr_array_index (page->texts, i));
      ok = sqlite3_step (stmt) == SQLITE_DONE;
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
write_page (sqlite3  *db,
            gpointer  data)
{
  Page *page = data;

  return gather_page (db, page) &&
         sqlite3_exec (db,
                       "INSERT INTO disputes (" PAGE_COLUMNS ", indexed, resolved_at) "
                       "SELECT " PAGE_COLUMNS ", 1, (SELECT coalesce (max (m.resolved_at), 0) FROM marks m "
                       "WHERE m.source = p.source AND m.dispute_id = p.id) FROM temp.page p WHERE true "
                       "ON CONFLICT (source, id) DO UPDATE SET updated_at = excluded.updated_at, json = excluded.json, "
                       "urgency = excluded.urgency, deadline = excluded.deadline, status = excluded.status, "
                       "due = excluded.due, amount = excluded.amount, currency = excluded.currency, "
                       "reason = excluded.reason, order_id = excluded.order_id, terms = excluded.terms, "
                       "reference = excluded.reference, state = excluded.state, created_at = excluded.created_at, "
                       "closed_at = excluded.closed_at, indexed = 1",
                       NULL, NULL, NULL) == SQLITE_OK &&
         reorder_marked (db) && sqlite3_exec (db, "DELETE FROM temp.page", NULL, NULL, NULL) == SQLITE_OK;
}

/* ---- a sync's pages, several to a transaction ----
 * A sync's pages are each written in a savepoint of one transaction, which
 * ends after the sync's last page, or before any other job, or after
 * BATCH_PAGES pages: fewer commits, and the index pages a sync touches
 * again and again are written out once (each commit copied a page's
 * hundred rows' index pages into the journal again: a quarter of a sync's
 * time). A page is all or nothing still; each is told only once its
 * transaction has ended. A sync that stops before its last page ends the
 * transaction with dsp_store_end_pages(). */
#define BATCH_PAGES 50

static void
end_batch (DspStore *self)
{
  g_autoptr(GError) error = NULL;
  int code;

  if (self->batch == NULL)
    return;
  code = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  if (code != SQLITE_OK)
    {
      error = dsp_store_write_error (self->db, sqlite3_extended_errcode (self->db));
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
    }
  for (guint i = 0; i < self->batch->len; i++)
    {
      GTask *task = g_ptr_array_index (self->batch, i);

      if (error)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
      release_on_caller (task);
    }
  g_clear_pointer (&self->batch, g_ptr_array_unref);
}

static GError *
write_page_apart (sqlite3 *db,
                  Page    *page)
{
  GError *error = NULL;

  if (sqlite3_exec (db, "SAVEPOINT page", NULL, NULL, NULL) == SQLITE_OK && write_page (db, page) &&
      sqlite3_exec (db, "RELEASE page", NULL, NULL, NULL) == SQLITE_OK)
    return NULL;
  /* said before the rollback, which would clear it */
  error = dsp_store_write_error (db, sqlite3_extended_errcode (db));
  sqlite3_exec (db, "ROLLBACK TO page; RELEASE page", NULL, NULL, NULL);
  return error;
}

static void
save_page_job (DspStore *self,
               GTask    *task,
               gpointer  data)
{
  Page *page = data;

  if (self->db == NULL)
    g_task_return_new_error (task, DSP_STORE_ERROR, DSP_STORE_ERROR_FAILED, "store not open");
  else if (self->batch == NULL && sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    g_task_return_error (task, dsp_store_write_error (self->db, sqlite3_extended_errcode (self->db)));
  else
    {
      GError *error;

      if (self->batch == NULL)
        self->batch = g_ptr_array_new ();
      error = write_page_apart (self->db, page);
      if (error == NULL)
        g_ptr_array_add (self->batch, g_object_ref (task));
      else
        g_task_return_error (task, error);
      if (self->batch->len >= BATCH_PAGES || (!page->more && g_thread_pool_unprocessed (self->pool) == 0))
        end_batch (self);
    }
  /* a page let go of here, not on the thread that asked */
  g_clear_pointer (&page->texts, g_ptr_array_unref);
  g_ptr_array_set_size (page->rows, 0);
}

/* One page of a sync: all of it or none of it. @texts holds each
 * dispute's JSON as Klarna sent it; @more says that another page of the
 * same sync follows (its transaction stays open for it). */
void
dsp_store_save_page_async (DspStore            *self,
                           const char          *source,
                           GPtrArray           *disputes,
                           GPtrArray           *texts,
                           gboolean             more,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  Page *page = g_new0 (Page, 1);

  g_return_if_fail (disputes->len == texts->len);

  page->source = g_strdup (source);
  page->more = more;
  page->rows = g_ptr_array_new_full (disputes->len, (GDestroyNotify) dsp_index_row_free);
  for (guint i = 0; i < disputes->len; i++)
    g_ptr_array_add (page->rows, dsp_index_row_new (g_ptr_array_index (disputes, i)));
  /* held, not copied: nobody changes a page's texts once it is fetched */
  page->texts = g_ptr_array_ref (texts);
  dsp_store_submit (self, save_page_job, page, (GDestroyNotify) page_free, dsp_store_save_page_async,
          NULL, callback, user_data);
}

static void
end_pages_job (DspStore *self,
               GTask    *task,
               gpointer  data)
{
  /* the batch ended before this job ran (run_job()) */
  g_task_return_boolean (task, TRUE);
}

/* The pages written since the last commit are committed (and told): for a
 * sync that stopped before the page that would have ended them. */
void
dsp_store_end_pages (DspStore *self)
{
  g_return_if_fail (DSP_IS_STORE (self));
  dsp_store_submit (self, end_pages_job, NULL, NULL, dsp_store_end_pages, NULL, NULL, NULL);
}

/* One row's values, bound as ?1 source, ?2 key, ?3 text, ?4 a, ?5 b. */
typedef struct {
  char   *source;
  char   *key;
  char   *text;
  gint64  a;
  gint64  b;
} Row;

static void
row_free (Row *row)
{
  g_free (row->source);
  g_free (row->key);
  g_free (row->text);
  g_free (row);
}

static Row *
row_new (const char *source,
         const char *key,
         const char *text,
         gint64      a,
         gint64      b)
{
  Row *row = g_new0 (Row, 1);

  row->source = g_strdup (source);
  row->key = g_strdup (key);
  row->text = g_strdup (text);
  row->a = a;
  row->b = b;
  return row;
}

static gboolean
write_row (sqlite3    *db,
           const char *sql,
           Row        *row)
{
  sqlite3_stmt *stmt = NULL;
  int code;

  sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, row->source, -1, SQLITE_STATIC);
  if (row->key)
    sqlite3_bind_text (stmt, 2, row->key, -1, SQLITE_STATIC);
  if (row->text)
    sqlite3_bind_text (stmt, 3, row->text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, row->a);
  sqlite3_bind_int64 (stmt, 5, row->b);
  code = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return code == SQLITE_DONE;
}

static gboolean
write_order (sqlite3  *db,
             gpointer  data)
{
  Row *row = data;

  return write_row (db, "INSERT OR REPLACE INTO orders (source, order_id, json, fetched_at) "
                        "VALUES (?1, ?2, ?3, ?4)", row) &&
         dsp_index_write_order (db, row->source, row->key, row->text);
}

static gboolean
write_sync_end (sqlite3  *db,
                gpointer  data)
{
  return write_row (db, "INSERT OR REPLACE INTO sync_state (source, synced_at, high_water) "
                        "VALUES (?1, ?4, ?5)", data);
}

static gboolean
write_forget (sqlite3  *db,
              gpointer  data)
{
  static const char *tables[] = {
    "DELETE FROM disputes WHERE source = ?1", "DELETE FROM orders WHERE source = ?1",
    "DELETE FROM sync_state WHERE source = ?1", "DELETE FROM marks WHERE source = ?1",
    "DELETE FROM notifications_sent WHERE source = ?1",
    "DELETE FROM outbox_files WHERE outbox_id IN (SELECT id FROM outbox WHERE source = ?1)",
    "DELETE FROM outbox WHERE source = ?1",
    "DELETE FROM drafts WHERE source = ?1", "DELETE FROM draft_files WHERE source = ?1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (!write_row (db, tables[i], data))
      return FALSE;
  return TRUE;
}

static gboolean
write_mark (sqlite3  *db,
            gpointer  data)
{
  Row *row = data;

  g_autofree char *reorder = dsp_index_reorder_sql ("source = ?1 AND id = ?2");

  if (!write_row (db, "UPDATE disputes SET resolved_at = ?4 WHERE source = ?1 AND id = ?2", row) ||
      !write_row (db, reorder, row))
    return FALSE;
  if (row->a == 0)
    return write_row (db, "DELETE FROM marks WHERE source = ?1 AND dispute_id = ?2", row);
  return write_row (db, "INSERT OR REPLACE INTO marks (source, dispute_id, resolved_at, note) VALUES (?1, ?2, ?4, ?3)", row);
}

static void
mark_job (DspStore *self, GTask *task, gpointer data)
{
  dsp_store_in_transaction (self, task, write_mark, data);
}

/* The owner's "resolved" mark, or (@resolved_at 0) its undoing. */
void
dsp_store_set_mark_async (DspStore            *self,
                          const char          *source,
                          const char          *dispute_id,
                          gint64               resolved_at,
                          const char          *note,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  dsp_store_submit (self, mark_job, row_new (source, dispute_id, note, resolved_at, 0), (GDestroyNotify) row_free,
                    dsp_store_set_mark_async, NULL, callback, user_data);
}

static void
order_job (DspStore *self, GTask *task, gpointer data)
{
  dsp_store_in_transaction (self, task, write_order, data);
}

static void
sync_end_job (DspStore *self, GTask *task, gpointer data)
{
  dsp_store_in_transaction (self, task, write_sync_end, data);
}

static void
forget_job (DspStore *self, GTask *task, gpointer data)
{
  dsp_store_forget_in_transaction (self, task, write_forget, data);
}

void
dsp_store_save_order_async (DspStore            *self,
                            const char          *source,
                            const char          *order_id,
                            const char          *json,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  dsp_store_submit (self, order_job, row_new (source, order_id, json, dsp_clock_now (), 0),
          (GDestroyNotify) row_free, dsp_store_save_order_async, NULL, callback, user_data);
}

/* A sync finished: only now does the next one start from @high_water. */
void
dsp_store_end_sync_async (DspStore            *self,
                          const char          *source,
                          gint64               synced_at,
                          gint64               high_water,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  dsp_store_submit (self, sync_end_job, row_new (source, NULL, NULL, synced_at, high_water),
          (GDestroyNotify) row_free, dsp_store_end_sync_async, NULL, callback, user_data);
}

/* Everything kept for a removed account. */
void
dsp_store_forget_async (DspStore            *self,
                        const char          *source,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  dsp_store_submit (self, forget_job, row_new (source, NULL, NULL, 0, 0), (GDestroyNotify) row_free,
          dsp_store_forget_async, NULL, callback, user_data);
}

static gboolean
write_sent (sqlite3  *db,
            gpointer  data)
{
  return write_row (db, "INSERT OR IGNORE INTO notifications_sent (source, dispute_id, step, sent_at) "
                        "VALUES (?1, ?2, ?3, ?4)", data);
}

static void
sent_job (DspStore *self, GTask *task, gpointer data)
{
  dsp_store_in_transaction (self, task, write_sent, data);
}

/* A notification went out: never again for this dispute and step. */
void
dsp_store_record_sent_async (DspStore            *self,
                             const char          *source,
                             const char          *dispute_id,
                             const char          *step,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  dsp_store_submit (self, sent_job, row_new (source, dispute_id, step, dsp_clock_now (), 0),
          (GDestroyNotify) row_free, dsp_store_record_sent_async, NULL, callback, user_data);
}

static void
load_sent_job (DspStore *self,
               GTask    *task,
               gpointer  data)
{
  GHashTable *sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;

  if (self->db)
    {
      sqlite3_prepare_v2 (self->db, "SELECT dispute_id, step FROM notifications_sent WHERE source = ?", -1, &stmt, NULL);
      sqlite3_bind_text (stmt, 1, data, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_add (sent, g_strconcat ((const char *) sqlite3_column_text (stmt, 0), "|",
                                             (const char *) sqlite3_column_text (stmt, 1), NULL));
      sqlite3_finalize (stmt);
    }
  g_task_return_pointer (task, sent, (GDestroyNotify) g_hash_table_unref);
}

/* The "dispute id|step" keys already notified for @source. */
void
dsp_store_load_sent_async (DspStore            *self,
                           const char          *source,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  dsp_store_submit (self, load_sent_job, g_strdup (source), g_free, dsp_store_load_sent_async, NULL, callback, user_data);
}

GHashTable *
dsp_store_load_sent_finish (DspStore      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dsp_store_load_sent_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
max_pages_job (DspStore *self,
               GTask    *task,
               gpointer  data)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %u", GPOINTER_TO_UINT (data));

  g_task_return_boolean (task, self->db && exec (self->db, sql));
}

/* A sync's new disputes into the search index, a chunk per job (queries
 * come in between). */
#define SEARCH_CHUNK 2000

static void
search_job (DspStore *self,
            GTask    *task,
            gpointer  data)
{
  gboolean more = FALSE;

  if (self->db == NULL || !dsp_index_search_some (self->db, SEARCH_CHUNK, &more))
    g_task_return_new_error (task, DSP_STORE_ERROR, DSP_STORE_ERROR_FAILED, "%s",
                             self->db ? sqlite3_errmsg (self->db) : "store not open");
  else
    g_task_return_int (task, more);
}

/* Indexes some of the disputes not found by the search index yet; the
 * finish says whether more wait (ask again until none do). */
void
dsp_store_index_some_async (DspStore            *self,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  dsp_store_submit (self, search_job, NULL, NULL, dsp_store_index_some_async, NULL, callback, user_data);
}

gboolean
dsp_store_index_some_finish (DspStore      *self,
                             GAsyncResult  *result,
                             gboolean      *more,
                             GError       **error)
{
  gssize answer;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dsp_store_index_some_async, FALSE);
  /* -1 with @error set, else whether more wait */
  answer = g_task_propagate_int (G_TASK (result), error);
  *more = answer > 0;
  return answer >= 0;
}

static void
on_indexed_some (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  DspStore *self = DSP_STORE (object);
  g_autoptr(GError) error = NULL;
  gboolean more = FALSE;

  if (!dsp_store_index_some_finish (self, result, &more, &error))
    g_message ("New disputes not in the search index yet: %s", error->message);
  else if (more)
    dsp_store_index_some_async (self, on_indexed_some, NULL);
}

/* Keeps indexing, a chunk at a time, until every dispute is in the search
 * index (after a sync; at start for what an earlier run left). */
void
dsp_store_index_all (DspStore *self)
{
  g_return_if_fail (DSP_IS_STORE (self));
  dsp_store_index_some_async (self, on_indexed_some, NULL);
}

/* For tests: a disk that fills up after @pages pages. */
void
dsp_store_limit_pages_async (DspStore            *self,
                             guint                pages,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  dsp_store_submit (self, max_pages_job, GUINT_TO_POINTER (pages), NULL, dsp_store_limit_pages_async,
          NULL, callback, user_data);
}

DspStore *
dsp_store_new (const char *path)
{
  DspStore *self = g_object_new (DSP_TYPE_STORE, NULL);

  self->path = g_strdup (path);
  return self;
}

static void
checkpoints_job (DspStore *self,
                 GTask    *task,
                 gpointer  data)
{
  gboolean hold = GPOINTER_TO_INT (data);

  if (self->db)
    {
      sqlite3_wal_autocheckpoint (self->db, hold ? 0 : AUTOCHECKPOINT_PAGES);
      /* what waited is copied now, readers and writers going on */
      if (!hold)
        sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    }
  g_task_return_boolean (task, TRUE);
}

/* While held (an action's files going out), a commit does not copy the
 * journal into the file at once (40 MB of files and more would be copied
 * before the first byte is sent); let go, it is copied then. Holds nest. */
void
dsp_store_hold_checkpoints (DspStore *self,
                            gboolean  hold)
{
  g_return_if_fail (DSP_IS_STORE (self));
  if (hold ? self->holds++ > 0 : (self->holds == 0 || --self->holds > 0))
    return;
  dsp_store_submit (self, checkpoints_job, GINT_TO_POINTER (hold), NULL, dsp_store_hold_checkpoints, NULL, NULL,
                    NULL);
}

/* The app's file, opened by another process while the app may have it open
 * (`disputes --export`): a file that cannot be opened is said, and left as
 * it is. */
DspStore *
dsp_store_new_shared (const char *path)
{
  DspStore *self = dsp_store_new (path);

  self->shared = TRUE;
  return self;
}

/* A store in memory, never on disk, for a source without a file of its
 * own (the demo's): its disputes are searched and counted like any others,
 * and go with it. */
DspStore *
dsp_store_new_in_memory (void)
{
  DspStore *store = dsp_store_new (":memory:");

  /* queued first: every later job finds it open */
  dsp_store_open_async (store, NULL, NULL, NULL);
  return store;
}

const char *
dsp_store_get_path (DspStore *self)
{
  return self->path;
}

/* Only on the store's thread. */
sqlite3 *
dsp_store_get_db (DspStore *self)
{
  return self->db;
}

/* Only on the store's thread. */
DspStoreMemos *
dsp_store_get_memos (DspStore *self)
{
  return &self->memos;
}

static void
dsp_store_finalize (GObject *object)
{
  DspStore *self = DSP_STORE (object);

  /* Queued jobs hold references, so none is left here to wait for. */
  g_thread_pool_free (self->pool, FALSE, TRUE);
  if (self->db)
    sqlite3_close (self->db);
  dsp_store_memos_clear (&self->memos);
  g_free (self->path);

  G_OBJECT_CLASS (dsp_store_parent_class)->finalize (object);
}

static void
dsp_store_class_init (DspStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dsp_store_finalize;
}

static void
dsp_store_init (DspStore *self)
{
  self->pool = g_thread_pool_new (run_job, self, 1, TRUE, NULL);
}
