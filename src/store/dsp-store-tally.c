/* dsp-store-tally.c
 *
 * The store answers a query on its own thread: how many disputes each
 * state group holds (for the filter's counts), what is at stake in the
 * view per currency, which disputes a search finds, and the view itself as
 * list items in its order — from the columns and the trigram index
 * (dsp-store-index.c), never from the JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dsp-clock.h"
#include "dsp-money.h"
#include "dsp-store-index.h"
#include "dsp-store-private.h"
#include "dsp-store-tally.h"

#define FROM_SQL " FROM disputes d"
/* Up to one find in FEW_HITS of the disputes stored (and a hundred always),
 * a search's rows are read starting from its finds, each by its rowid; more,
 * and the list index is read in order, each row looked for among the finds.
 * SQLite knows nothing of temp.hits' size: it always chose the second, a
 * hundred thousand look-ups for a word no dispute holds (30–60 ms, and as
 * long again for the counts). */
#define FEW_HITS 20
#define FROM_HITS_SQL " FROM temp.hits h CROSS JOIN disputes d ON d.rowid = h.id"

typedef struct {
  GStrv     sources;
  GStrv     names;  /* each source's store name, "" for none */
  DspQuery *query;
  GStrv     words;  /* the search, folded, a word each */
  gint64    now;
  gint64    rows;   /* items wanted: 0 none, -1 all, else the most urgent so many */
  gboolean  hits;   /* the search's finds are in temp.hits */
  gboolean  from_hits; /* few: the rows are read starting from them */
  gboolean  scan;   /* the search looked for row by row, in the view's order */
} Ask;

static void
ask_free (Ask *ask)
{
  g_strfreev (ask->sources);
  g_strfreev (ask->names);
  g_strfreev (ask->words);
  dsp_query_free (ask->query);
  g_free (ask);
}

/* ---- answers kept while nothing is written ---- */

/* The data's count of changes: the connection's, but for the memos' own
 * writes (temp.hits). */
static sqlite3_int64
data_changes (sqlite3       *db,
              DspStoreMemos *memos)
{
  return sqlite3_total_changes64 (db) - memos->own_changes;
}

static gboolean
memo_holds (DspStoreMemo  *memo,
            const char    *key,
            sqlite3_int64  changes)
{
  return memo->key != NULL && g_str_equal (memo->key, key) && memo->changes == changes;
}

static void
memo_forget (DspStoreMemo *memo)
{
  g_clear_pointer (&memo->key, g_free);
  if (memo->value && memo->free_value)
    memo->free_value (memo->value);
  memo->value = NULL;
}

static void
memo_keep (DspStoreMemo   *memo,
           char           *key,
           sqlite3_int64   changes,
           gpointer        value,
           GDestroyNotify  free_value)
{
  memo_forget (memo);
  memo->key = key;
  memo->changes = changes;
  memo->value = value;
  memo->free_value = free_value;
}

void
dsp_store_memos_clear (DspStoreMemos *memos)
{
  memo_forget (&memos->hits);
  memo_forget (&memos->counts);
  memo_forget (&memos->reasons);
}

/* The stores shown, and with @narrowed the store, reason and search asked. */
static char *
ask_key (Ask      *ask,
         gboolean  narrowed)
{
  g_autofree char *sources = g_strjoinv ("\037", ask->sources);
  g_autofree char *words = g_strjoinv ("\037", ask->words);

  if (!narrowed)
    return g_steal_pointer (&sources);
  return g_strdup_printf ("%s\036%s\036%s\036%s", sources, ask->query->source_id ? ask->query->source_id : "",
                          ask->query->reason ? ask->query->reason : "", words);
}

void
dsp_tally_free (DspTally *tally)
{
  g_clear_pointer (&tally->at_stake, g_array_unref);
  g_clear_pointer (&tally->reasons, g_ptr_array_unref);
  g_clear_pointer (&tally->index, g_hash_table_unref);
  g_clear_pointer (&tally->items, g_ptr_array_unref);
  g_free (tally);
}

