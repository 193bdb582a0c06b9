/* dsp-clock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dsp-clock.h"

static gint64 fixed_now;

/* Unix seconds. Deadline arithmetic asks here so tests can pin the time. */
gint64
dsp_clock_now (void)
{
  if (fixed_now != 0)
    return fixed_now;
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* 0 returns to the real clock. */
void
dsp_clock_set_fixed (gint64 unix_seconds)
{
  fixed_now = unix_seconds;
}
