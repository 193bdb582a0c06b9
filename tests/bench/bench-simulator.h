/* bench-simulator.h — the Klarna simulator in a process of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>
#include <glib.h>

#include "dsp-simulator.h"

G_BEGIN_DECLS

#define KEY DSP_SIMULATOR_DEMO_KEY
/* The simulator's clock and the app's: the same on any date. */
#define BENCH_NOW "2026-11-25T12:00:00Z"

/* A simulator of some disputes: its address, and what it takes to stop it. */
typedef struct {
  GPid  pid;
  FILE *out;
  char *base;
} Simulator;

void start_simulator (Simulator  *sim,
                      const char *path,
                      guint       n);
void stop_simulator  (Simulator  *sim);

G_END_DECLS
