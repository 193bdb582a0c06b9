/* bench-triage.h — search and filter changes in the real window, timed to
 * the frame that shows their answer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dsp-window.h"

G_BEGIN_DECLS

typedef struct {
  double search_p95_ms;
  double filter_p95_ms;
  double search_first_p95_ms;  /* to the first frame with the change's first rows */
  double filter_first_p95_ms;
  double stall_max_ms;  /* the longest main-loop gap meanwhile */
} BenchTriage;

void bench_triage (DspWindow   *window,
                   BenchTriage *figures);

/* The longest gap between two turns of the main loop, with a 1 ms tick:
 * g_timeout_add_full (G_PRIORITY_HIGH, 1, bench_stall_tick, &stall, NULL). */
typedef struct {
  gint64 last;
  gint64 longest;
} BenchStall;

gboolean bench_stall_tick (gpointer       stall);
/* A frame clock's "after-paint": the first paint's time into *painted. */
void     bench_on_painted (GdkFrameClock *clock,
                           gint64        *painted);

G_END_DECLS
