/* fuzz-time.c — a timestamp as Klarna may write it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dsp-time.h"
#include "fuzz-util.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (5 * 3600 + 1800);
  g_autofree char *shown = NULL;
  g_autofree char *written = NULL;
  gint64 when;

  fuzz_init ();
  when = dsp_time_parse (text);
  shown = dsp_time_format_in (when, zone);
  fuzz_check_text (shown);
  if (when == 0)
    return 0;
  /* What the client sends back (updated_at_start) names the same second. */
  written = dsp_time_format_rfc3339 (when);
  fuzz_check (dsp_time_parse (written) == when, "a timestamp written reads back the same");
  return 0;
}
