/* store-fixture.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dsp-source.h"
#include "dsp-time.h"
#include "store-fixture.h"
#include "test-util.h"

const char *stores[] = { "shop-1", "shop-2", NULL };

void
sync_one (Fixture *f,
          guint    i)
{
  g_autoptr(DspClient) client = dsp_client_new (dsp_simulator_get_base_url (f->sims[i]), NULL,
                                                DSP_SIMULATOR_DEMO_KEY, NULL);
  g_autoptr(DspSource) source = dsp_source_new_for_client (client, stores[i], f->store);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  dsp_source_sync_async (source, NULL, NULL, NULL, test_store_result, &result);
  g_assert_true (dsp_source_sync_finish (source, test_wait_result (&result, 30000), &error));
  g_assert_no_error (error);
}

/* The truth: every stored dispute, read back whole, the owner's marks on. */
static GPtrArray *
read_back (Fixture    *f,
           const char *source)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DspStoreSnapshot) snapshot = NULL;
  GPtrArray *disputes;

  dsp_store_load_async (f->store, source, NULL, -1, NULL, test_store_result, &result);
  snapshot = dsp_store_load_finish (f->store, test_wait_result (&result, 10000), NULL);
  g_assert_nonnull (snapshot);
  disputes = g_ptr_array_ref (snapshot->disputes);
  for (guint i = 0; i < disputes->len; i++)
    {
      DspDispute *dispute = g_ptr_array_index (disputes, i);
      DspMark *mark = g_hash_table_lookup (snapshot->marks, dsp_dispute_get_id (dispute));

      dsp_dispute_set_source (dispute, source, NULL);
      dsp_dispute_set_resolved_at (dispute, mark ? mark->resolved_at : 0);
    }
  return disputes;
}

void
reread (Fixture *f)
{
  for (guint i = 0; i < 2; i++)
    {
      g_clear_pointer (&f->disputes[i], g_ptr_array_unref);
      f->disputes[i] = read_back (f, stores[i]);
    }
}

void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  f->dir = g_dir_make_tmp ("disputes-query-XXXXXX", NULL);
  path = g_build_filename (f->dir, "disputes.db", NULL);
  f->store = dsp_store_new (path);
  dsp_store_open_async (f->store, NULL, test_store_result, &result);
  g_assert_true (dsp_store_open_finish (f->store, test_wait_result (&result, 10000), NULL, NULL));
  /* the same seed in both: the same ids in two stores */
  for (guint i = 0; i < 2; i++)
    {
      f->sims[i] = dsp_simulator_new (N_DISPUTES, 5, dsp_time_parse (TEST_NOW));
      g_assert_true (dsp_simulator_listen (f->sims[i], 0, NULL));
      sync_one (f, i);
    }
  reread (f);
}

void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", f->dir);

  for (guint i = 0; i < 2; i++)
    {
      g_clear_pointer (&f->disputes[i], g_ptr_array_unref);
      g_clear_object (&f->sims[i]);
    }
  test_store_close (g_steal_pointer (&f->store));
  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
  g_free (f->dir);
}

DspTally *
tally_rows (Fixture        *f,
            const DspQuery *query,
            gint64          rows)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DspTally *answer;

  dsp_store_tally_async (f->store, stores, NULL, query, rows, NULL, test_store_result, &result);
  answer = dsp_store_tally_finish (f->store, test_wait_result (&result, 10000), &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer->items);
  return answer;
}

