/* test-store.c — the local store: round trip, migration, damaged files, a
 * full disk, syncs interrupted at every page, incremental syncs, offline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "dsp-clock.h"
#include "dsp-json.h"
#include "dsp-simulator.h"
#include "dsp-source.h"
#include "dsp-store-check.h"
#include "dsp-store-private.h"
#include "dsp-store-schema.h"
#include "dsp-store-tally.h"
#include "dsp-store.h"
#include "dsp-time.h"
#include "test-util.h"

#define NOW TEST_NOW

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("disputes-store-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "disputes.db", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
  g_free (f->path);
  g_free (f->dir);
}

static DspStore *
open_store (const char  *path,
            char       **notice)
{
  DspStore *store = dsp_store_new (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  dsp_store_open_async (store, NULL, test_store_result, &result);
  g_assert_true (dsp_store_open_finish (store, test_wait_result (&result, 10000), notice, &error));
  g_assert_no_error (error);
  return store;
}

static DspStoreSnapshot *
load (DspStore   *store,
      const char *source)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DspStoreSnapshot *snapshot;

  dsp_store_load_async (store, source, NULL, -1, NULL, test_store_result, &result);
  snapshot = dsp_store_load_finish (store, test_wait_result (&result, 10000), &error);
  g_assert_no_error (error);
  return snapshot;
}

static char *
dispute_json (const char *id,
              const char *state,
              gint64      updated)
{
  g_autofree char *when = dsp_time_format_rfc3339 (updated);

  return g_strdup_printf ("{\"payment_dispute_id\":\"%s\",\"state\":\"%s\",\"updated_at\":\"%s\","
                          "\"dispute_details\":{\"dispute_amount\":4900,\"currency\":\"EUR\"}}",
                          id, state, when);
}

static gboolean
save (DspStore    *store,
      const char  *source,
      const char **ids,
      const char  *state,
      GError     **error)
{
  g_autoptr(GPtrArray) disputes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GAsyncResult) result = NULL;

  for (guint i = 0; ids[i]; i++)
    {
      char *text = dispute_json (ids[i], state, 1700000000 + i);
      g_autoptr(JsonNode) node = dsp_json_parse (text, strlen (text), NULL);

      g_ptr_array_add (disputes, dsp_dispute_new_from_json (json_node_get_object (node), NULL));
      g_ptr_array_add (texts, text);
    }
  dsp_store_save_page_async (store, source, disputes, texts, FALSE, test_store_result, &result);
  return dsp_store_write_finish (store, test_wait_result (&result, 10000), error);
}

static guint
found_by_search (DspStore   *store,
                 const char *text)
{
  g_autoptr(DspQuery) query = dsp_query_new ();
  const char *sources[] = { "shop-1", NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DspTally) tally = NULL;

  query->text = g_strdup (text);
  dsp_store_tally_async (store, sources, NULL, query, -1, NULL, test_store_result, &result);
  tally = dsp_store_tally_finish (store, test_wait_result (&result, 10000), NULL);
  g_assert_nonnull (tally);
  return tally->items->len;
}

static gint64
count_unsearched (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM unsearched", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* A page's disputes are found by a search at once, before their words
 * reach the search index (row by row) and after (by the index). */
