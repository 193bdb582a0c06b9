/* dsp-time.h — lenient ISO 8601 timestamps as Unix seconds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 0 means "unknown": no dispute predates 1970. */
gint64  dsp_time_parse        (const char *text);
char   *dsp_time_format_rfc3339 (gint64 unix_seconds);
char   *dsp_time_format_local (gint64 unix_seconds);
char   *dsp_time_format_in    (gint64     unix_seconds,
                               GTimeZone *zone);

G_END_DECLS
