/* dsp-clock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-clock"

#include "dsp-clock.h"

static gint64 fixed_now;      /* Unix seconds, or 0 */
static gint64 running_since;  /* monotonic µs when a running clock was set, or 0 */

/* Unix seconds. Every reading of the time asks here, so tests can pin it. */
gint64
dsp_clock_now (void)
{
  return dsp_clock_now_ms () / 1000;
}

gint64
dsp_clock_now_ms (void)
{
  if (fixed_now != 0 && running_since != 0)
    return fixed_now * 1000 + (g_get_monotonic_time () - running_since) / 1000;
  if (fixed_now != 0)
    return fixed_now * 1000;
  return g_get_real_time () / 1000;
}

/* The pinned time, or 0 on the real clock: an in-process simulator (the
 * demo) starts from it, so pinning the app's clock pins Klarna's too. */
gint64
dsp_clock_get_fixed (void)
{
  return fixed_now != 0 ? dsp_clock_now () : 0;
}

/* The clock stands still at @unix_seconds; 0 returns to the real clock. */
void
dsp_clock_set_fixed (gint64 unix_seconds)
{
  fixed_now = unix_seconds;
  running_since = 0;
}

/* The clock reads @unix_seconds now and runs on from there at the real pace,
 * so timers still see time pass (a retry in 2 s comes in 2 s). */
void
dsp_clock_start_at (gint64 unix_seconds)
{
  fixed_now = unix_seconds;
  running_since = unix_seconds != 0 ? g_get_monotonic_time () : 0;
}