static void
test_found_before_indexed (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(DspStore) store = open_store (f->path, NULL);
  const char *ids[] = { "krn:findme-1", "krn:findme-2", "krn:other", NULL };
  gboolean more = TRUE;

  g_assert_true (save (store, "shop-1", ids, "INITIATED", NULL));
  g_assert_cmpint (count_unsearched (f->path), ==, 3);
  g_assert_cmpuint (found_by_search (store, "findme"), ==, 2);
  g_assert_cmpuint (found_by_search (store, "krn:o"), ==, 1);
  while (more)
    {
      g_autoptr(GAsyncResult) result = NULL;

      dsp_store_index_some_async (store, test_store_result, &result);
      g_assert_true (dsp_store_index_some_finish (store, test_wait_result (&result, 10000), &more, NULL));
    }
  g_assert_cmpint (count_unsearched (f->path), ==, 0);
  g_assert_cmpuint (found_by_search (store, "findme"), ==, 2);
  g_assert_cmpuint (found_by_search (store, "krn:o"), ==, 1);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(DspStore) store = open_store (f->path, NULL);
  const char *ids[] = { "krn:a", "krn:b", NULL };
  const char *one[] = { "krn:b", NULL };
  g_autoptr(GAsyncResult) r1 = NULL, r2 = NULL, r3 = NULL;
  g_autoptr(DspStoreSnapshot) first = NULL, second = NULL, other = NULL, gone = NULL;

  g_assert_true (save (store, "shop-1", ids, "INITIATED", NULL));
  g_assert_true (save (store, "shop-1", one, "CLOSED", NULL));
  dsp_store_end_sync_async (store, "shop-1", 1800000000, 1700000001, test_store_result, &r1);
  g_assert_true (dsp_store_write_finish (store, test_wait_result (&r1, 5000), NULL));
  dsp_store_save_order_async (store, "shop-1", "o-1", "{\"order_id\":\"o-1\"}", test_store_result, &r2);
  g_assert_true (dsp_store_write_finish (store, test_wait_result (&r2, 5000), NULL));

  first = load (store, "shop-1");
  g_assert_cmpuint (first->disputes->len, ==, 2);
  g_assert_cmpuint (first->orders->len, ==, 1);
  g_assert_cmpint (first->synced_at, ==, 1800000000);
  g_assert_cmpint (first->high_water, ==, 1700000001);
  for (guint i = 0; i < first->disputes->len; i++)
    {
      DspDispute *dispute = g_ptr_array_index (first->disputes, i);
      /* the newer version replaced the older, once */
      if (g_str_equal (dsp_dispute_get_id (dispute), "krn:b"))
        g_assert_cmpstr (dsp_dispute_get_state (dispute), ==, "CLOSED");
      g_assert_cmpstr (dsp_dispute_get_source_id (dispute), ==, "shop-1");
    }
  other = load (store, "shop-2");
  g_assert_cmpuint (other->disputes->len, ==, 0);

  dsp_store_forget_async (store, "shop-1", test_store_result, &r3);
  g_assert_true (dsp_store_write_finish (store, test_wait_result (&r3, 5000), NULL));
  gone = load (store, "shop-1");
  g_assert_cmpuint (gone->disputes->len, ==, 0);
  g_assert_cmpuint (gone->orders->len, ==, 0);

  /* notifications sent are remembered per source, once each */
  {
    g_autoptr(GAsyncResult) r4 = NULL, r5 = NULL, r6 = NULL;
    g_autoptr(GHashTable) sent = NULL;

    dsp_store_record_sent_async (store, "shop-2", "krn:a", "reminder-86400", test_store_result, &r4);
    g_assert_true (dsp_store_write_finish (store, test_wait_result (&r4, 5000), NULL));
    dsp_store_record_sent_async (store, "shop-2", "krn:a", "reminder-86400", test_store_result, &r5);
    g_assert_true (dsp_store_write_finish (store, test_wait_result (&r5, 5000), NULL));
    dsp_store_load_sent_async (store, "shop-2", test_store_result, &r6);
    sent = dsp_store_load_sent_finish (store, test_wait_result (&r6, 5000), NULL);
    g_assert_cmpuint (g_hash_table_size (sent), ==, 1);
    g_assert_true (g_hash_table_contains (sent, "krn:a|reminder-86400"));
  }

  /* and it is all still there after a reopen */
  g_clear_object (&store);
  store = open_store (f->path, NULL);
  second = load (store, "shop-1");
  g_assert_cmpuint (second->disputes->len, ==, 0);
}