/* An index of items by store and id that costs no allocation per item: a
 * table per store, keyed by the item's own id string. */
GHashTable *
dsp_tally_index_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
}

void
dsp_tally_index_add (GHashTable     *index,
                     DspDisputeItem *item)
{
  const char *source_id = dsp_dispute_item_get_source_id (item) ? dsp_dispute_item_get_source_id (item) : "";
  GHashTable *ids = g_hash_table_lookup (index, source_id);

  if (ids == NULL)
    {
      ids = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_insert (index, g_strdup (source_id), ids);
    }
  g_hash_table_replace (ids, (gpointer) dsp_dispute_item_get_id (item), item);
}

char *
dsp_tally_key (const char *source_id,
               const char *dispute_id)
{
  return g_strconcat (source_id ? source_id : "", "\037", dispute_id, NULL);
}

/* "(0, 1)": the states a group holds. */
static char *
group_sql (DspQueryGroup group)
{
  g_autoptr(GString) list = g_string_new ("(");

  for (int status = DSP_STATUS_NEEDS_RESPONSE; status <= DSP_STATUS_RESOLVED; status++)
    if (dsp_query_in_group (group, status))
      g_string_append_printf (list, "%s%d", list->len > 1 ? ", " : "", status);
  g_string_append (list, ")");
  return g_string_free (g_steal_pointer (&list), FALSE);
}

/* "d.urgency IN (3) AND ": the urgency groups (the first column of the
 * list index after the store) of the states @group holds — the same rows,
 * since a row's urgency is its state's group (dsp_index_reorder_sql()), but
 * SQLite then reads only those parts of the index: the closed disputes'
 * first rows without a walk past every open one. "" for every state. */
static char *
urgency_sql (DspQueryGroup group)
{
  g_autoptr(GString) list = g_string_new (NULL);
  gboolean groups[4] = { FALSE };

  if (group == DSP_QUERY_ALL)
    return g_strdup ("");
  for (int status = DSP_STATUS_NEEDS_RESPONSE; status <= DSP_STATUS_RESOLVED; status++)
    if (dsp_query_in_group (group, status))
      groups[dsp_status_urgency_group (status)] = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (groups[i])
      g_string_append_printf (list, "%s%u", list->len ? ", " : "", i);
  return g_strdup_printf ("d.urgency IN (%s) AND ", list->str);
}

/* The stores shown (?1…), the one chosen, the reason, each word searched;
 * bound by bind_where() in the same order. */
static void
append_where (GString *sql,
              Ask     *ask)
{
  guint n = 1;

  g_string_append (sql, " WHERE d.source IN (");
  for (guint i = 0; ask->sources[i]; i++)
    g_string_append_printf (sql, "%s?%u", i ? ", " : "", n++);
  g_string_append (sql, ask->sources[0] ? ")" : "NULL)");
  if (ask->query->source_id)
    g_string_append_printf (sql, " AND d.source = ?%u", n++);
  if (ask->query->reason)
    g_string_append_printf (sql, " AND d.reason = ?%u", n++);
  if (ask->hits && !ask->from_hits)
    g_string_append (sql, " AND d.rowid IN (SELECT id FROM temp.hits)");
  if (ask->scan)
    {
      /* the row's words: in the search index's own table (small rows), or
       * beside the JSON for the few not indexed yet */
      g_autoptr(GString) indexed = g_string_new (" AND (EXISTS (SELECT 1 FROM disputes_search s WHERE s.rowid = d.rowid");
      g_autoptr(GString) apart = g_string_new (" OR (d.rowid IN (SELECT id FROM unsearched)");

      for (guint i = 0; ask->words[i]; i++, n++)
        {
          g_string_append_printf (indexed, " AND instr (s.words, ?%u) > 0", n);
          g_string_append_printf (apart, " AND instr (" DSP_INDEX_SEARCH_WORDS ", ?%u) > 0", n);
        }
      g_string_append_printf (sql, "%s)%s))", indexed->str, apart->str);
    }
}

