/* dsp-store-index.c
 *
 * Beside each dispute's JSON the store keeps the few columns a list needs
 * (Klarna's state, the deadline it sets, the amount, the reason) and the
 * words a search finds it by: the order number and merchant references,
 * the dispute's id, the amount as people type it ("129.95", "129,95") and,
 * once its order is known, the customer's name and e-mail. The words live
 * in an FTS5 trigram table, so any part of a word finds it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-store"

#include "config.h"

#include <string.h>

#include "dsp-json.h"
#include "dsp-money.h"
#include "dsp-store-index.h"

/* Lower case, composed: "MÜLLER" and "müller" find each other. */
char *
dsp_index_fold (const char *text)
{
  g_autofree char *normal = text ? g_utf8_normalize (text, -1, G_NORMALIZE_NFKC) : NULL;

  return normal ? g_utf8_casefold (normal, -1) : NULL;
}

/* "12995" in minor units of EUR: "129.95 129,95". */
static void
append_amount (GString    *terms,
               gint64      amount,
               const char *currency)
{
  guint exponent = dsp_currency_exponent (currency);
  gint64 scale = 1;
  guint64 magnitude = amount < 0 ? -(guint64) amount : (guint64) amount;

  for (guint i = 0; i < exponent; i++)
    scale *= 10;
  if (exponent == 0)
    {
      g_string_append_printf (terms, " %" G_GUINT64_FORMAT, magnitude);
      return;
    }
  g_string_append_printf (terms, " %" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT ",%0*" G_GUINT64_FORMAT,
                          magnitude / scale, (int) exponent, magnitude % scale,
                          magnitude / scale, (int) exponent, magnitude % scale);
}

static char *
terms_of (GPtrArray *words)
{
  g_autoptr(GString) terms = g_string_new (NULL);

  for (guint i = 0; i < words->len; i++)
    if (g_ptr_array_index (words, i) && *(const char *) g_ptr_array_index (words, i))
      g_string_append_printf (terms, "%s%s", terms->len ? " " : "", (const char *) g_ptr_array_index (words, i));
  return dsp_index_fold (terms->str);
}

DspIndexRow *
dsp_index_row_new (DspDispute *dispute)
{
  DspIndexRow *row = g_new0 (DspIndexRow, 1);
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  g_autoptr(GString) amount = g_string_new (NULL);
  /* what an owner has at hand (Klarna's order and transaction UUIDs are not:
   * they would triple what is indexed) */
  const char *state_words[] = {
    dsp_dispute_get_id (dispute), dsp_dispute_get_purchase_reference (dispute),
    dsp_dispute_get_merchant_reference2 (dispute),
  };

  row->id = g_strdup (dsp_dispute_get_id (dispute));
  row->updated_at = dsp_dispute_get_updated_at (dispute);
  /* the owner's mark, if the dispute has one yet, is set right once
   * written (dsp_index_reorder_sql()) */
  row->urgency = dsp_dispute_get_urgency_group (dispute);
  row->deadline = dsp_dispute_get_urgency_key (dispute);
  row->status = dsp_dispute_get_klarna_status (dispute);
  row->due = dsp_dispute_get_due (dispute);
  row->amount = dsp_dispute_get_amount (dispute);
  row->currency = g_strdup (dsp_dispute_get_currency (dispute));
  row->reason = g_strdup (dsp_dispute_get_reason (dispute));
  row->order_id = g_strdup (dsp_dispute_get_order_id (dispute));
  row->reference = g_strdup (dsp_dispute_get_display_reference (dispute));
  row->state = g_strdup (dsp_dispute_get_state (dispute));
  row->created_at = dsp_dispute_get_created_at (dispute);
  row->closed_at = dsp_dispute_get_closed_at (dispute);
  for (guint i = 0; i < G_N_ELEMENTS (state_words); i++)
    g_ptr_array_add (words, (gpointer) state_words[i]);
  append_amount (amount, row->amount, row->currency);
  g_ptr_array_add (words, amount->str);
  row->terms = terms_of (words);
  return row;
}

void
dsp_index_row_free (DspIndexRow *row)
{
  g_free (row->id);
  g_free (row->currency);
  g_free (row->reason);
  g_free (row->order_id);
  g_free (row->reference);
  g_free (row->state);
  g_free (row->terms);
  g_free (row);
}

