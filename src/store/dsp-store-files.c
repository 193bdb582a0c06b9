/* dsp-store-files.c
 *
 * An action's files (evidence: up to ten of 7 MB) are kept beside the
 * store, a file each, in a folder next to its file: written at the disk's
 * speed, where as the store's pages they took longer than their upload.
 * Their rows in outbox_files say which (kept = 1) and how large they are;
 * a file is named by its row ("<action>-<position>"), never by a name
 * read back, so a damaged store cannot point anywhere else. A file whose
 * size is not its row's is not read back: a shortened one is never sent.
 * A store in memory keeps the contents in its rows, as rows written before
 * this folder existed do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dsp-store-files.h"
#include "dsp-store-private.h"

/* NULL for a store in memory. */
char *
dsp_store_files_dir (DspStore *self)
{
  const char *path = dsp_store_get_path (self);

  if (path == NULL || g_str_equal (path, ":memory:"))
    return NULL;
  return g_strconcat (path, DSP_STORE_FILES_SUFFIX, NULL);
}

static char *
file_path (const char *dir,
           gint64      action_id,
           guint       position)
{
  g_autofree char *name = g_strdup_printf ("%" G_GINT64_FORMAT "-%u", action_id, position);

  return g_build_filename (dir, name, NULL);
}

/* Written whole or not at all (to a temporary file, then renamed). */
gboolean
dsp_store_files_write (const char  *dir,
                       gint64       action_id,
                       guint        position,
                       GBytes      *data,
                       GError     **error)
{
  g_autofree char *path = file_path (dir, action_id, position);
  g_autoptr(GError) failed = NULL;
  gsize size = 0;
  const char *bytes = g_bytes_get_data (data, &size);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    g_set_error (&failed, G_FILE_ERROR, g_file_error_from_errno (errno), "%s", g_strerror (errno));
  else
    g_file_set_contents_full (path, bytes ? bytes : "", size, G_FILE_SET_CONTENTS_NONE, 0600, &failed);
  if (failed == NULL)
    return TRUE;
  if (g_error_matches (failed, G_FILE_ERROR, G_FILE_ERROR_NOSPC))
    g_set_error_literal (error, DSP_STORE_ERROR, DSP_STORE_ERROR_DISK_FULL,
                         _("The disk is full, so the files could not be kept on this computer. Free some space and send them again."));
  else
    g_set_error (error, DSP_STORE_ERROR, DSP_STORE_ERROR_FAILED,
                 _("The files could not be kept on this computer (%s)."), failed->message);
  return FALSE;
}

/* NULL when missing, unreadable or not of @size. */
GBytes *
dsp_store_files_read (const char *dir,
                      gint64      action_id,
                      guint       position,
                      gsize       size)
{
  g_autofree char *path = file_path (dir, action_id, position);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      g_message ("An outbox file is missing: %s", error->message);
      return NULL;
    }
  if (length != size)
    {
      g_message ("An outbox file has %" G_GSIZE_FORMAT " bytes, not %" G_GSIZE_FORMAT, length, size);
      g_free (contents);
      return NULL;
    }
  return g_bytes_new_take (contents, length);
}

/* The names the rows keep beside the store; NULL when they cannot be read. */
static GHashTable *
kept_names (sqlite3 *db)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  int code = SQLITE_ERROR;

  if (sqlite3_prepare_v2 (db, "SELECT outbox_id, position FROM outbox_files WHERE kept = 1", -1, &stmt, NULL) == SQLITE_OK)
    while ((code = sqlite3_step (stmt)) == SQLITE_ROW)
      g_hash_table_add (names, g_strdup_printf ("%" G_GINT64_FORMAT "-%d", (gint64) sqlite3_column_int64 (stmt, 0),
                                                sqlite3_column_int (stmt, 1)));
  sqlite3_finalize (stmt);
  if (code == SQLITE_DONE)
    return names;
  g_hash_table_unref (names);
  return NULL;
}

/* Removes the files no row keeps: an action forgotten, a write that
 * failed or was cut short by a crash. On the store's thread; never for a
 * store opened beside the app (its writes are the app's). */
void
dsp_store_files_sweep (DspStore *self)
{
  g_autofree char *dir = dsp_store_files_dir (self);
  g_autoptr(GDir) listing = dir ? g_dir_open (dir, 0, NULL) : NULL;
  g_autoptr(GHashTable) kept = NULL;
  const char *name;

  if (listing == NULL || dsp_store_get_db (self) == NULL || (kept = kept_names (dsp_store_get_db (self))) == NULL)
    return;
  while ((name = g_dir_read_name (listing)) != NULL)
    if (!g_hash_table_contains (kept, name))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_unlink (path);
      }
}

/* As dsp_store_in_transaction(), for rows that may keep files: those no
 * row keeps any more are removed before @task completes. */
void
dsp_store_forget_in_transaction (DspStore  *self,
                                 GTask     *task,
                                 gboolean (*body) (sqlite3 *db, gpointer data),
                                 gpointer   data)
{
  GError *error = NULL;
  gboolean done = dsp_store_run_transaction (self, body, data, &error);

  dsp_store_files_sweep (self);
  if (done)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}