static void
bind_where (sqlite3_stmt *stmt,
            Ask          *ask)
{
  int n = 1;

  for (guint i = 0; ask->sources[i]; i++)
    sqlite3_bind_text (stmt, n++, ask->sources[i], -1, SQLITE_STATIC);
  if (ask->query->source_id)
    sqlite3_bind_text (stmt, n++, ask->query->source_id, -1, SQLITE_STATIC);
  if (ask->query->reason)
    sqlite3_bind_text (stmt, n++, ask->query->reason, -1, SQLITE_STATIC);
  for (guint i = 0; ask->scan && ask->words[i]; i++)
    sqlite3_bind_text (stmt, n++, ask->words[i], -1, SQLITE_STATIC);
}

/* Into temp.hits: the rows of @from (@id its rowid, @words their words)
 * holding every word asked, each anywhere — with LIKE, which the trigram
 * index serves, or, with @scan, each row's words read (instr). */
static int
add_hits (sqlite3    *db,
          Ask        *ask,
          const char *from,
          const char *id,
          const char *words,
          gboolean    scan)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int code;

  g_string_printf (sql, "INSERT OR IGNORE INTO temp.hits SELECT %s FROM %s WHERE ", id, from);
  for (guint i = 0; ask->words[i]; i++)
    g_string_append_printf (sql, scan ? "%sinstr (%s, ?%u) > 0" : "%s%s LIKE ?%u", i ? " AND " : "", words, i + 1);
  if ((code = sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL)) != SQLITE_OK)
    return code;
  for (guint i = 0; ask->words[i]; i++)
    sqlite3_bind_text (stmt, (int) i + 1, scan ? g_strdup (ask->words[i]) : g_strdup_printf ("%%%s%%", ask->words[i]),
                       -1, g_free);
  code = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return code;
}

static gboolean
has_short_word (GStrv words)
{
  for (guint i = 0; words[i]; i++)
    if (g_utf8_strlen (words[i], -1) < 3)
      return TRUE;
  return FALSE;
}

/* How long the trigram index may look before the words are read instead:
 * it answers a word few disputes hold at once, but checks those most hold
 * one by one (a hundred thousand: a fifth of a second), where reading every
 * row's words once takes a twentieth. */
#define INDEX_BUDGET_US (8 * 1000)

static int
budget_spent (void *deadline)
{
  return g_get_monotonic_time () > *(gint64 *) deadline;
}

/* The search index's finds: by its trigrams when they answer in time, else
 * by its words read row by row (always for a word of one or two letters,
 * which trigrams cannot serve; SQLite 3.40 also crashes on a short LIKE
 * beside another on that index). */
static gboolean
add_indexed_hits (sqlite3 *db,
                  Ask     *ask)
{
  gint64 deadline = g_get_monotonic_time () + INDEX_BUDGET_US;
  int code = SQLITE_INTERRUPT;

  if (!has_short_word (ask->words))
    {
      sqlite3_progress_handler (db, 1000, budget_spent, &deadline);
      code = add_hits (db, ask, "disputes_search", "rowid", "words", FALSE);
      sqlite3_progress_handler (db, 0, NULL, NULL);
    }
  if (code == SQLITE_INTERRUPT)
    code = sqlite3_exec (db, "DELETE FROM temp.hits", NULL, NULL, NULL) == SQLITE_OK
             ? add_hits (db, ask, "disputes_search_content", "id", "c0", TRUE) : SQLITE_ERROR;
  return code == SQLITE_DONE;
}

/* Found in the search index, and among the disputes not there yet (just
 * synced: a few, looked at row by row). */
