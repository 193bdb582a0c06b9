/* dsp-ticker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-ticker"

#include "config.h"

#include "dsp-clock.h"
#include "dsp-ticker.h"

struct _DspTicker
{
  GObject parent_instance;

  guint   source_id;
};

G_DEFINE_FINAL_TYPE (DspTicker, dsp_ticker, G_TYPE_OBJECT)

enum {
  TICK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean on_minute (gpointer user_data);

/* Fires just after each full minute, so "5 minutes left" turns over on time. */
static void
schedule (DspTicker *self)
{
  gint64 now_ms = dsp_clock_now_ms ();
  guint wait = (guint) (60000 - now_ms % 60000) + 50;

  self->source_id = g_timeout_add_full (G_PRIORITY_LOW, wait, on_minute, self, NULL);
}

static gboolean
on_minute (gpointer user_data)
{
  DspTicker *self = user_data;

  self->source_id = 0;
  g_signal_emit (self, signals[TICK], 0);
  schedule (self);
  return G_SOURCE_REMOVE;
}

static void
dsp_ticker_class_init (DspTickerClass *klass)
{
  signals[TICK] = g_signal_new ("tick", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dsp_ticker_init (DspTicker *self)
{
  schedule (self);
}

/* Lives as long as the process: the countdowns always need it. */
DspTicker *
dsp_ticker_get_default (void)
{
  static DspTicker *ticker;

  if (ticker == NULL)
    ticker = g_object_new (DSP_TYPE_TICKER, NULL);
  return ticker;
}
