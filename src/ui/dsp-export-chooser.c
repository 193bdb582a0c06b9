/* dsp-export-chooser.c
 *
 * The file chooser (GtkFileChooserNative: the portal's inside Flatpak)
 * asks where; the rows are read on the store's thread and written with
 * GIO's asynchronous replace, whole or not at all. The answer is a
 * sentence for a toast: how many were exported, and to which file.
 * Cancelled in the chooser: G_IO_ERROR_CANCELLED, and nothing to say.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-export"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-clock.h"
#include "dsp-export-chooser.h"
#include "dsp-export.h"

typedef struct {
  GPtrArray            *sources;
  DspQuery             *query;
  GFile                *file;
  GtkFileChooserNative *chooser;
  guint                 rows;
} Export;

static void
export_free (Export *export)
{
  g_ptr_array_unref (export->sources);
  dsp_query_free (export->query);
  g_clear_object (&export->file);
  if (export->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (export->chooser));
  g_clear_object (&export->chooser);
  g_free (export);
}

static void
on_written (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Export *export = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (export->file);

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_new_error (task, error->domain, error->code, _("Could not write %s: %s"), name, error->message);
  else
    g_task_return_pointer (task, g_strdup_printf (ngettext ("Exported %u dispute to %s", "Exported %u disputes to %s",
                                                            export->rows), export->rows, name), g_free);
}

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  Export *export = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) csv = dsp_export_finish (result, &export->rows, &error);

  if (csv == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  g_file_replace_contents_bytes_async (export->file, csv, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       g_task_get_cancellable (task), on_written, task);
}

static void
on_response (GtkNativeDialog *chooser,
             int              response,
             gpointer         user_data)
{
  GTask *task = user_data;
  Export *export = g_task_get_task_data (task);

  if (response != GTK_RESPONSE_ACCEPT)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "not chosen");
      g_object_unref (task);
      return;
    }
  export->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_debug ("Exporting to %s", export->file ? g_file_peek_path (export->file) : "(none)");
  dsp_export_async (export->sources, export->query, g_task_get_cancellable (task), on_exported, task);
}

/* "Klarna disputes 2026-12-01.csv": a name that says what and when. */
static char *
suggested_name (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (dsp_clock_now ());
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");

  return g_strdup_printf (_("Klarna disputes %s.csv"), date);
}

/* Asks where, then exports the disputes of @sources that @query shows. */
void
dsp_export_chooser_async (GtkWindow           *parent,
                          GPtrArray           *sources,
                          const DspQuery      *query,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = g_task_new (parent, NULL, callback, user_data);
  Export *export = g_new0 (Export, 1);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = suggested_name ();

  export->sources = g_ptr_array_ref (sources);
  export->query = dsp_query_copy (query);
  export->chooser = gtk_file_chooser_native_new (_("Export Disputes"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                                 _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (export->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (export->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (export->chooser), TRUE);
  g_task_set_source_tag (task, dsp_export_chooser_async);
  g_task_set_task_data (task, export, (GDestroyNotify) export_free);
  g_signal_connect (export->chooser, "response", G_CALLBACK (on_response), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (export->chooser));
}

char *
dsp_export_chooser_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dsp_export_chooser_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