/* Chunks walk everything once, the most urgent first. */
static void
test_chunks (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(DspStore) store = open_store (f->path, NULL);
  const char *closed[] = { "krn:c1", "krn:c2", "krn:c3", NULL };
  const char *open_ids[] = { "krn:o1", "krn:o2", NULL };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *after = NULL;
  guint chunks = 0;

  g_assert_true (save (store, "shop-1", closed, "CLOSED", NULL));
  g_assert_true (save (store, "shop-1", open_ids, "INITIATED", NULL));
  do
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(DspStoreSnapshot) snapshot = NULL;

      dsp_store_load_async (store, "shop-1", after, 2, NULL, test_store_result, &result);
      snapshot = dsp_store_load_finish (store, test_wait_result (&result, 5000), NULL);
      for (guint i = 0; i < snapshot->disputes->len; i++)
        {
          DspDispute *dispute = g_ptr_array_index (snapshot->disputes, i);

          g_assert_true (g_hash_table_add (seen, g_strdup (dsp_dispute_get_id (dispute))));
          if (chunks == 0)
            g_assert_cmpstr (dsp_dispute_get_state (dispute), ==, "INITIATED");
        }
      g_free (after);
      after = g_steal_pointer (&snapshot->after);
      chunks++;
    }
  while (after != NULL);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 5);
  g_assert_cmpuint (chunks, ==, 3);
}

static void
test_migration (Fixture       *f,
                gconstpointer  data)
{
  sqlite3 *db = NULL;
  g_autofree char *row = dispute_json ("krn:old", "INITIATED", 1700000000);
  g_autofree char *insert = g_strdup_printf ("INSERT INTO disputes VALUES ('shop-1', 'krn:old', 1700000000, '%s')", row);
  g_autoptr(DspStore) store = NULL;
  g_autoptr(DspStoreSnapshot) snapshot = NULL;
  g_autofree char *notice = NULL;

  /* a store left by the previous version */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_true (dsp_store_schema_migrate (db, 1, NULL));
  g_assert_cmpint (sqlite3_exec (db, insert, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (dsp_store_schema_version (db), ==, 1);
  sqlite3_close (db);

  store = open_store (f->path, &notice);
  g_assert_null (notice);
  snapshot = load (store, "shop-1");
  g_assert_cmpuint (snapshot->disputes->len, ==, 1);
  /* indexed when opened: counted and found */
  {
    g_autoptr(DspQuery) query = dsp_query_new ();
    const char *sources[] = { "shop-1", NULL };
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(DspTally) tally = NULL;

    query->text = g_strdup ("KRN:OLD");
    dsp_store_tally_async (store, sources, NULL, query, -1, NULL, test_store_result, &result);
    tally = dsp_store_tally_finish (store, test_wait_result (&result, 10000), NULL);
    g_assert_cmpuint (tally->counts[DSP_QUERY_NEEDS_RESPONSE], ==, 1);
    g_assert_cmpuint (tally->items->len, ==, 1);
    g_assert_cmpstr (dsp_dispute_item_get_id (g_ptr_array_index (tally->items, 0)), ==, "krn:old");
  }
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (dsp_store_schema_version (db), ==, DSP_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sqlite3_exec (db, "SELECT * FROM orders, marks, outbox, notifications_sent", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static guint
count_aside (Fixture *f)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (dir)))
    n += strstr (name, ".unreadable-") != NULL && !g_str_has_suffix (name, "-wal") &&
         !g_str_has_suffix (name, "-shm");
  return n;
}

/* The damaged file was moved aside, said once in words (@notice), and the
 * fresh store in its place works. */
static void
assert_moved_aside (Fixture    *f,
                    DspStore   *store,
                    const char *notice)
{
  const char *ids[] = { "krn:new", NULL };
  g_autoptr(DspStoreSnapshot) snapshot = NULL;

  g_assert_nonnull (notice);
  g_test_message ("%s", notice);
  g_assert_nonnull (strstr (notice, "fetched from Klarna again"));
  g_assert_cmpuint (count_aside (f), ==, 1);
  g_assert_true (save (store, "shop-1", ids, "INITIATED", NULL));
  snapshot = load (store, "shop-1");
  g_assert_cmpuint (snapshot->disputes->len, ==, 1);
}

static void
assert_replaced (Fixture *f)
{
  g_autofree char *notice = NULL;
  g_autoptr(DspStore) store = open_store (f->path, &notice);

  assert_moved_aside (f, store, notice);
}

/* The store's whole look at its file (after the start): TRUE, and what
 * it told the owner in @notice. */
static gboolean
check (DspStore  *store,
       char     **notice)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean checked;

  dsp_store_check_async (store, NULL, test_store_result, &result);
  checked = dsp_store_check_finish (store, test_wait_result (&result, 20000), notice, &error);
  g_assert_no_error (error);
  return checked;
}

static void
fill_store (Fixture *f,
            guint    n)
{
  DspStore *store = open_store (f->path, NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (ids, g_strdup_printf ("krn:%u", i));
  g_ptr_array_add (ids, NULL);
  g_assert_true (save (store, "shop-1", (const char **) ids->pdata, "INITIATED", NULL));
  test_store_close (store);
}

static void
test_corrupt (Fixture       *f,
              gconstpointer  data)
{
  g_assert_true (g_file_set_contents (f->path, "This is not a database, it is a shopping list.\n", -1, NULL));
  assert_replaced (f);
}

/* Cut short: the store opens on a new file, as at the start. */
static void
test_truncated (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *contents = NULL;
  gsize length;

  fill_store (f, 2000);
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8192);
  g_assert_true (g_file_set_contents (f->path, contents, length / 3, NULL));
  assert_replaced (f);
}

/* Damaged in the middle (three pages of the disputes overwritten), its
 * first pages whole: it opens at once, without the look at every page that
 * would hold up the start; that look, after it, finds the damage, and the
 * file is replaced as at the start. */
static void
test_damaged_inside (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *opened_notice = NULL;
  g_autofree char *notice = NULL;
  g_autoptr(DspStore) store = NULL;

  fill_store (f, 2000);
  test_damage_inside (f->path);
  store = open_store (f->path, &opened_notice);
  g_assert_null (opened_notice);
  g_assert_cmpuint (count_aside (f), ==, 0);
  g_assert_true (check (store, &notice));
  assert_moved_aside (f, store, notice);
}

/* An intact file is looked at while the store goes on, and left as it is. */
static void
test_checked_intact (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DspStore) store = NULL;
  g_autoptr(DspStoreSnapshot) snapshot = NULL;
  g_autofree char *notice = NULL;

  fill_store (f, 2000);
  store = open_store (f->path, NULL);
  g_assert_true (check (store, &notice));
  g_assert_null (notice);
  g_assert_cmpuint (count_aside (f), ==, 0);
  snapshot = load (store, "shop-1");
  g_assert_cmpuint (snapshot->disputes->len, ==, 2000);
}