/* The customer's name and e-mail, the shop's own order number. */
char *
dsp_index_order_terms (DspOrder *order)
{
  g_autofree char *name = dsp_order_dup_customer_name (order);
  g_autoptr(GPtrArray) words = g_ptr_array_new ();

  g_ptr_array_add (words, name);
  g_ptr_array_add (words, (gpointer) dsp_order_get_email (order));
  g_ptr_array_add (words, (gpointer) dsp_order_get_merchant_reference1 (order));
  return terms_of (words);
}

/* An order arrived: the disputes about it are found by its customer too. */
gboolean
dsp_index_write_order (sqlite3    *db,
                       const char *source,
                       const char *order_id,
                       const char *json)
{
  g_autoptr(JsonNode) root = json ? dsp_json_parse (json, strlen (json), NULL) : NULL;
  g_autoptr(DspOrder) order = root && JSON_NODE_HOLDS_OBJECT (root)
                                ? dsp_order_new_from_json (json_node_get_object (root), NULL) : NULL;
  g_autofree char *terms = order ? dsp_index_order_terms (order) : NULL;
  g_autofree char *name = order ? dsp_order_dup_customer_name (order) : NULL;
  sqlite3_stmt *stmt = NULL;
  int code;

  if (order == NULL)
    return TRUE;
  sqlite3_prepare_v2 (db, "UPDATE disputes SET customer = ?3, customer_name = ?4 WHERE source = ?1 AND order_id = ?2",
                      -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, source, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, order_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, terms, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, name, -1, SQLITE_STATIC);
  code = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return code == SQLITE_DONE;
}

