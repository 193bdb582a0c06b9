/* bench-triage.c
 *
 * What an owner does with a large store: types a search a key at a time,
 * switches the state shown. Each change is timed from the keystroke (or the
 * choice) to the first frame painted after the store's answer is laid over
 * the list; 20 of each, the 95th percentile kept. A 1 ms tick meanwhile
 * measures the longest main-loop gap.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "bench-triage.h"
#include "dsp-query-bar.h"

#define CHANGES 20

/* Twenty keystrokes: an order number, an amount as typed, a name, an id. */
static const char *typed[CHANGES] = {
  "1", "10", "104", "1045",
  "9", "99", "99,", "99,9", "99,95",
  "m", "mü", "mül", "müll",
  "k", "kr", "krn", "krn:", "krn:p", "krn:pd", "",
};

gboolean
bench_stall_tick (gpointer data)
{
  BenchStall *stall = data;
  gint64 now = g_get_monotonic_time ();

  if (stall->last)
    stall->longest = MAX (stall->longest, now - stall->last);
  stall->last = now;
  return G_SOURCE_CONTINUE;
}

void
bench_on_painted (GdkFrameClock *clock,
                  gint64        *painted)
{
  if (*painted == 0)
    *painted = g_get_monotonic_time ();
}

static void
on_search_changed (GtkSearchEntry *entry,
                   gboolean       *changed)
{
  *changed = TRUE;
}

/* From @start to the first frame after the window has its answer. */
static double
until_painted (DspWindow *window,
               gint64     start)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gint64 painted = 0;
  gulong handler;

  while (dsp_window_is_refreshing (window))
    g_main_context_iteration (NULL, TRUE);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (bench_on_painted), &painted);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  while (painted == 0)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
  return (painted - start) / 1000.0;
}

static gpointer
bar_child (DspWindow  *window,
           const char *name)
{
  GObject *bar = gtk_widget_get_template_child (GTK_WIDGET (window), DSP_TYPE_WINDOW, "query_bar");

  return gtk_widget_get_template_child (GTK_WIDGET (bar), DSP_TYPE_QUERY_BAR, name);
}

static double
type_one (DspWindow  *window,
          const char *text)
{
  GtkEditable *entry = bar_child (window, "search_entry");
  gboolean changed = FALSE;
  gulong handler = g_signal_connect (entry, "search-changed", G_CALLBACK (on_search_changed), &changed);
  const char *was = gtk_editable_get_text (entry);
  gint64 start = g_get_monotonic_time ();
  int end = (int) g_utf8_strlen (was, -1);

  /* as a key does it: one letter added, or the search cleared */
  if (*text && g_str_has_prefix (text, was))
    gtk_editable_insert_text (entry, text + strlen (was), -1, &end);
  else
    gtk_editable_set_text (entry, text);
  while (!changed)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (entry, handler);
  return until_painted (window, start);
}

static double
choose_one (DspWindow *window,
            guint      position)
{
  gint64 start = g_get_monotonic_time ();

  gtk_drop_down_set_selected (bar_child (window, "group_dropdown"), position);
  return until_painted (window, start);
}

static int
by_value (gconstpointer a,
          gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
p95 (double *values)
{
  qsort (values, CHANGES, sizeof *values, by_value);
  return values[(CHANGES * 95 + 99) / 100 - 1];
}

void
bench_triage (DspWindow   *window,
              BenchTriage *figures)
{
  GListModel *groups = gtk_drop_down_get_model (bar_child (window, "group_dropdown"));
  guint n_groups = g_list_model_get_n_items (groups);
  double search[CHANGES], filter[CHANGES];
  BenchStall stall = { 0 };
  guint ticker = g_timeout_add_full (G_PRIORITY_HIGH, 1, bench_stall_tick, &stall, NULL);

  gtk_search_bar_set_search_mode (bar_child (window, "search_bar"), TRUE);
  for (guint i = 0; i < CHANGES; i++)
    search[i] = type_one (window, typed[i]);
  /* every state in turn, "All" (everything) among them */
  for (guint i = 0; i < CHANGES; i++)
    filter[i] = choose_one (window, (i + 1) % n_groups);
  g_source_remove (ticker);
  figures->search_p95_ms = p95 (search);
  figures->filter_p95_ms = p95 (filter);
  figures->stall_max_ms = stall.longest / 1000.0;
}
