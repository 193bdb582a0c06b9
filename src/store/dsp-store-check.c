/* dsp-store-check.c
 *
 * SQLite's whole look at the store's file (PRAGMA quick_check reads every
 * page: a quarter of a second for a hundred thousand disputes, seconds from
 * a cold disk) is kept out of the start: the app asks for it once the
 * window shows its rows, and it runs on a connection and a thread of its
 * own, reading a snapshot while the store goes on writing (WAL). A file
 * found damaged is moved aside and replaced on the store's thread, as one
 * found damaged at the start is, and the owner is told once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-store"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-store-check.h"
#include "dsp-store-private.h"

typedef struct {
  GAsyncReadyCallback callback;
  gpointer            user_data;
} Asked;

static int
is_cancelled (void *cancellable)
{
  return g_cancellable_is_cancelled (cancellable);
}

/* Why the file is damaged, or NULL: intact, gone, or not to be judged now
 * (busy, cancelled). */
static char *
look_at (sqlite3 *db)
{
  int code = dsp_store_quick_check (db) & 0xff;

  return code == SQLITE_CORRUPT || code == SQLITE_NOTADB ? g_strdup (_("the file is damaged")) : NULL;
}

static void
check_thread (GTask        *task,
              gpointer      source,
              gpointer      path,
              GCancellable *cancellable)
{
  sqlite3 *db = NULL;
  char *problem = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 5000);
      if (cancellable)
        sqlite3_progress_handler (db, 10000, is_cancelled, cancellable);
      problem = look_at (db);
    }
  sqlite3_close (db);
  g_task_return_pointer (task, problem, g_free);
}

static void
on_looked (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  DspStore *self = DSP_STORE (object);
  g_autofree Asked *asked = user_data;
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  char *problem = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr(GTask) task = NULL;

  if (problem != NULL && !g_cancellable_is_cancelled (cancellable))
    {
      dsp_store_submit (self, dsp_store_replace_job, problem, g_free, dsp_store_check_async, cancellable,
                        asked->callback, asked->user_data);
      return;
    }
  g_free (problem);
  task = g_task_new (self, cancellable, asked->callback, asked->user_data);
  g_task_set_source_tag (task, dsp_store_check_async);
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, NULL, NULL);
}

/* Looks at every page of the file; one found damaged is replaced by a new,
 * empty file and dsp_store_check_finish() says what to tell the owner. */
void
dsp_store_check_async (DspStore            *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  Asked *asked = g_new0 (Asked, 1);
  g_autoptr(GTask) task = g_task_new (self, cancellable, on_looked, asked);

  g_return_if_fail (DSP_IS_STORE (self));

  asked->callback = callback;
  asked->user_data = user_data;
  g_task_set_task_data (task, g_strdup (dsp_store_get_path (self)), g_free);
  g_task_run_in_thread (task, check_thread);
}

/* TRUE with @notice NULL for a file found intact, or with what to tell the
 * owner once it was replaced; FALSE when no file can be kept now. */
gboolean
dsp_store_check_finish (DspStore      *self,
                        GAsyncResult  *result,
                        char         **notice,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dsp_store_check_async, FALSE);
  return dsp_store_propagate_notice (G_TASK (result), notice, error);
}
