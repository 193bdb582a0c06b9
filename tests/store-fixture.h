/* store-fixture.h — two stores synced from two simulators into one store
 * on disk (the same seed: the same ids in both), for the tests of what the
 * store answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dsp-simulator.h"
#include "dsp-store-tally.h"
#include "dsp-store.h"

#define N_DISPUTES 300

typedef struct {
  char         *dir;
  DspStore     *store;
  DspSimulator *sims[2];
  GPtrArray    *disputes[2];  /* what each store holds, marks applied */
} Fixture;

extern const char *stores[];

void      sync_one         (Fixture        *f,
                            guint           i);
void      reread           (Fixture        *f);
void      fixture_setup    (Fixture        *f,
                            gconstpointer   data);
void      fixture_teardown (Fixture        *f,
                            gconstpointer   data);
DspTally *tally_rows       (Fixture        *f,
                            const DspQuery *query,
                            gint64          rows);