static gboolean
fill_hits (sqlite3 *db,
           Ask     *ask)
{
  g_autofree char *unsearched = g_strdup_printf ("(%s)", dsp_index_unsearched_words_sql ());

  return sqlite3_exec (db, "CREATE TEMP TABLE IF NOT EXISTS hits (id INTEGER PRIMARY KEY); DELETE FROM temp.hits",
                       NULL, NULL, NULL) == SQLITE_OK &&
         add_indexed_hits (db, ask) && add_hits (db, ask, unsearched, "rowid", "words", TRUE) == SQLITE_DONE;
}

/* Found once for every question after it with the same search and nothing
 * written since (a view's first rows and the rest ask the same). */
static gboolean
find_hits (DspStore *store,
           Ask      *ask)
{
  sqlite3 *db = dsp_store_get_db (store);
  DspStoreMemos *memos = dsp_store_get_memos (store);
  g_autofree char *words = g_strjoinv ("\037", ask->words);
  sqlite3_int64 before;
  gboolean found;

  if (memo_holds (&memos->hits, words, data_changes (db, memos)))
    return TRUE;
  memo_forget (&memos->hits);
  before = sqlite3_total_changes64 (db);
  found = fill_hits (db, ask);
  memos->own_changes += sqlite3_total_changes64 (db) - before;
  if (found)
    memo_keep (&memos->hits, g_steal_pointer (&words), data_changes (db, memos), NULL, NULL);
  return found;
}

/* Whether the search found few of the disputes stored (their highest rowid
 * says how many, near enough, at once). */
static gboolean
are_few (sqlite3 *db)
{
  gint64 hits = dsp_index_sql_number (db, "SELECT count(*) FROM temp.hits", -1);
  gint64 stored = dsp_index_sql_number (db, "SELECT max(rowid) FROM disputes", -1);

  return hits >= 0 && hits <= MAX (stored / FEW_HITS, 100);
}

static sqlite3_stmt *
prepare (sqlite3    *db,
         Ask        *ask,
         const char *select,
         const char *tail)
{
  g_autoptr(GString) sql = g_string_new (select);
  sqlite3_stmt *stmt = NULL;

  g_string_append (sql, ask->hits && ask->from_hits ? FROM_HITS_SQL : FROM_SQL);
  append_where (sql, ask);
  g_string_append (sql, tail);
  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_warning ("Query not understood: %s", sqlite3_errmsg (db));
      return NULL;
    }
  bind_where (stmt, ask);
  return stmt;
}

/* @amount of @currency added to @stakes (a GArray of DspStake). */
void
dsp_stake_add (GArray     *stakes,
               const char *currency,
               gint64      amount)
{
  DspStake stake = { { 0 }, amount };

  for (guint i = 0; i < stakes->len; i++)
    if (g_str_equal (g_array_index (stakes, DspStake, i).currency, currency ? currency : ""))
      {
        g_array_index (stakes, DspStake, i).amount += amount;
        return;
      }
  g_strlcpy (stake.currency, currency ? currency : "", sizeof stake.currency);
  g_array_append_val (stakes, stake);
}

static int
by_amount (gconstpointer a,
           gconstpointer b)
{
  gint64 x = ((const DspStake *) a)->amount, y = ((const DspStake *) b)->amount;

  return (y > x) - (y < x);
}

/* "€4,210.50 and SEK 12,300": each currency's sum, largest first. */
char *
dsp_stakes_dup_text (GArray *stakes)
{
  char *text = NULL;

  for (guint i = 0; i < stakes->len; i++)
    {
      DspStake *stake = &g_array_index (stakes, DspStake, i);
      g_autofree char *amount = dsp_money_format (stake->amount, stake->currency);
      g_autofree char *before = text;

      if (before == NULL)
        text = g_strdup (amount);
      else if (i + 1 < stakes->len)
        /* Translators: a list of amounts, all but the last */
        text = g_strdup_printf (_("%s, %s"), before, amount);
      else
        /* Translators: a list of amounts, the last one */
        text = g_strdup_printf (_("%s and %s"), before, amount);
    }
  return text;
}

/* Largest first. */
void
dsp_stakes_sort (GArray *stakes)
{
  g_array_sort (stakes, by_amount);
}