static void
index_one (sqlite3_stmt *update,
           gint64        rowid,
           const char   *json)
{
  g_autoptr(JsonNode) root = json ? dsp_json_parse (json, strlen (json), NULL) : NULL;
  g_autoptr(DspDispute) dispute = root && JSON_NODE_HOLDS_OBJECT (root)
                                    ? dsp_dispute_new_from_json (json_node_get_object (root), NULL) : NULL;
  DspIndexRow *row;

  /* an unreadable row is left to the load, which reports and removes it */
  if (dispute == NULL)
    return;
  row = dsp_index_row_new (dispute);
  sqlite3_bind_int (update, 1, row->status);
  sqlite3_bind_int64 (update, 2, row->due);
  sqlite3_bind_int64 (update, 3, row->amount);
  sqlite3_bind_text (update, 4, row->currency, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 5, row->reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 6, row->order_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 7, row->terms, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (update, 8, rowid);
  sqlite3_bind_text (update, 9, row->reference, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 10, row->state, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (update, 11, row->created_at);
  sqlite3_bind_int64 (update, 12, row->closed_at);
  sqlite3_step (update);
  sqlite3_reset (update);
  dsp_index_row_free (row);
}

static void
index_orders (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (db, "SELECT source, order_id, json FROM orders", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    dsp_index_write_order (db, (const char *) sqlite3_column_text (stmt, 0),
                           (const char *) sqlite3_column_text (stmt, 1), (const char *) sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);
}

/* Rows written before the store had these columns get them, once. */
gboolean
dsp_index_catch_up (sqlite3 *db)
{
  sqlite3_stmt *select = NULL, *update = NULL;
  guint done = 0;

  sqlite3_prepare_v2 (db, "SELECT rowid, json FROM disputes WHERE indexed = 0", -1, &select, NULL);
  sqlite3_prepare_v2 (db, "UPDATE disputes SET status = ?1, due = ?2, amount = ?3, currency = ?4, reason = ?5, "
                          "order_id = ?6, terms = ?7, reference = ?9, state = ?10, created_at = ?11, closed_at = ?12, "
                          "indexed = 1 WHERE rowid = ?8", -1, &update, NULL);
  sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  while (sqlite3_step (select) == SQLITE_ROW)
    {
      index_one (update, sqlite3_column_int64 (select, 0), (const char *) sqlite3_column_text (select, 1));
      done++;
    }
  sqlite3_finalize (select);
  sqlite3_finalize (update);
  if (done > 0)
    {
      g_autofree char *reorder = dsp_index_reorder_sql ("1");

      index_orders (db);
      /* their urgency, from the columns just written */
      sqlite3_exec (db, reorder, NULL, NULL, NULL);
    }
  if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  if (done > 0)
    g_debug ("Indexed %u disputes stored by an earlier version", done);
  return TRUE;
}

/* Puts the words of up to @limit disputes not yet in the search index
 * there, oldest first, in one transaction; @more says whether any wait. */
gboolean
dsp_index_search_some (sqlite3  *db,
                       guint     limit,
                       gboolean *more)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT OR REPLACE INTO disputes_search (rowid, words) SELECT rowid, words FROM (%s) "
    "WHERE rowid IN (SELECT id FROM unsearched ORDER BY id LIMIT %u); "
    "DELETE FROM unsearched WHERE id IN (SELECT id FROM unsearched ORDER BY id LIMIT %u)",
    dsp_index_unsearched_words_sql (), limit, limit);

  *more = FALSE;
  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return FALSE;
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK || sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  *more = dsp_index_sql_number (db, "SELECT EXISTS (SELECT 1 FROM unsearched)", 0) != 0;
  return TRUE;
}

/* The one number @sql answers, or @otherwise when it cannot be asked. */
gint64
dsp_index_sql_number (sqlite3    *db,
                      const char *sql,
                      gint64      otherwise)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = otherwise;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* The words of the disputes not in the search index yet, as SQL, for a
 * search to look at them row by row: those few first (CROSS JOIN keeps
 * SQLite to that order; it would read every dispute's words otherwise, a
 * sixth of a second for a hundred thousand, to find none). */
const char *
dsp_index_unsearched_words_sql (void)
{
  return "SELECT d.rowid, " DSP_INDEX_SEARCH_WORDS " AS words FROM unsearched u CROSS JOIN disputes d ON d.rowid = u.id";
}

/* ---- a row's state and urgency in SQL, over its columns ----
 * As the disputes and the list's items say them, for what SQLite sorts and
 * counts: the test of the first rows of each order holds the two together. */

/* Klarna's state with the owner's mark over it, dsp_status_with_mark(). */
char *
dsp_index_status_sql (void)
{
  return g_strdup_printf ("(CASE WHEN resolved_at != 0 AND status NOT IN (%d, %d, %d) THEN %d ELSE status END)",
                          DSP_STATUS_WON, DSP_STATUS_LOST, DSP_STATUS_CLOSED, DSP_STATUS_RESOLVED);
}

/* What the owner must act by, 0 for nothing: dsp_dispute_get_deadline(). */
char *
dsp_index_deadline_sql (void)
{
  g_autofree char *status = dsp_index_status_sql ();

  return g_strdup_printf ("(CASE WHEN %s IN (%d, %d) THEN due ELSE 0 END)", status, DSP_STATUS_NEEDS_RESPONSE,
                          DSP_STATUS_PRELIMINARY_LOSS);
}

/* Klarna's detailed outcome (lower case, "" for none), from the JSON kept
 * (the two places Klarna puts it); a row whose JSON does not read has none. */
const char *
dsp_index_outcome_sql (void)
{
  return "lower (coalesce (CASE WHEN json_valid (d.json) THEN coalesce ("
         "json_extract (d.json, '$.state_context.dispute_outcome_detailed'), "
         "json_extract (d.json, '$.dispute_outcome_detailed')) END, ''))";
}

/* dsp_status_urgency_group() of each state. */
static char *
urgency_group_sql (void)
{
  g_autofree char *status = dsp_index_status_sql ();
  g_autoptr(GString) sql = g_string_new ("(CASE");

  for (int state = DSP_STATUS_NEEDS_RESPONSE; state <= DSP_STATUS_RESOLVED; state++)
    g_string_append_printf (sql, " WHEN %s = %d THEN %d", status, state, dsp_status_urgency_group (state));
  g_string_append_printf (sql, " ELSE %d END)", dsp_status_urgency_group (DSP_STATUS_RESOLVED + 1));
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* dsp_urgency_key() */
static char *
urgency_key_sql (const char *group)
{
  g_autofree char *deadline = dsp_index_deadline_sql ();

  return g_strdup_printf ("(CASE WHEN %s = 0 THEN (CASE WHEN %s != 0 THEN %s ELSE %" G_GINT64_FORMAT " END)"
                          " WHEN %s = 3 AND closed_at != 0 THEN -closed_at ELSE -updated_at END)",
                          group, deadline, deadline, G_MAXINT64, group);
}

/* Sets the urgency of the rows @where says again, the owner's mark taken
 * in: after a mark, and after a page for the disputes marked. */
char *
dsp_index_reorder_sql (const char *where)
{
  g_autofree char *group = urgency_group_sql ();
  g_autofree char *key = urgency_key_sql (group);

  return g_strdup_printf ("UPDATE disputes SET urgency = %s, deadline = %s WHERE (urgency != %s OR deadline != %s) AND (%s)",
                          group, key, group, key, where);
}