typedef struct {
  GAsyncResult *result;
  guint         order;  /* when it came, among the reads */
} Came;

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  static guint came;
  Came *read = user_data;

  read->result = g_object_ref (result);
  read->order = ++came;
}

static gboolean
came (gpointer data)
{
  return ((Came *) data)->result != NULL;
}

/* Every open dispute, read whole for the reminders, comes a share at a
 * time (500): a question asked meanwhile is answered in between, not after
 * all of them; each dispute is read once. */
static void
test_read_open_shares (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(DspStore) store = NULL;
  g_autoptr(GPtrArray) all = NULL, one = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  Came open = { NULL, 0 }, single = { NULL, 0 };

  fill_store (f, 2000);
  store = open_store (f->path, NULL);
  dsp_store_read_disputes_async (store, "shop-1", NULL, NULL, NULL, on_read, &open);
  dsp_store_read_disputes_async (store, "shop-1", NULL, "krn:1999", NULL, on_read, &single);
  test_wait_until (came, &open, 20000);
  test_wait_until (came, &single, 20000);
  g_assert_cmpuint (single.order, <, open.order);
  all = dsp_store_read_disputes_finish (store, open.result, NULL);
  one = dsp_store_read_disputes_finish (store, single.result, NULL);
  g_assert_cmpuint (one->len, ==, 1);
  g_assert_cmpuint (all->len, ==, 2000);
  for (guint i = 0; i < all->len; i++)
    g_assert_true (g_hash_table_add (ids, (gpointer) dsp_dispute_get_id (g_ptr_array_index (all, i))));
  g_clear_object (&open.result);
  g_clear_object (&single.result);
}

static void
test_foreign_version (Fixture       *f,
                      gconstpointer  data)
{
  sqlite3 *db = NULL;

  fill_store (f, 3);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_replaced (f);
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  if (geteuid () == 0)
    {
      g_test_skip ("root writes to read-only files; nothing to see as root");
      return;
    }
  fill_store (f, 3);
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  assert_replaced (f);
}

