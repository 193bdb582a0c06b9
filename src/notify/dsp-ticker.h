/* dsp-ticker.h — one "a minute has passed" signal for every countdown on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define DSP_TYPE_TICKER (dsp_ticker_get_type ())
G_DECLARE_FINAL_TYPE (DspTicker, dsp_ticker, DSP, TICKER, GObject)

DspTicker *dsp_ticker_get_default (void);

G_END_DECLS
