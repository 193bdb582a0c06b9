/* dsp-clock.h — the app's notion of "now", replaceable by tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gint64 dsp_clock_now       (void);
gint64 dsp_clock_now_ms    (void);
gint64 dsp_clock_get_fixed (void);
void   dsp_clock_set_fixed (gint64 unix_seconds);
void   dsp_clock_start_at  (gint64 unix_seconds);

G_END_DECLS
