/* dsp-time.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-time"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dsp-time.h"

static gint64
parse_strict (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, utc);

  /* 0 is "unknown", and so is anything before 1970: no dispute is that old,
   * and such a time would not survive being written back (year 25 as "25"). */
  return dt ? MAX (g_date_time_to_unix (dt), 0) : 0;
}

/* Klarna's examples carry timestamps without seconds ("2025-06-24T05:51")
 * and, rarely, a bare date. GLib wants seconds, so add them. */
static char *
complete_timestamp (const char *text)
{
  const char *t = strpbrk (text, "Tt ");
  const char *p;
  gsize digits = 0;

  if (t == NULL)
    return strlen (text) == 10 ? g_strconcat (text, "T00:00:00", NULL) : NULL;

  for (p = t + 1; *p && (g_ascii_isdigit (*p) || *p == ':'); p++)
    digits += g_ascii_isdigit (*p) ? 1 : 0;
  if (digits != 4)
    return NULL;

  return g_strdup_printf ("%.*s:00%s", (int) (p - text), text, p);
}

gint64
dsp_time_parse (const char *text)
{
  g_autofree char *completed = NULL;
  gint64 value;

  if (text == NULL || *text == '\0' || strlen (text) > 64)
    return 0;

  value = parse_strict (text);
  if (value != 0)
    return value;

  completed = complete_timestamp (text);
  return completed ? parse_strict (completed) : 0;
}

char *
dsp_time_format_rfc3339 (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);

  return dt ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
}

char *
dsp_time_format_local (gint64 unix_seconds)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();

  return dsp_time_format_in (unix_seconds, local);
}

/* The same, in @zone: tests and notifications name the zone. */
char *
dsp_time_format_in (gint64     unix_seconds,
                    GTimeZone *zone)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) dt = NULL;

  if (unix_seconds == 0)
    return g_strdup (_("Unknown"));

  utc = g_date_time_new_from_unix_utc (unix_seconds);
  dt = utc ? g_date_time_to_timezone (utc, zone) : NULL;
  /* Translators: a date and time, see g_date_time_format() */
  return dt ? g_date_time_format (dt, _("%a %-d %B %Y, %H:%M")) : g_strdup (_("Unknown"));
}
