/* bench-triage.c
 *
 * What an owner does with a large store: types a search a key at a time,
 * switches the state shown. Each change is timed from the keystroke (or the
 * choice) to the first frame painted after the store's whole answer is laid
 * over the list, and to the first frame showing the change's first rows
 * (asked alone, they are the whole answer's first rows); 20 of each, the
 * 95th percentile kept. A 1 ms tick meanwhile
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

/* When a change's first rows reached the list, and the first frame after. */
typedef struct {
  gint64 changed;
  gint64 painted;
} FirstRows;

static void
on_rows_changed (GListModel *model,
                 guint       position,
                 guint       removed,
                 guint       added,
                 FirstRows  *first)
{
  if (first->changed == 0)
    first->changed = g_get_monotonic_time ();
}

static void
on_rows_painted (GdkFrameClock *clock,
                 FirstRows     *first)
{
  if (first->changed != 0 && first->painted == 0)
    first->painted = g_get_monotonic_time ();
}

/* Watches the list from before a change: its first rows, and the frame
 * that shows them. */
static void
watch_first_rows (DspWindow *window,
                  FirstRows *first,
                  gulong     handlers[2])
{
  first->changed = first->painted = 0;
  handlers[0] = g_signal_connect (dsp_window_get_disputes (window), "items-changed", G_CALLBACK (on_rows_changed), first);
  handlers[1] = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                                  G_CALLBACK (on_rows_painted), first);
}

/* From @start to the first frame after the window has its whole answer
 * (rows, counts, money at stake); into @first_ms, to the first frame with
 * the change's first rows (the whole answer's, when it came at once). */
static double
until_painted (DspWindow *window,
               gint64     start,
               FirstRows *first,
               gulong     handlers[2],
               double    *first_ms)
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
  g_signal_handler_disconnect (dsp_window_get_disputes (window), handlers[0]);
  g_signal_handler_disconnect (clock, handlers[1]);
  *first_ms = ((first->painted != 0 ? MIN (first->painted, painted) : painted) - start) / 1000.0;
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
          const char *text,
          double     *first_ms)
{
  FirstRows first;
  gulong watching[2];
  GtkEditable *entry = bar_child (window, "search_entry");
  gboolean changed = FALSE;
  gulong handler = g_signal_connect (entry, "search-changed", G_CALLBACK (on_search_changed), &changed);
  const char *was = gtk_editable_get_text (entry);
  gint64 start = g_get_monotonic_time ();
  int end = (int) g_utf8_strlen (was, -1);

  watch_first_rows (window, &first, watching);
  /* as a key does it: one letter added, or the search cleared */
  if (*text && g_str_has_prefix (text, was))
    gtk_editable_insert_text (entry, text + strlen (was), -1, &end);
  else
    gtk_editable_set_text (entry, text);
  while (!changed)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (entry, handler);
  return until_painted (window, start, &first, watching, first_ms);
}

static double
choose_one (DspWindow *window,
            guint      position,
            double    *first_ms)
{
  FirstRows first;
  gulong watching[2];
  gint64 start;

  watch_first_rows (window, &first, watching);
  start = g_get_monotonic_time ();
  gtk_drop_down_set_selected (bar_child (window, "group_dropdown"), position);
  return until_painted (window, start, &first, watching, first_ms);
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
  double search[CHANGES], filter[CHANGES], search_first[CHANGES], filter_first[CHANGES];
  BenchStall stall = { 0 };
  guint ticker = g_timeout_add_full (G_PRIORITY_HIGH, 1, bench_stall_tick, &stall, NULL);

  gtk_search_bar_set_search_mode (bar_child (window, "search_bar"), TRUE);
  for (guint i = 0; i < CHANGES; i++)
    search[i] = type_one (window, typed[i], &search_first[i]);
  /* every state in turn, "All" (everything) among them */
  for (guint i = 0; i < CHANGES; i++)
    filter[i] = choose_one (window, (i + 1) % n_groups, &filter_first[i]);
  g_source_remove (ticker);
  figures->search_p95_ms = p95 (search);
  figures->filter_p95_ms = p95 (filter);
  figures->search_first_p95_ms = p95 (search_first);
  figures->filter_first_p95_ms = p95 (filter_first);
  figures->stall_max_ms = stall.longest / 1000.0;
}