static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DspStore) store = open_store (f->path, NULL);
  const char *before[] = { "krn:kept-1", "krn:kept-2", NULL };
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GAsyncResult) limited = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DspStoreSnapshot) snapshot = NULL;

  g_assert_true (save (store, "shop-1", before, "INITIATED", NULL));
  dsp_store_limit_pages_async (store, 8, test_store_result, &limited);
  g_assert_true (g_task_propagate_boolean (G_TASK (test_wait_result (&limited, 5000)), NULL));
  for (guint i = 0; i < 3000; i++)
    g_ptr_array_add (many, g_strdup_printf ("krn:too-many-%u", i));
  g_ptr_array_add (many, NULL);

  g_assert_false (save (store, "shop-1", (const char **) many->pdata, "INITIATED", &error));
  g_assert_error (error, DSP_STORE_ERROR, DSP_STORE_ERROR_DISK_FULL);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  snapshot = load (store, "shop-1");
  g_assert_cmpuint (snapshot->disputes->len, ==, 2);
}

typedef struct {
  guint pages;
  guint stop_after;
  guint changed;
} Sync;

static void
collect_page (GPtrArray *disputes,
              guint      fetched,
              guint      total,
              gpointer   user_data)
{
  for (guint i = 0; i < disputes->len; i++)
    g_ptr_array_add (user_data, g_object_ref (g_ptr_array_index (disputes, i)));
}

static void
on_page (GPtrArray *disputes,
         guint      fetched,
         guint      total,
         gpointer   user_data)
{
  Sync *sync = user_data;

  sync->pages++;
  sync->changed += disputes->len;
  if (sync->stop_after && sync->pages == sync->stop_after)
    {
      /* Give the page's save a moment, or none: both must be fine. */
      if (sync->stop_after % 2)
        g_usleep (20000);
      _exit (0);
    }
}

static gboolean
sync_source (DspSource  *source,
             Sync       *sync,
             GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dsp_source_sync_async (source, on_page, sync, NULL, test_store_result, &result);
  return dsp_source_sync_finish (source, test_wait_result (&result, 60000), error);
}

static DspSource *
source_for (DspSimulator *sim,
            DspStore     *store)
{
  g_autoptr(DspClient) client = dsp_client_new (dsp_simulator_get_base_url (sim), NULL,
                                                DSP_SIMULATOR_DEMO_KEY, NULL);

  return dsp_source_new_for_client (client, "shop-1", store);
}

