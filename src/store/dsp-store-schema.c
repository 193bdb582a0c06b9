/* dsp-store-schema.c
 *
 * PRAGMA user_version holds the version; each step runs in one transaction,
 * so a crash mid-migration leaves the previous version intact.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-store"

#include "config.h"

#include "dsp-store-index.h"
#include "dsp-store-schema.h"

/* Version 1: disputes and each account's sync state. */
static const char step_1[] =
  "CREATE TABLE disputes ("
  "  source TEXT NOT NULL,"
  "  id TEXT NOT NULL,"
  "  updated_at INTEGER NOT NULL DEFAULT 0,"
  "  json TEXT NOT NULL,"
  "  PRIMARY KEY (source, id));"
  "CREATE TABLE sync_state ("
  "  source TEXT PRIMARY KEY,"
  "  synced_at INTEGER NOT NULL DEFAULT 0,"
  "  high_water INTEGER NOT NULL DEFAULT 0);";

/* Version 2: orders, the owner's marks, notifications sent, actions waiting. */
static const char step_2[] =
  "CREATE TABLE orders ("
  "  source TEXT NOT NULL,"
  "  order_id TEXT NOT NULL,"
  "  json TEXT NOT NULL,"
  "  fetched_at INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (source, order_id));"
  "CREATE TABLE marks ("
  "  source TEXT NOT NULL,"
  "  dispute_id TEXT NOT NULL,"
  "  resolved_at INTEGER NOT NULL,"
  "  note TEXT,"
  "  PRIMARY KEY (source, dispute_id));"
  "CREATE TABLE notifications_sent ("
  "  source TEXT NOT NULL,"
  "  dispute_id TEXT NOT NULL,"
  "  step TEXT NOT NULL,"
  "  sent_at INTEGER NOT NULL,"
  "  PRIMARY KEY (source, dispute_id, step));"
  "CREATE TABLE outbox ("
  "  id INTEGER PRIMARY KEY,"
  "  source TEXT NOT NULL,"
  "  dispute_id TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  payload TEXT,"
  "  idempotency_key TEXT NOT NULL,"
  "  state TEXT NOT NULL DEFAULT 'pending',"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  next_attempt INTEGER NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL);"
  "CREATE INDEX disputes_updated ON disputes (source, updated_at);";

/* Version 3: how urgent each dispute is, so the most urgent load first. */
static const char step_3[] =
  "ALTER TABLE disputes ADD COLUMN urgency INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE disputes ADD COLUMN deadline INTEGER NOT NULL DEFAULT 0;"
  "CREATE INDEX disputes_urgency ON disputes (source, urgency, deadline, id);";

/* Version 4: the outbox's outcome, and its files. */
static const char step_4[] =
  "ALTER TABLE outbox ADD COLUMN message TEXT;"
  "ALTER TABLE outbox ADD COLUMN finished_at INTEGER NOT NULL DEFAULT 0;"
  "CREATE TABLE outbox_files ("
  "  outbox_id INTEGER NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  name TEXT NOT NULL,"
  "  content_type TEXT NOT NULL,"
  "  description TEXT,"
  "  data BLOB NOT NULL,"
  "  attachment_id TEXT,"
  "  PRIMARY KEY (outbox_id, position));";

/* Version 5: what the list counts, filters and searches by, beside the
 * JSON (dsp-store-index.c fills it in for rows written before), and the
 * words a search finds each dispute by, kept in step by triggers. */
static const char step_5[] =
  "ALTER TABLE disputes ADD COLUMN status INTEGER NOT NULL DEFAULT 7;" /* DSP_STATUS_UNKNOWN */
  "ALTER TABLE disputes ADD COLUMN due INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE disputes ADD COLUMN amount INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE disputes ADD COLUMN currency TEXT;"
  "ALTER TABLE disputes ADD COLUMN reason TEXT;"
  "ALTER TABLE disputes ADD COLUMN order_id TEXT;"
  "ALTER TABLE disputes ADD COLUMN reference TEXT;"
  "ALTER TABLE disputes ADD COLUMN state TEXT;"
  "ALTER TABLE disputes ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE disputes ADD COLUMN closed_at INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE disputes ADD COLUMN terms TEXT;"
  "ALTER TABLE disputes ADD COLUMN customer TEXT;"
  "ALTER TABLE disputes ADD COLUMN customer_name TEXT;"
  "ALTER TABLE disputes ADD COLUMN indexed INTEGER NOT NULL DEFAULT 0;"
  /* the owner's mark, beside the row (the marks table stays its record) */
  "ALTER TABLE disputes ADD COLUMN resolved_at INTEGER NOT NULL DEFAULT 0;"
  "UPDATE disputes SET resolved_at = (SELECT m.resolved_at FROM marks m"
  "  WHERE m.source = disputes.source AND m.dispute_id = disputes.id)"
  "  WHERE EXISTS (SELECT 1 FROM marks m WHERE m.source = disputes.source AND m.dispute_id = disputes.id);"
  "CREATE INDEX disputes_order ON disputes (source, order_id);"
  "CREATE INDEX disputes_reason ON disputes (source, reason);"
  /* everything a list item is read from: a view is answered from this
   * index alone, never from the pages that hold the JSON */
  "CREATE INDEX disputes_list ON disputes (source, status, urgency, deadline, id, reference, order_id,"
  "  customer_name, reason, currency, state, amount, due, created_at, updated_at, closed_at, resolved_at);"
  "CREATE VIRTUAL TABLE disputes_search USING fts5 (words, tokenize = 'trigram', detail = 'none');"
  "CREATE TRIGGER disputes_search_add AFTER INSERT ON disputes BEGIN"
  "  INSERT INTO disputes_search (rowid, words) VALUES (new.rowid, coalesce (new.terms, '') || ' ' || coalesce (new.customer, ''));"
  "  END;"
  "CREATE TRIGGER disputes_search_change AFTER UPDATE OF terms, customer ON disputes"
  "  WHEN old.terms IS NOT new.terms OR old.customer IS NOT new.customer BEGIN"
  "  INSERT OR REPLACE INTO disputes_search (rowid, words) VALUES (new.rowid, coalesce (new.terms, '') || ' ' || coalesce (new.customer, ''));"
  "  END;"
  "CREATE TRIGGER disputes_search_remove AFTER DELETE ON disputes BEGIN"
  "  DELETE FROM disputes_search WHERE rowid = old.rowid;"
  "  END;";

