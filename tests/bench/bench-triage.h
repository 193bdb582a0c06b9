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
  double stall_max_ms;  /* the longest main-loop gap meanwhile */
} BenchTriage;

void bench_triage (DspWindow   *window,
                   BenchTriage *figures);

G_END_DECLS
