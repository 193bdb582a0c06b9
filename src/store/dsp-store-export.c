/* dsp-store-export.c
 *
 * The disputes a query shows, in its order, one CSV row each: the store,
 * the order, the dispute, its reason and state in words beside Klarna's
 * codes, the amount in major units with its ISO code, the dates in
 * ISO 8601 (UTC), Klarna's outcome and the owner's mark and note. Read on
 * the store's thread from the columns, the marks and, for a closed
 * dispute's outcome, the JSON kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-store"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-csv.h"
#include "dsp-labels.h"
#include "dsp-money.h"
#include "dsp-store-export.h"
#include "dsp-store-index.h"
#include "dsp-store-private.h"
#include "dsp-time.h"

typedef struct {
  GStrv     sources;
  GStrv     names;
  DspQuery *query;
} Export;

static void
export_free (Export *export)
{
  g_strfreev (export->sources);
  g_strfreev (export->names);
  dsp_query_free (export->query);
  g_free (export);
}

void
dsp_export_row_free (DspExportRow *row)
{
  g_object_unref (row->item);
  g_free (row->csv);
  g_free (row);
}

/* The columns' titles, as the first row. */
char *
dsp_export_header (void)
{
  const char *titles[] = {
    _("Store"), _("Order number"), _("Dispute ID"), _("Customer"), _("Reason"), _("Reason code"),
    _("State"), _("State code"), _("Amount"), _("Currency"), _("Opened"), _("Response deadline"),
    _("Closed"), _("Outcome"), _("Outcome code"), _("Outcome detail code"), _("Marked resolved"), _("Note"),
  };
  GString *csv = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    dsp_csv_add_text (csv, titles[i]);
  dsp_csv_end_row (csv);
  return g_string_free (csv, FALSE);
}

static void
add_time (GString *csv,
          gint64   when)
{
  g_autofree char *text = when ? dsp_time_format_rfc3339 (when) : NULL;

  dsp_csv_add_value (csv, text);
}

static const char *
text_at (sqlite3_stmt *stmt,
         int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* Columns: 0 reference, 1 customer, 2 reason, 3 status, 4 state, 5 amount,
 * 6 currency, 7 created, 8 due, 9 closed, 10 resolved, 11 note, 12 outcome. */
static void
add_row (GString        *csv,
         DspDisputeItem *item,
         sqlite3_stmt   *stmt)
{
  DspStatus klarna = sqlite3_column_int (stmt, 3);
  DspStatus shown = dsp_status_with_mark (klarna, sqlite3_column_int64 (stmt, 10));
  g_autofree char *reason = dsp_reason_to_string (text_at (stmt, 2));
  g_autofree char *state = dsp_status_dup_label (shown, text_at (stmt, 4), 0, FALSE);
  g_autofree char *amount = dsp_money_format_plain (sqlite3_column_int64 (stmt, 5), text_at (stmt, 6));
  const char *detail = text_at (stmt, 12);
  g_autofree char *outcome = detail && *detail ? dsp_outcome_to_string (detail) : NULL;
  const char *outcome_code = klarna == DSP_STATUS_WON ? "WON" : klarna == DSP_STATUS_LOST ? "LOST" : "";

  dsp_csv_add_text (csv, dsp_dispute_item_get_store_name (item));
  dsp_csv_add_text (csv, text_at (stmt, 0));
  dsp_csv_add_text (csv, dsp_dispute_item_get_id (item));
  dsp_csv_add_text (csv, text_at (stmt, 1));
  dsp_csv_add_text (csv, reason);
  dsp_csv_add_text (csv, text_at (stmt, 2));
  dsp_csv_add_text (csv, state);
  dsp_csv_add_text (csv, text_at (stmt, 4));
  dsp_csv_add_value (csv, amount);
  dsp_csv_add_text (csv, text_at (stmt, 6));
  add_time (csv, sqlite3_column_int64 (stmt, 7));
  add_time (csv, sqlite3_column_int64 (stmt, 8));
  add_time (csv, sqlite3_column_int64 (stmt, 9));
  dsp_csv_add_text (csv, outcome);
  dsp_csv_add_text (csv, outcome_code[0] ? outcome_code : NULL);
  dsp_csv_add_text (csv, detail);
  add_time (csv, sqlite3_column_int64 (stmt, 10));
  dsp_csv_add_text (csv, text_at (stmt, 11));
  dsp_csv_end_row (csv);
}

static sqlite3_stmt *
prepare_row (sqlite3 *db)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT d.reference, d.customer_name, d.reason, d.status, d.state, d.amount, d.currency, d.created_at, "
    "d.due, d.closed_at, d.resolved_at, m.note, CASE WHEN d.status IN (%d, %d) THEN %s END FROM disputes d "
    "LEFT JOIN marks m ON m.source = d.source AND m.dispute_id = d.id WHERE d.source = ?1 AND d.id = ?2",
    DSP_STATUS_WON, DSP_STATUS_LOST, dsp_index_outcome_sql ());
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_warning ("Export not understood: %s", sqlite3_errmsg (db));
  return stmt;
}

static void
export_job (DspStore *self,
            GTask    *task,
            gpointer  data)
{
  Export *export = data;
  sqlite3 *db = dsp_store_get_db (self);
  g_autoptr(DspTally) tally = NULL;
  g_autoptr(GPtrArray) found = NULL;
  sqlite3_stmt *stmt;

  if (db == NULL || (stmt = prepare_row (db)) == NULL)
    {
      g_task_return_new_error (task, DSP_STORE_ERROR, DSP_STORE_ERROR_FAILED, _("The saved disputes could not be read."));
      return;
    }
  found = g_ptr_array_new_with_free_func ((GDestroyNotify) dsp_export_row_free);
  tally = dsp_store_answer (self, (const char * const *) export->sources, (const char * const *) export->names,
                            export->query, -1);
  for (guint i = 0; tally->items && i < tally->items->len && !g_task_return_error_if_cancelled (task); i++)
    {
      DspDisputeItem *item = g_ptr_array_index (tally->items, i);

      sqlite3_bind_text (stmt, 1, dsp_dispute_item_get_source_id (item), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, dsp_dispute_item_get_id (item), -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          DspExportRow *row = g_new0 (DspExportRow, 1);
          GString *csv = g_string_new (NULL);

          add_row (csv, item, stmt);
          row->item = g_object_ref (item);
          row->csv = g_string_free (csv, FALSE);
          g_ptr_array_add (found, row);
        }
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  if (!g_task_had_error (task))
    g_task_return_pointer (task, g_steal_pointer (&found), (GDestroyNotify) g_ptr_array_unref);
}

/* The rows (DspExportRow, no header) of the disputes of @sources, named @names, that
 * @query shows, in its order. */
void
dsp_store_export_async (DspStore            *self,
                        const char * const  *sources,
                        const char * const  *names,
                        const DspQuery      *query,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  Export *export = g_new0 (Export, 1);

  export->sources = g_strdupv ((GStrv) sources);
  export->names = g_strdupv ((GStrv) names);
  export->query = dsp_query_copy (query);
  dsp_store_submit (self, export_job, export, (GDestroyNotify) export_free, dsp_store_export_async, cancellable,
                    callback, user_data);
}

GPtrArray *
dsp_store_export_finish (DspStore      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dsp_store_export_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