/* Step 6: a row's urgency columns hold its group and the key within it as
 * the list sorts them (dsp_urgency_key()), the owner's mark taken in, and
 * the index a list item is read from leads with them: a view's first rows
 * come from it in their true order, without a look at the table. It also
 * serves the stream of stored disputes at start, most urgent first, so the
 * urgency index goes (one index fewer to write per page). The columns are
 * written from C; set again here (dsp_index_reorder_sql()) for what was
 * stored before. */
static const char step_6[] =
  "DROP INDEX disputes_urgency;"
  "DROP INDEX disputes_list;"
  "CREATE INDEX disputes_list ON disputes (source, urgency, deadline, id, status, reference, order_id,"
  "  customer_name, reason, currency, state, amount, due, created_at, updated_at, closed_at, resolved_at);"
  /* A new dispute's words reach the search index after the sync that
   * brought it, a chunk at a time (dsp_index_search_some()); until then a
   * search looks at the few not there yet row by row. */
  "CREATE TABLE unsearched (id INTEGER PRIMARY KEY);"
  "DROP TRIGGER disputes_search_add;"
  "CREATE TRIGGER disputes_search_add AFTER INSERT ON disputes BEGIN"
  "  INSERT OR IGNORE INTO unsearched (id) VALUES (new.rowid);"
  "  END;"
  "DROP TRIGGER disputes_search_remove;"
  "CREATE TRIGGER disputes_search_remove AFTER DELETE ON disputes BEGIN"
  "  DELETE FROM disputes_search WHERE rowid = old.rowid;"
  "  DELETE FROM unsearched WHERE id = old.rowid;"
  "  END;";

/* Step 7: an answer being written, kept until it is sent or discarded
 * (dsp-store-draft.c): its text, the refund offered as typed, the checklist
 * items ticked by hand, and its files (each under a name of the draft's own,
 * so a file is written once however often the text is saved). */
static const char step_7[] =
  "CREATE TABLE drafts ("
  "  source TEXT NOT NULL,"
  "  dispute_id TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  text TEXT,"
  "  refund TEXT,"
  "  ticked TEXT,"
  "  saved_at INTEGER NOT NULL,"
  "  PRIMARY KEY (source, dispute_id));"
  "CREATE TABLE draft_files ("
  "  source TEXT NOT NULL,"
  "  dispute_id TEXT NOT NULL,"
  "  file_id TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  name TEXT NOT NULL,"
  "  content_type TEXT NOT NULL,"
  "  description TEXT,"
  "  item TEXT,"
  "  data BLOB NOT NULL,"
  "  PRIMARY KEY (source, dispute_id, file_id));";

/* Step 8: the rows an earlier version stored without their list columns
 * are found at each start by an index that holds only them (none, once
 * caught up: nothing to write for a synced row), not by reading the whole
 * table (a tenth of a second for a hundred thousand disputes). The index by
 * time of change goes: no question asks it any more (each account's sync
 * mark is its own row), and every synced row wrote it. */
static const char step_8[] =
  "CREATE INDEX disputes_unindexed ON disputes (indexed) WHERE indexed = 0;"
  "DROP INDEX disputes_updated;";

/* Version 9: an action's files kept beside the store, a file each (named
 * by their row: "<outbox_id>-<position>", never by a name read back), where
 * their rows say so; the rows written before keep their contents. */
static const char step_9[] =
  "ALTER TABLE outbox_files ADD COLUMN kept INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE outbox_files ADD COLUMN size INTEGER NOT NULL DEFAULT 0;";

static const char *steps[] = { step_1, step_2, step_3, step_4, step_5, step_6, step_7, step_8, step_9 };

static char *
step_sql (int version)
{
  g_autofree char *reorder = NULL;

  if (version != 5)
    return g_strdup (steps[version]);
  reorder = dsp_index_reorder_sql ("1");
  return g_strconcat (steps[version], reorder, NULL);
}

int
dsp_store_schema_version (sqlite3 *db)
{
  return (int) dsp_index_sql_number (db, "PRAGMA user_version", -1);
}

static gboolean
exec (sqlite3     *db,
      const char  *sql,
      char       **problem)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) == SQLITE_OK)
    return TRUE;
  if (problem)
    *problem = g_strdup (message ? message : sqlite3_errmsg (db));
  sqlite3_free (message);
  return FALSE;
}

/* Brings the schema from its version up to @target, one step at a time. */
gboolean
dsp_store_schema_migrate (sqlite3  *db,
                          int       target,
                          char    **problem)
{
  int version = dsp_store_schema_version (db);

  g_return_val_if_fail (target <= (int) G_N_ELEMENTS (steps), FALSE);

  for (; version >= 0 && version < target; version++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);
      g_autofree char *step = step_sql (version);

      if (!exec (db, "BEGIN IMMEDIATE", problem))
        return FALSE;
      if (!exec (db, step, problem) || !exec (db, bump, problem))
        {
          exec (db, "ROLLBACK", NULL);
          return FALSE;
        }
      if (!exec (db, "COMMIT", problem))
        return FALSE;
    }
  return version == target;
}