static void
test_interrupted_sync (Fixture       *f,
                       gconstpointer  data)
{
  for (guint stop = 1; stop <= 5; stop++)
    {
      g_autofree char *dir = g_strdup_printf ("%s/run-%u", f->dir, stop);
      g_autofree char *path = g_build_filename (dir, "disputes.db", NULL);
      g_autofree char *stop_text = g_strdup_printf ("%u", stop);

      if (g_test_subprocess ())
        continue;
      g_mkdir_with_parents (dir, 0700);
      g_setenv ("DSP_TEST_STORE", path, TRUE);
      g_setenv ("DSP_TEST_STOP", stop_text, TRUE);
      g_test_trap_subprocess ("/store/interrupted-sync/child", 60 * G_USEC_PER_SEC,
                              G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();

      {
        g_autoptr(DspStore) store = open_store (path, NULL);
        g_autoptr(DspStoreSnapshot) snapshot = load (store, "shop-1");
        g_autoptr(DspSimulator) sim = dsp_simulator_new (500, 11, dsp_time_parse (NOW));
        g_autoptr(DspSource) source = NULL;
        g_autoptr(DspStoreSnapshot) after = NULL;
        Sync sync = { 0 };

        /* whole pages only, and the mark not moved: the next sync starts over */
        g_test_message ("stopped after page %u: %u rows kept", stop, snapshot->disputes->len);
        g_assert_cmpuint (snapshot->disputes->len % 100, ==, 0);
        g_assert_cmpuint (snapshot->disputes->len, <=, stop * 100);
        g_assert_cmpint (snapshot->high_water, ==, 0);

        g_assert_true (dsp_simulator_listen (sim, 0, NULL));
        source = source_for (sim, store);
        g_assert_true (sync_source (source, &sync, NULL));
        after = load (store, "shop-1");
        g_assert_cmpuint (after->disputes->len, ==, 500);
      }
    }
}

static void
test_interrupted_child (void)
{
  const char *path = g_getenv ("DSP_TEST_STORE");
  g_autoptr(DspStore) store = NULL;
  g_autoptr(DspSimulator) sim = NULL;
  g_autoptr(DspSource) source = NULL;
  Sync sync = { 0 };

  if (!g_test_subprocess ())
    {
      g_test_skip ("run by /store/interrupted-sync");
      return;
    }
  store = open_store (path, NULL);
  sim = dsp_simulator_new (500, 11, dsp_time_parse (NOW));
  g_assert_true (dsp_simulator_listen (sim, 0, NULL));
  source = source_for (sim, store);
  sync.stop_after = (guint) g_ascii_strtoull (g_getenv ("DSP_TEST_STOP"), NULL, 10);
  sync_source (source, &sync, NULL);
  g_assert_not_reached ();
}

static void
test_incremental (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(DspStore) store = open_store (f->path, NULL);
  g_autoptr(DspSimulator) sim = dsp_simulator_new (300, 5, dsp_time_parse (NOW));
  g_autoptr(DspSource) source = NULL;
  g_autoptr(DspStoreSnapshot) snapshot = NULL;
  Sync first = { 0 }, quiet = { 0 }, later = { 0 };
  guint requests;
  GPtrArray *sim_disputes;

  g_assert_true (dsp_simulator_listen (sim, 0, NULL));
  source = source_for (sim, store);
  g_assert_true (sync_source (source, &first, NULL));
  g_assert_cmpuint (first.changed, ==, 300);
  g_assert_cmpuint (first.pages, ==, 3);

  /* nothing changed: one request, and nothing older than the overlap */
  requests = dsp_simulator_get_n_requests (sim);
  g_assert_true (sync_source (source, &quiet, NULL));
  g_assert_cmpuint (dsp_simulator_get_n_requests (sim) - requests, ==, 1);
  g_assert_cmpuint (quiet.changed, <, 10);

  /* five days on: decisions, closures by silence, and three new disputes */
  dsp_simulator_advance (sim, 5 * 86400);
  for (guint i = 0; i < 3; i++)
    dsp_simulator_add_dispute (sim, NULL);
  g_assert_true (sync_source (source, &later, NULL));
  g_assert_cmpuint (later.changed, >, 3);
  g_assert_cmpuint (later.changed, <, 300);

  snapshot = load (store, "shop-1");
  g_assert_cmpuint (snapshot->disputes->len, ==, 303);
  sim_disputes = dsp_simulator_get_disputes (sim);
  for (guint i = 0; i < snapshot->disputes->len; i++)
    {
      DspDispute *stored = g_ptr_array_index (snapshot->disputes, i);
      SimDispute *truth = dsp_simulator_lookup_dispute (sim, dsp_dispute_get_id (stored));

      g_assert_nonnull (truth);
      g_assert_cmpstr (dsp_dispute_get_state (stored), ==, sim_state_name (truth->state));
    }
  g_assert_cmpuint (sim_disputes->len, ==, 303);
}

/* The owner's mark, and its note, survive a restart and a newer version from Klarna. */
static void
test_marks (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(DspStore) store = open_store (f->path, NULL);
  g_autoptr(DspSimulator) sim = dsp_simulator_new (20, 3, dsp_time_parse (NOW));
  g_autoptr(DspSource) source = NULL;
  g_autoptr(DspSource) again = NULL;
  g_autoptr(GAsyncResult) loaded = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_object_unref);
  Sync sync = { 0 };
  DspDispute *target = NULL;
  g_autofree char *id = NULL;
  guint found = 0;

  g_assert_true (dsp_simulator_listen (sim, 0, NULL));
  source = source_for (sim, store);
  g_assert_true (sync_source (source, &sync, NULL));
  {
    g_autoptr(DspStoreSnapshot) snapshot = load (store, "shop-1");

    for (guint i = 0; i < snapshot->disputes->len && target == NULL; i++)
      if (dsp_dispute_get_status (g_ptr_array_index (snapshot->disputes, i)) == DSP_STATUS_NEEDS_RESPONSE)
        target = g_object_ref (g_ptr_array_index (snapshot->disputes, i));
  }
  g_assert_nonnull (target);
  id = g_strdup (dsp_dispute_get_id (target));
  g_assert_cmpint (dsp_source_set_resolved (source, id, TRUE), ==, dsp_clock_now ());
  dsp_source_set_resolved_note (source, id, "Refunded by bank transfer — 'ok' ✓");
  g_object_unref (target);

  /* a restart: a new source loads it back with the mark on */
  again = source_for (sim, store);
  dsp_source_load_async (again, collect_page, seen, NULL, test_store_result, &loaded);
  g_assert_true (dsp_source_load_finish (again, test_wait_result (&loaded, 5000), NULL, NULL));
  g_assert_cmpuint (seen->len, ==, 20);
  for (guint i = 0; i < seen->len; i++)
    {
      DspDispute *dispute = g_ptr_array_index (seen, i);

      if (g_str_equal (dsp_dispute_get_id (dispute), id))
        {
          found++;
          g_assert_cmpint (dsp_dispute_get_status (dispute), ==, DSP_STATUS_RESOLVED);
          g_assert_cmpstr (dsp_dispute_get_resolved_note (dispute), ==, "Refunded by bank transfer — 'ok' ✓");
        }
      else
        g_assert_cmpint (dsp_dispute_get_resolved_at (dispute), ==, 0);
    }
  g_assert_cmpuint (found, ==, 1);
}

