/* dsp-timeline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-timeline"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-timeline.h"

static void
event_free (gpointer data)
{
  DspTimelineEvent *event = data;

  g_free (event->text);
  g_free (event);
}

static void
add (GPtrArray  *events,
     gint64      when,
     const char *text)
{
  DspTimelineEvent *event;

  if (when == 0)
    return;
  event = g_new0 (DspTimelineEvent, 1);
  event->when = when;
  event->text = g_strdup (text);
  g_ptr_array_add (events, event);
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const DspTimelineEvent *ea = *(DspTimelineEvent * const *) a;
  const DspTimelineEvent *eb = *(DspTimelineEvent * const *) b;

  return (ea->when > eb->when) - (ea->when < eb->when);
}

static const char *
closing_text (DspDispute *dispute)
{
  switch (dsp_dispute_get_status (dispute))
    {
    case DSP_STATUS_WON:
      return _("Klarna closed the dispute in your favour");
    case DSP_STATUS_LOST:
      return _("Klarna closed the dispute in the customer's favour");
    default:
      return _("Klarna closed the dispute");
    }
}

/* Only what the dispute's own timestamps prove; nothing is guessed. */
GPtrArray *
dsp_timeline_build (DspDispute *dispute)
{
  GPtrArray *events = g_ptr_array_new_with_free_func (event_free);
  const DspEvidence *evidence = dsp_dispute_get_partner_evidence (dispute);
  const DspEvidence *appeal = dsp_dispute_get_appeal (dispute);
  gboolean by_klarna = g_strcmp0 (dsp_dispute_get_created_by (dispute), "KLARNA_AGENT") == 0;

  add (events, dsp_dispute_get_created_at (dispute),
       by_klarna ? _("Klarna opened the dispute") : _("The customer opened the dispute"));
  if (dsp_dispute_get_requested_at (dispute) != dsp_dispute_get_created_at (dispute))
    add (events, dsp_dispute_get_requested_at (dispute), _("Klarna asked for your response"));
  if (evidence)
    add (events, evidence->created_at, _("You sent evidence"));
  if (appeal)
    add (events, appeal->created_at, _("You appealed Klarna's preliminary decision"));
  add (events, dsp_dispute_get_closed_at (dispute), closing_text (dispute));

  g_ptr_array_sort (events, compare_events);
  return events;
}
