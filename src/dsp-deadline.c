/* dsp-deadline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dsp-deadline.h"

#define HOUR 3600
#define DAY (24 * HOUR)

static gboolean
same_local_day (gint64 a,
                gint64 b)
{
  g_autoptr(GDateTime) da = g_date_time_new_from_unix_local (a);
  g_autoptr(GDateTime) db = g_date_time_new_from_unix_local (b);

  return da && db && g_date_time_get_year (da) == g_date_time_get_year (db) &&
         g_date_time_get_day_of_year (da) == g_date_time_get_day_of_year (db);
}

DspUrgency
dsp_deadline_urgency (gint64 deadline,
                      gint64 now)
{
  gint64 left = deadline - now;

  if (deadline == 0)
    return DSP_URGENCY_NONE;
  if (left <= 0)
    return DSP_URGENCY_OVERDUE;
  if (same_local_day (deadline, now))
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