/* How many disputes of each state and currency, what they are worth and
 * how many are overdue (for the store, reason and search asked). */
typedef struct {
  DspStatus state;
  char      currency[4];
  guint     n;
  gint64    amount;
  guint     overdue;
} Counted;

/* @row's state and currency in @rows, added there when new (a few dozen at
 * most: the states by the currencies). */
static Counted *
counted_row (GArray     *rows,
             DspStatus   state,
             const char *currency)
{
  Counted row = { state, { 0 }, 0, 0, 0 };

  g_strlcpy (row.currency, currency ? currency : "", sizeof row.currency);
  for (guint i = 0; i < rows->len; i++)
    if (g_array_index (rows, Counted, i).state == state && g_str_equal (g_array_index (rows, Counted, i).currency, row.currency))
      return &g_array_index (rows, Counted, i);
  g_array_append_val (rows, row);
  return &g_array_index (rows, Counted, rows->len - 1);
}

/* (a GArray of Counted) — summed here, row by row: SQLite's GROUP BY would
 * sort a hundred thousand rows first (three times as long). */
static gpointer
read_counts (sqlite3 *db,
             Ask     *ask)
{
  g_autofree char *status = dsp_index_status_sql ();
  g_autofree char *select = g_strdup_printf ("SELECT %s, d.currency, d.amount, d.due", status);
  sqlite3_stmt *stmt = prepare (db, ask, select, "");
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (Counted));

  while (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    {
      Counted *row = counted_row (rows, sqlite3_column_int (stmt, 0), (const char *) sqlite3_column_text (stmt, 1));
      gint64 due = sqlite3_column_int64 (stmt, 3);

      row->n++;
      row->amount += sqlite3_column_int64 (stmt, 2);
      row->overdue += due > 0 && due < ask->now;
    }
  sqlite3_finalize (stmt);
  return rows;
}

/* What @read answers for @ask under @key (taken), read again only when
 * the key or the data changed since. */
static gpointer
remembered (DspStore      *store,
            DspStoreMemo  *memo,
            char          *key,
            gpointer     (*read) (sqlite3 *db, Ask *ask),
            GDestroyNotify free_value,
            Ask           *ask)
{
  sqlite3 *db = dsp_store_get_db (store);
  sqlite3_int64 changes = data_changes (db, dsp_store_get_memos (store));

  if (memo_holds (memo, key, changes))
    g_free (key);
  else
    memo_keep (memo, key, changes, read (db, ask), free_value);
  return memo->value;
}

/* Counted once while nothing is written and the minute (which says what is
 * overdue) stays: switching the state shown asks nothing again. */
static GArray *
counted (DspStore *store,
         Ask      *ask)
{
  g_autofree char *narrowed = ask_key (ask, TRUE);

  return remembered (store, &dsp_store_get_memos (store)->counts,
                     g_strdup_printf ("%s\036%" G_GINT64_FORMAT, narrowed, ask->now / 60),
                     read_counts, (GDestroyNotify) g_array_unref, ask);
}

/* How many each state holds, and what needs the owner in the view (a
 * response, or an appeal) per currency, largest first. */
static void
count (DspStore *store,
       Ask      *ask,
       DspTally *tally)
{
  GArray *rows = counted (store, ask);

  for (guint i = 0; i < rows->len; i++)
    {
      Counted *row = &g_array_index (rows, Counted, i);

      for (int group = 0; group < DSP_QUERY_N_GROUPS; group++)
        if (dsp_query_in_group (group, row->state))
          tally->counts[group] += row->n;
      if ((row->state != DSP_STATUS_NEEDS_RESPONSE && row->state != DSP_STATUS_PRELIMINARY_LOSS) ||
          !dsp_query_in_group (ask->query->group, row->state))
        continue;
      dsp_stake_add (tally->at_stake, row->currency, row->amount);
      tally->at_stake_count += row->n;
      tally->overdue += row->overdue;
    }
  dsp_stakes_sort (tally->at_stake);
}

