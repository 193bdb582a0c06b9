/* bench-reports.c
 *
 * A store of 100,000 disputes (filled by a process of its own, as for the
 * window), then on the store's thread: Insight's figures for 90 days, and
 * the CSV export of every dispute — each the median of RUNS, from the ask
 * to the answer back on the main loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bench-app.h"
#include "bench-reports.h"
#include "dsp-clock.h"
#include "dsp-store-export.h"
#include "dsp-store-insight.h"

#define N_DISPUTES 100000

static DspStore *
open_filled (const char *self_path,
             const char *dir)
{
  g_autofree char *count = g_strdup_printf ("%u", N_DISPUTES);
  g_autofree char *path = g_build_filename (dir, "disputes.db", NULL);
  const char *fill[] = { self_path, "fill", count, dir, NULL };
  g_autoptr(GAsyncResult) opened = NULL;
  DspStore *store;

  g_assert_true (g_spawn_sync (NULL, (char **) fill, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, NULL, NULL));
  store = dsp_store_new (path);
  dsp_store_open_async (store, NULL, store_result, &opened);
  g_assert_true (dsp_store_open_finish (store, wait_for (&opened), NULL, NULL));
  return store;
}

static double
time_insight (DspStore *store)
{
  const char *sources[] = { "bench", NULL }, *names[] = { "Bench", NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DspInsight) insight = NULL;
  gint64 start = g_get_monotonic_time ();

  dsp_store_insight_async (store, sources, names, dsp_clock_now () - 90 * 86400, NULL, store_result, &result);
  insight = dsp_store_insight_finish (store, wait_for (&result), NULL);
  g_assert_nonnull (insight);
  g_assert_cmpuint (insight->at_risk_count, >, 0);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
time_export (DspStore *store,
             gsize    *bytes)
{
  const char *sources[] = { "bench", NULL }, *names[] = { "Bench", NULL };
  g_autoptr(DspQuery) everything = dsp_query_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 start = g_get_monotonic_time ();

  dsp_store_export_async (store, sources, names, everything, NULL, store_result, &result);
  rows = dsp_store_export_finish (store, wait_for (&result), NULL);
  g_assert_nonnull (rows);
  g_assert_cmpuint (rows->len, ==, N_DISPUTES);
  *bytes = 0;
  for (guint i = 0; i < rows->len; i++)
    *bytes += strlen (((DspExportRow *) g_ptr_array_index (rows, i))->csv);
  return (g_get_monotonic_time () - start) / 1000.0;
}

void
bench_reports (const char *self_path)
{
  g_autofree char *dir = g_dir_make_tmp ("bench-reports-XXXXXX", NULL);
  DspStore *store = open_filled (self_path, dir);
  double insight[RUNS], export[RUNS];
  gsize bytes = 0;

  for (guint i = 0; i < RUNS; i++)
    {
      insight[i] = time_insight (store);
      export[i] = time_export (store, &bytes);
    }
  printf ("Insight's figures (90 days), 100000 stored: %.0f ms on the store's thread\n", median (insight, RUNS));
  printf ("CSV export of all 100000: %.0f ms on the store's thread, %.1f MB\n", median (export, RUNS),
          bytes / 1e6);
  figure ("insight_100k_ms", median (insight, RUNS));
  figure ("export_100k_ms", median (export, RUNS));
  figure ("export_100k_mb", bytes / 1e6);
  g_object_unref (store);
  remove_dir (dir);
}
