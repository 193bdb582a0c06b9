/* dsp-deadline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-deadline"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "dsp-deadline.h"

#define HOUR 3600
#define DAY (24 * HOUR)

static GDateTime *
in_zone (gint64     when,
         GTimeZone *zone)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);

  return utc ? g_date_time_to_timezone (utc, zone) : NULL;
}

static gboolean
same_day (gint64     a,
          gint64     b,
          GTimeZone *zone)
{
  g_autoptr(GDateTime) da = in_zone (a, zone);
  g_autoptr(GDateTime) db = in_zone (b, zone);

  return da && db && g_date_time_get_year (da) == g_date_time_get_year (db) &&
         g_date_time_get_day_of_year (da) == g_date_time_get_day_of_year (db);
}

DspUrgency
dsp_deadline_urgency (gint64 deadline,
                      gint64 now)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();

  return dsp_deadline_urgency_in (deadline, now, local);
}

/* "Due today" is a matter of the owner's calendar, hence the zone. */
DspUrgency
dsp_deadline_urgency_in (gint64     deadline,
                         gint64     now,
                         GTimeZone *zone)
{
  gint64 left = deadline - now;

  if (deadline == 0)
    return DSP_URGENCY_NONE;
  if (left <= 0)
    return DSP_URGENCY_OVERDUE;
  if (same_day (deadline, now, zone))
    return DSP_URGENCY_TODAY;
  if (left < DAY)
    return DSP_URGENCY_DAY;
  if (left < 3 * DAY)
    return DSP_URGENCY_THREE_DAYS;
  if (left < 7 * DAY)
    return DSP_URGENCY_WEEK;
  return DSP_URGENCY_LATER;
}

/* "3 days left", "5 hours left", "Overdue by 2 days": whole units, rounded down. */
char *
dsp_deadline_countdown (gint64 deadline,
                        gint64 now)
{
  gint64 left = deadline - now;
  gint64 span = left < 0 ? -left : left;
  gulong days = (gulong) (span / DAY);
  gulong hours = (gulong) (span / HOUR);
  gulong minutes = (gulong) MAX (span / 60, 1);

  if (deadline == 0)
    return NULL;

  if (left > 0)
    {
      if (days >= 2)
        return g_strdup_printf (ngettext ("%lu day left", "%lu days left", days), days);
      if (hours >= 1)
        return g_strdup_printf (ngettext ("%lu hour left", "%lu hours left", hours), hours);
      return g_strdup_printf (ngettext ("%lu minute left", "%lu minutes left", minutes), minutes);
    }
  if (days >= 1)
    return g_strdup_printf (ngettext ("Overdue by %lu day", "Overdue by %lu days", days), days);
  if (hours >= 1)
    return g_strdup_printf (ngettext ("Overdue by %lu hour", "Overdue by %lu hours", hours), hours);
  return g_strdup (_("Overdue"));
}

const char *
dsp_deadline_css_class (DspUrgency urgency)
{
  switch (urgency)
    {
    case DSP_URGENCY_OVERDUE:
    case DSP_URGENCY_TODAY:
    case DSP_URGENCY_DAY:
      return "error";
    case DSP_URGENCY_THREE_DAYS:
      return "warning";
    case DSP_URGENCY_NONE:
    case DSP_URGENCY_LATER:
    case DSP_URGENCY_WEEK:
    default:
      return "dim-label";
    }
}

static gboolean
is_closed (const GDate *day,
           const GDate *closing_days,
           guint        n_closing_days)
{
  GDateWeekday weekday = g_date_get_weekday (day);

  if (weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY)
    return TRUE;
  for (guint i = 0; i < n_closing_days; i++)
    if (g_date_compare (day, &closing_days[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
date_of (GDate     *date,
         gint64     when,
         GTimeZone *zone)
{
  g_autoptr(GDateTime) dt = in_zone (when, zone);

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (dt),
                  (GDateMonth) g_date_time_get_month (dt), (GDateYear) g_date_time_get_year (dt));
}

/* Business days the shop has left: the working days after today up to and
 * including the deadline's day (weekends and the owner's closing days do
 * not count); negative when the deadline has passed, counted the same way. */
int
dsp_deadline_business_days (gint64       deadline,
                            gint64       now,
                            GTimeZone   *zone,
                            const GDate *closing_days,
                            guint        n_closing_days)
{
  GDate today, last, day;
  int sign = deadline >= now ? 1 : -1;
  int count = 0;

  if (deadline == 0)
    return 0;
  date_of (&today, MIN (now, deadline), zone);
  date_of (&last, MAX (now, deadline), zone);
  day = today;
  /* bounded: a deadline years away is no business-day question */
  for (guint guard = 0; g_date_compare (&day, &last) < 0 && guard < 3660; guard++)
    {
      g_date_add_days (&day, 1);
      if (!is_closed (&day, closing_days, n_closing_days))
        count++;
    }
  return sign * count;
}

/* The owner's closing days from text like "2026-12-24": bad entries are skipped. */
GArray *
dsp_deadline_parse_closing_days (const char * const *texts)
{
  GArray *days = g_array_new (FALSE, TRUE, sizeof (GDate));

  for (guint i = 0; texts && texts[i]; i++)
    {
      GDate day;
      int y, m, d;

      g_date_clear (&day, 1);
      if (sscanf (texts[i], "%4d-%2d-%2d", &y, &m, &d) == 3 && g_date_valid_dmy (d, m, y))
        {
          g_date_set_dmy (&day, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
          g_array_append_val (days, day);
        }
    }
  return days;
}
