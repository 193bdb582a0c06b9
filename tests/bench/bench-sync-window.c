/* bench-sync-window.c
 *
 * A merchant connects a large store and watches: a first sync of 10,000
 * and of 100,000 disputes with the window open on the list, the rows
 * arriving as the pages do (the sync benchmark beside it has no window).
 * Timed from the account shown (it syncs at once) to the last row in the list, with the longest
 * main-loop gap meanwhile; each in a process of its own (`bench-disputes
 * sync-window N SIMULATOR`), whose store starts empty.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>

#include "bench-app.h"
#include "bench-simulator.h"
#include "bench-sync-window.h"
#include "bench-triage.h"
#include "dsp-source.h"
#include "dsp-window.h"

static gboolean
synced (DspWindow *window,
        guint      n)
{
  return !dsp_window_is_refreshing (window) && g_list_model_get_n_items (dsp_window_get_disputes (window)) >= n;
}

/* In the child: prints "SECONDS STALL_MS". */
void
bench_sync_window (guint       n,
                   const char *simulator)
{
  g_autofree char *dir = g_dir_make_tmp ("bench-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "disputes.db", NULL);
  g_autoptr(DspStore) store = dsp_store_new (path);
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(DspClient) client = NULL;
  BenchStall stall = { 0 };
  DspWindow *window;
  Simulator sim;
  gint64 start, painted = 0;
  guint tick;

  start_simulator (&sim, simulator, n);
  client = dsp_client_new (sim.base, NULL, KEY, NULL);
  dsp_store_open_async (store, NULL, store_result, &opened);
  g_assert_true (dsp_store_open_finish (store, wait_for (&opened), NULL, NULL));
  window = dsp_window_new (NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  while (gtk_widget_get_frame_clock (GTK_WIDGET (window)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  /* the window's own first frame is not the sync's */
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint", G_CALLBACK (bench_on_painted),
                    &painted);
  while (painted == 0)
    g_main_context_iteration (NULL, TRUE);
  g_ptr_array_add (sources, dsp_source_new_for_client (client, "bench", store));

  /* the account shown syncs at once */
  tick = g_timeout_add_full (G_PRIORITY_HIGH, 1, bench_stall_tick, &stall, NULL);
  start = g_get_monotonic_time ();
  dsp_window_set_sources (window, sources, FALSE);
  while (!synced (window, n))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  printf ("%.3f %.1f\n", (g_get_monotonic_time () - start) / 1e6, stall.longest / 1000.0);
  fflush (stdout);
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_pointer (&sources, g_ptr_array_unref);
  g_clear_object (&store);
  stop_simulator (&sim);
  remove_dir (dir);
}

static gboolean
run_child (const char *self_path,
           const char *simulator,
           guint       n,
           double     *seconds,
           double     *stall_ms)
{
  g_autofree char *count = g_strdup_printf ("%u", n);
  const char *argv[] = { self_path, "sync-window", count, simulator, NULL };
  g_autofree char *out = NULL;

  return g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, NULL, NULL) &&
         out && sscanf (out, "%lf %lf", seconds, stall_ms) == 2;
}

/* Both sizes; returns the longer stall. */
double
bench_sync_windows (const char *self_path,
                    const char *simulator)
{
  static const guint sizes[] = { 10000, 100000 };
  static const char *names[] = { "10k", "100k" };
  double longest = 0;

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *time_name = g_strdup_printf ("sync_window_%s_ms", names[i]);
      g_autofree char *stall_name = g_strdup_printf ("sync_window_%s_stall_max_ms", names[i]);
      double seconds = 0, stall = 0;

      g_assert_true (run_child (self_path, simulator, sizes[i], &seconds, &stall));
      printf ("first sync of %u disputes with the window open on the list: %.2f s; longest main-loop stall %.1f ms (target < 16 ms)\n",
              sizes[i], seconds, stall);
      figure (time_name, seconds * 1000);
      figure (stall_name, stall);
      longest = MAX (longest, stall);
    }
  return longest;
}