static void
answer_then_linger (DspStore *store,
                    GTask    *task,
                    gpointer  data)
{
  g_task_return_boolean (task, TRUE);
  g_usleep (300 * 1000);   /* the worker, preempted: the caller is done long before */
}

static void
on_lingered (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_object_unref (source);   /* the caller's last reference */
}

static void
note_finalized (gpointer  data,
                GObject  *where_the_object_was)
{
  *(GThread **) data = g_thread_self ();
}

/* A job's task can outlive the caller's interest in the store: the store
 * still goes on the thread that made it (on its own worker it would wait
 * for itself for ever). */
static void
test_finalized_on_main (Fixture       *f,
                        gconstpointer  data)
{
  DspStore *store = open_store (f->path, NULL);
  GThread *finalized_on = NULL;

  g_object_weak_ref (G_OBJECT (store), note_finalized, &finalized_on);
  dsp_store_submit (store, answer_then_linger, NULL, NULL, test_finalized_on_main, NULL, on_lingered, NULL);
  while (finalized_on == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (finalized_on == g_thread_self ());
}

/* A sync stopped on purpose (the app quits, the owner refreshes again) is
 * not a failure: no "Offline", no back-off, the next one goes at once. */
static void
test_cancelled_sync (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DspStore) store = open_store (f->path, NULL);
  g_autoptr(DspSimulator) sim = dsp_simulator_new (20, 3, dsp_time_parse (NOW));
  g_autoptr(DspSource) source = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Sync sync = { 0 };

  g_assert_true (dsp_simulator_listen (sim, 0, NULL));
  source = source_for (sim, store);
  dsp_source_sync_async (source, NULL, NULL, cancellable, test_store_result, &result);
  g_cancellable_cancel (cancellable);
  g_assert_false (dsp_source_sync_finish (source, test_wait_result (&result, 5000), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (dsp_source_is_offline (source));
  g_assert_true (dsp_source_is_due (source, dsp_clock_now ()));
  g_assert_true (sync_source (source, &sync, NULL));
  g_assert_cmpuint (sync.changed, ==, 20);
}

static void
execute_sql (const char *path,
             const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* Rows an older version kept in a form that no longer reads (an unpaired
 * surrogate, a number no double holds) are reported and fetched again at
 * the next sync, a full one — never silently dropped. */
static void
test_unreadable_rows (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DspStore) store = open_store (f->path, NULL);
  g_autoptr(DspSimulator) sim = dsp_simulator_new (30, 3, dsp_time_parse (NOW));
  g_autoptr(DspSource) source = NULL;
  g_autoptr(DspSource) again = NULL;
  g_autoptr(GAsyncResult) loaded = NULL, saved = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(DspStoreSnapshot) snapshot = NULL;
  g_autofree char *notice = NULL;
  Sync first = { 0 }, full = { 0 };

  g_assert_true (dsp_simulator_listen (sim, 0, NULL));
  source = source_for (sim, store);
  g_assert_true (sync_source (source, &first, NULL));
  g_assert_cmpuint (first.changed, ==, 30);
  dsp_store_save_order_async (store, "shop-1", "o-9", "{\"order_id\":\"o-9\",\"order_amount\":1e999}",
                              test_store_result, &saved);
  g_assert_true (dsp_store_write_finish (store, test_wait_result (&saved, 5000), NULL));
  execute_sql (f->path, "UPDATE disputes SET json = '{\"payment_dispute_id\":\"' || id || '\",\"state\":\"\\uDC00x\"}' "
                        "WHERE rowid IN (SELECT rowid FROM disputes ORDER BY id LIMIT 2)");

  /* a restart: what reads is shown, what does not is said */
  again = source_for (sim, store);
  dsp_source_load_async (again, collect_page, seen, NULL, test_store_result, &loaded);
  g_assert_true (dsp_source_load_finish (again, test_wait_result (&loaded, 5000), &notice, NULL));
  g_assert_cmpuint (seen->len, ==, 28);
  g_assert_cmpstr (notice, ==, "3 disputes or orders of Demo saved on this computer could not be read. "
                               "They are fetched from Klarna again.");
  g_assert_cmpint (dsp_source_get_synced_at (again), ==, 0);

  /* the next sync is a full one, and the store holds every dispute again */
  g_assert_true (sync_source (again, &full, NULL));
  g_assert_cmpuint (full.changed, ==, 30);
  snapshot = load (store, "shop-1");
  g_assert_cmpuint (snapshot->disputes->len, ==, 30);
  g_assert_cmpuint (snapshot->unreadable, ==, 0);
  g_assert_cmpint (snapshot->synced_at, >, 0);
}

/* Offline: 1 minute, then 2, then 4… (±20 %), never a storm. */
static void
test_backoff (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(DspClient) dead = dsp_client_new ("http://127.0.0.1:9", NULL, "k", NULL);
  g_autoptr(DspSource) source = dsp_source_new_for_client (dead, "shop-1", NULL);
  gint64 t = dsp_time_parse (NOW);
  g_autoptr(GError) error = NULL;
  Sync sync = { 0 };

  dsp_clock_set_fixed (t);
  g_assert_false (sync_source (source, &sync, &error));
  g_assert_error (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_NETWORK);
  g_assert_true (dsp_source_is_offline (source));
  g_assert_false (dsp_source_is_due (source, t + 47));
  g_assert_true (dsp_source_is_due (source, t + 73));

  g_clear_error (&error);
  g_assert_false (sync_source (source, &sync, &error));
  g_assert_false (dsp_source_is_due (source, t + 95));
  g_assert_true (dsp_source_is_due (source, t + 145));
  test_clock_reset ();
}

int
main (int   argc,
      char *argv[])
{
  test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/round-trip", test_round_trip);
  ADD ("/store/found-before-indexed", test_found_before_indexed);
  ADD ("/store/chunks", test_chunks);
  ADD ("/store/migration", test_migration);
  ADD ("/store/corrupt", test_corrupt);
  ADD ("/store/truncated", test_truncated);
  ADD ("/store/damaged-inside", test_damaged_inside);
  ADD ("/store/checked-intact", test_checked_intact);
  ADD ("/store/read-open-shares", test_read_open_shares);
  ADD ("/store/foreign-version", test_foreign_version);
  ADD ("/store/read-only", test_read_only);
  ADD ("/store/disk-full", test_disk_full);
  ADD ("/store/interrupted-sync", test_interrupted_sync);
  ADD ("/store/incremental", test_incremental);
  ADD ("/store/backoff", test_backoff);
  ADD ("/store/cancelled-sync", test_cancelled_sync);
  ADD ("/store/finalized-on-main", test_finalized_on_main);
  ADD ("/store/marks", test_marks);
  ADD ("/store/unreadable-rows", test_unreadable_rows);
#undef ADD
  g_test_add_func ("/store/interrupted-sync/child", test_interrupted_child);

  return g_test_run ();
}