/* (a GPtrArray of reason codes) */
static gpointer
read_reasons (sqlite3 *db,
              Ask     *ask)
{
  g_autoptr(DspQuery) everything = dsp_query_new ();
  Ask all = { ask->sources, ask->names, everything, (GStrv) (const char *[]) { NULL }, ask->now, 0, FALSE };
  sqlite3_stmt *stmt = prepare (db, &all, "SELECT d.reason, count(*)",
                                " AND d.reason IS NOT NULL GROUP BY d.reason ORDER BY 2 DESC, 1");
  GPtrArray *reasons = g_ptr_array_new_with_free_func (g_free);

  while (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (reasons, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return reasons;
}

/* The reasons among every store shown, whatever else is chosen. */
static void
list_reasons (DspStore *store,
              Ask      *ask,
              DspTally *tally)
{
  GPtrArray *reasons = remembered (store, &dsp_store_get_memos (store)->reasons, ask_key (ask, FALSE), read_reasons,
                                   (GDestroyNotify) g_ptr_array_unref, ask);

  for (guint i = 0; i < reasons->len; i++)
    g_ptr_array_add (tally->reasons, g_strdup (g_ptr_array_index (reasons, i)));
}

#define ITEM_COLUMNS "SELECT d.source, d.id, d.reference, d.order_id, d.customer_name, d.reason, d.currency, " \
  "d.state, d.amount, d.status, d.due, d.created_at, d.updated_at, d.closed_at, d.resolved_at"

static const char *
text_at (sqlite3_stmt *stmt,
         int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static DspDisputeItem *
item_at (sqlite3_stmt *stmt,
         Ask          *ask)
{
  DspItemData data = {
    text_at (stmt, 0), text_at (stmt, 1), text_at (stmt, 2), text_at (stmt, 3), text_at (stmt, 4),
    text_at (stmt, 5), text_at (stmt, 6), text_at (stmt, 7), sqlite3_column_int64 (stmt, 8),
    sqlite3_column_int (stmt, 9), sqlite3_column_int64 (stmt, 10), sqlite3_column_int64 (stmt, 11),
    sqlite3_column_int64 (stmt, 12), sqlite3_column_int64 (stmt, 13), sqlite3_column_int64 (stmt, 14),
  };

  DspDisputeItem *item = dsp_dispute_item_new (&data);

  /* named here, off the window's thread */
  for (guint i = 0; ask->sources[i] && ask->names && ask->names[i]; i++)
    if (*ask->names[i] && g_strcmp0 (ask->sources[i], data.source_id) == 0)
      dsp_dispute_item_set_store_name (item, ask->names[i]);
  return item;
}

/* A view's order in SQL, as dsp_query_compare() says it: for its first
 * rows, asked of SQLite (LIMIT keeps only so many), so they are the whole
 * answer's first rows too. Urgency comes from its columns (and their index). */
static char *
order_sql (DspQuerySort sort)
{
  g_autofree char *deadline = dsp_index_deadline_sql ();
  const char *urgency = "d.urgency, d.deadline, d.id, d.source";

  switch (sort)
    {
    case DSP_QUERY_SORT_DEADLINE:
      return g_strdup_printf ("%s = 0, %s, %s", deadline, deadline, urgency);
    case DSP_QUERY_SORT_AMOUNT:
      return g_strdup_printf ("d.currency, d.amount DESC, %s", urgency);
    case DSP_QUERY_SORT_NEWEST:
      return g_strdup_printf ("d.created_at DESC, %s", urgency);
    case DSP_QUERY_SORT_ORDER:
      return g_strdup_printf ("d.reference, %s", urgency);
    case DSP_QUERY_SORT_URGENCY:
    default:
      return g_strdup (urgency);
    }
}

/* The view: read from the columns, in the query's order (sorted here, on
 * the store's thread); the first few alone, sorted by SQLite. */
static gboolean
list_items (sqlite3  *db,
            Ask      *ask,
            DspTally *tally)
{
  g_autofree char *status = dsp_index_status_sql ();
  g_autofree char *view = group_sql (ask->query->group);
  g_autofree char *urgency = urgency_sql (ask->query->group);
  g_autofree char *order = ask->rows > 0 ? order_sql (ask->query->sort) : NULL;
  g_autofree char *tail = ask->rows > 0
    ? g_strdup_printf (" AND %s%s IN %s ORDER BY %s LIMIT %" G_GINT64_FORMAT, urgency, status, view, order, ask->rows)
    : g_strdup_printf (" AND %s%s IN %s", urgency, status, view);
  sqlite3_stmt *stmt = prepare (db, ask, ITEM_COLUMNS, tail);
  int code = SQLITE_ERROR;

  g_clear_pointer (&tally->items, g_ptr_array_unref);
  g_clear_pointer (&tally->index, g_hash_table_unref);
  tally->items = g_ptr_array_new_with_free_func (g_object_unref);
  while (stmt && (code = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (tally->items, item_at (stmt, ask));
  sqlite3_finalize (stmt);
  if (code != SQLITE_DONE)
    return FALSE;
  dsp_query_sort (ask->query, tally->items);
  /* indexed here too, off the window's thread */
  tally->index = dsp_tally_index_new ();
  for (guint i = 0; i < tally->items->len; i++)
    dsp_tally_index_add (tally->index, g_ptr_array_index (tally->items, i));
  dsp_store_mark_drafted (db, tally);
  return TRUE;
}

/* A search's first rows, looked for row by row in the view's order until
 * there are enough: at once for words many disputes hold (which the
 * trigram index would check one candidate at a time). Words few disputes
 * hold would make that walk long: it is given up after a while, for the
 * search index (find_hits()). */
#define SCAN_BUDGET_US (10 * 1000)

static gboolean
first_rows_by_scan (sqlite3  *db,
                    Ask      *ask,
                    DspTally *tally)
{
  gint64 deadline = g_get_monotonic_time () + SCAN_BUDGET_US;
  gboolean found;

  ask->scan = TRUE;
  sqlite3_progress_handler (db, 1000, budget_spent, &deadline);
  found = list_items (db, ask, tally);
  sqlite3_progress_handler (db, 0, NULL, NULL);
  return found;
}

/* @ask's answer, on the store's thread. */
static DspTally *
answer (DspStore *self,
        Ask      *ask)
{
  sqlite3 *db = dsp_store_get_db (self);
  DspTally *tally = g_new0 (DspTally, 1);
  gint64 start = g_get_monotonic_time (), listed;

  tally->at_stake = g_array_new (FALSE, TRUE, sizeof (DspStake));
  tally->reasons = g_ptr_array_new_with_free_func (g_free);
  if (!(ask->rows > 0 && ask->words[0] && first_rows_by_scan (db, ask, tally)))
    {
      ask->scan = FALSE;
      ask->hits = ask->words[0] != NULL && find_hits (self, ask);
      ask->from_hits = ask->hits && are_few (dsp_store_get_db (self));
      if (ask->words[0] && !ask->hits)
        g_warning ("The search could not be asked: %s", sqlite3_errmsg (db));
      if (ask->rows != 0)
        list_items (db, ask, tally);
    }
  listed = g_get_monotonic_time ();
  /* the first rows come alone, at once; the counts with the rest */
  if (ask->rows <= 0)
    {
      count (self, ask, tally);
      list_reasons (self, ask, tally);
    }
  g_debug ("Answered in %" G_GINT64_FORMAT " ms (%u rows in %" G_GINT64_FORMAT " ms)",
           (g_get_monotonic_time () - start) / 1000, tally->items ? tally->items->len : 0, (listed - start) / 1000);
  return tally;
}

static void
tally_job (DspStore *self,
           GTask    *task,
           gpointer  data)
{
  if (dsp_store_get_db (self) == NULL)
    {
      g_task_return_new_error (task, DSP_STORE_ERROR, DSP_STORE_ERROR_FAILED, "store not open");
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, answer (self, data), (GDestroyNotify) dsp_tally_free);
}

/* The search in words, folded as the index is; a LIKE's own wildcards go. */
static GStrv
words_of (const char *text)
{
  g_autofree char *folded = dsp_index_fold (text ? text : "");
  g_auto(GStrv) split = NULL;
  g_autoptr(GStrvBuilder) words = g_strv_builder_new ();

  g_strdelimit (folded, "%_", ' ');
  split = g_strsplit_set (folded, " \t\n", -1);
  for (guint i = 0; split[i]; i++)
    if (*split[i])
      g_strv_builder_add (words, split[i]);
  return g_strv_builder_end (words);
}

static Ask *
ask_new (const char * const *sources,
         const char * const *names,
         const DspQuery     *query,
         gint64              rows)
{
  Ask *ask = g_new0 (Ask, 1);

  ask->sources = g_strdupv ((GStrv) sources);
  ask->names = names ? g_strdupv ((GStrv) names) : NULL;
  ask->query = dsp_query_copy (query);
  ask->words = words_of (query->text);
  ask->now = dsp_clock_now ();
  ask->rows = rows;
  return ask;
}

/* The same as dsp_store_tally_async(), for the store's own jobs: on its
 * thread, with the store open. */
DspTally *
dsp_store_answer (DspStore           *self,
                  const char * const *sources,
                  const char * const *names,
                  const DspQuery     *query,
                  gint64              rows)
{
  Ask *ask = ask_new (sources, names, query, rows);
  DspTally *tally = answer (self, ask);

  ask_free (ask);
  return tally;
}

/* Asks @query of the disputes of @sources (the stores shown); with @rows
 * (-1 for all), the view's items too. */
void
dsp_store_tally_async (DspStore            *self,
                       const char * const  *sources,
                       const char * const  *names,
                       const DspQuery      *query,
                       gint64               rows,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  Ask *ask = ask_new (sources, names, query, rows);

  dsp_store_submit (self, tally_job, ask, (GDestroyNotify) ask_free, dsp_store_tally_async, cancellable,
                    callback, user_data);
}

DspTally *
dsp_store_tally_finish (DspStore      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dsp_store_tally_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Adds @more, another store's answer to @query, to @sum: counts and money
 * added, reasons joined, the items merged in the query's order and their
 * index joined (each store's sources are its own). */
void
dsp_tally_add (DspTally       *sum,
               DspTally       *more,
               const DspQuery *query)
{
  GHashTableIter iter;
  gpointer source, ids;

  for (guint g = 0; g < DSP_QUERY_N_GROUPS; g++)
    sum->counts[g] += more->counts[g];
  for (guint i = 0; i < more->at_stake->len; i++)
    dsp_stake_add (sum->at_stake, g_array_index (more->at_stake, DspStake, i).currency,
                   g_array_index (more->at_stake, DspStake, i).amount);
  dsp_stakes_sort (sum->at_stake);
  sum->at_stake_count += more->at_stake_count;
  sum->overdue += more->overdue;
  for (guint i = 0; i < more->reasons->len; i++)
    if (!g_ptr_array_find_with_equal_func (sum->reasons, g_ptr_array_index (more->reasons, i), g_str_equal, NULL))
      g_ptr_array_add (sum->reasons, g_strdup (g_ptr_array_index (more->reasons, i)));
  if (more->items == NULL || sum->items == NULL)
    return;
  g_ptr_array_extend_and_steal (sum->items, g_steal_pointer (&more->items));
  dsp_query_sort (query, sum->items);
  g_hash_table_iter_init (&iter, more->index);
  while (g_hash_table_iter_next (&iter, &source, &ids))
    g_hash_table_insert (sum->index, g_strdup (source), g_hash_table_ref (ids));
}
