/* dsp-export.c
 *
 * Each store of the sources is asked for its rows in turn (the accounts
 * share one; the demo, and a test's sources, have one each), merged in the
 * view's order, after a header: UTF-8 with a byte
 * order mark, which spreadsheets need to read it as UTF-8.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-export"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-export.h"
#include "dsp-list-answer.h"
#include "dsp-source.h"
#include "dsp-store-export.h"

#define BYTE_ORDER_MARK "\xef\xbb\xbf"

typedef struct {
  GPtrArray *sources;  /* DspSource */
  GPtrArray *stores;   /* DspStore, each once */
  DspQuery  *query;
  guint      next;
  GPtrArray *rows;     /* DspExportRow, from every store */
  guint      n_rows;
} Export;

static void
export_free (Export *export)
{
  g_ptr_array_unref (export->sources);
  g_ptr_array_unref (export->stores);
  dsp_query_free (export->query);
  g_ptr_array_unref (export->rows);
  g_free (export);
}

static void ask_next (GTask *task);

static int
by_view (gconstpointer a,
         gconstpointer b,
         gpointer      query)
{
  return dsp_query_compare (query, (*(DspExportRow **) a)->item, (*(DspExportRow **) b)->item);
}

/* Every store's rows in the view's order, after the header. */
static GBytes *
joined (Export *export)
{
  g_autofree char *header = dsp_export_header ();
  GString *csv = g_string_new (BYTE_ORDER_MARK);

  g_string_append (csv, header);
  if (export->stores->len > 1)
    g_ptr_array_sort_with_data (export->rows, by_view, export->query);
  for (guint i = 0; i < export->rows->len; i++)
    g_string_append (csv, ((DspExportRow *) g_ptr_array_index (export->rows, i))->csv);
  export->n_rows = export->rows->len;
  return g_string_free_to_bytes (csv);
}

static void
on_rows (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Export *export = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = dsp_store_export_finish (DSP_STORE (object), result, &error);

  if (rows == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_ptr_array_extend_and_steal (export->rows, g_steal_pointer (&rows));
  ask_next (g_steal_pointer (&task));
}

static void
ask_next (GTask *task)
{
  Export *export = g_task_get_task_data (task);
  DspStore *store;
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) ids = NULL;

  if (export->next == export->stores->len)
    {
      g_task_return_pointer (task, joined (export), (GDestroyNotify) g_bytes_unref);
      g_object_unref (task);
      return;
    }
  store = g_ptr_array_index (export->stores, export->next++);
  ids = dsp_sources_in_store (export->sources, store, &names);
  /* the demo's, or --server's: a store of no name */
  for (guint i = 0; names[i]; i++)
    if (*names[i] == '\0')
      g_free (names[i]), names[i] = g_strdup (_("Demo"));
  dsp_store_export_async (store, (const char * const *) ids, (const char * const *) names, export->query,
                          g_task_get_cancellable (task), on_rows, task);
}

/* The disputes of @sources that @query shows (group DSP_QUERY_ALL and no
 * search, store or reason: every one), a row each after the header. */
void
dsp_export_async (GPtrArray           *sources,
                  const DspQuery      *query,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Export *export = g_new0 (Export, 1);

  export->sources = g_ptr_array_ref (sources);
  export->stores = dsp_sources_stores (sources);
  export->query = dsp_query_copy (query);
  export->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) dsp_export_row_free);
  g_task_set_source_tag (task, dsp_export_async);
  g_task_set_task_data (task, export, (GDestroyNotify) export_free);
  ask_next (task);
}

GBytes *
dsp_export_finish (GAsyncResult  *result,
                   guint         *rows,
                   GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dsp_export_async, NULL);
  if (rows)
    *rows = ((Export *) g_task_get_task_data (G_TASK (result)))->n_rows;
  return g_task_propagate_pointer (G_TASK (result), error);
}
