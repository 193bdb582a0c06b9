/* dsp-notify-rules.c
 *
 * Each notification is keyed "dispute id|step" in @sent (kept in the store,
 * so a restart repeats nothing). A dispute first seen late gets only the
 * nearest reminder, not the whole ladder at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-notify-rules"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-deadline.h"
#include "dsp-notify-rules.h"
#include "dsp-time.h"

const gint64 dsp_default_ladder[4] = { 7 * 86400, 3 * 86400, 86400, 2 * 3600 };

void
dsp_notice_free (DspNotice *notice)
{
  g_clear_object (&notice->dispute);
  g_free (notice->step);
  g_free (notice);
}

char *
dsp_notify_sent_key (DspDispute *dispute,
                     const char *step)
{
  return g_strconcat (dsp_dispute_get_id (dispute), "|", step, NULL);
}

static gboolean
was_sent (GHashTable *sent,
          DspDispute *dispute,
          const char *step)
{
  g_autofree char *key = dsp_notify_sent_key (dispute, step);

  return g_hash_table_contains (sent, key);
}

static void
add (GPtrArray     *plan,
     DspNoticeKind  kind,
     DspDispute    *dispute,
     const char    *step)
{
  DspNotice *notice = g_new0 (DspNotice, 1);

  notice->kind = kind;
  notice->dispute = dispute ? g_object_ref (dispute) : NULL;
  notice->step = g_strdup (step);
  notice->count = 1;
  g_ptr_array_add (plan, notice);
}

/* Quiet hours may wrap midnight (22:00–07:00). */
gboolean
dsp_notify_is_quiet (const DspNotifyPolicy *policy,
                     gint64                 now,
                     GTimeZone             *zone)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);
  int minute;

  if (policy->quiet_start < 0 || policy->quiet_end < 0 || policy->quiet_start == policy->quiet_end)
    return FALSE;
  minute = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);
  if (policy->quiet_start < policy->quiet_end)
    return minute >= policy->quiet_start && minute < policy->quiet_end;
  return minute >= policy->quiet_start || minute < policy->quiet_end;
}

/* Resolved by the owner, or closed by Klarna: its notifications go. */
gboolean
dsp_notify_withdraws (DspDispute *dispute,
                      GHashTable *resolved)
{
  DspStatus status = dsp_dispute_get_status (dispute);

  return (resolved && g_hash_table_contains (resolved, dsp_dispute_get_id (dispute))) ||
         status == DSP_STATUS_WON || status == DSP_STATUS_LOST || status == DSP_STATUS_CLOSED;
}

static void
plan_deadline (GPtrArray             *plan,
               DspDispute            *dispute,
               GHashTable            *sent,
               const DspNotifyPolicy *policy,
               gint64                 now)
{
  gint64 deadline = dsp_dispute_get_deadline (dispute);
  g_autofree char *nearest = NULL;

  if (deadline == 0)
    return;
  if (deadline <= now)
    {
      if (!was_sent (sent, dispute, "overdue"))
        add (plan, DSP_NOTICE_OVERDUE, dispute, "overdue");
      return;
    }
  /* The smallest step already reached is the one worth saying. */
  for (guint i = 0; i < policy->n_ladder; i++)
    if (deadline - now <= policy->ladder[i])
      {
        g_free (nearest);
        nearest = g_strdup_printf ("reminder-%" G_GINT64_FORMAT, policy->ladder[i]);
      }
  if (nearest && !was_sent (sent, dispute, nearest))
    add (plan, DSP_NOTICE_REMINDER, dispute, nearest);
}

/* A decision is news only for a dispute the owner heard of while open;
 * one already closed when first seen is recorded without a word. */
static void
plan_decision (GPtrArray  *plan,
               DspDispute *dispute,
               GHashTable *sent)
{
  switch (dsp_dispute_get_status (dispute))
    {
    case DSP_STATUS_WON:
    case DSP_STATUS_LOST:
    case DSP_STATUS_CLOSED:
      if (!was_sent (sent, dispute, "decision"))
        {
          add (plan, DSP_NOTICE_DECISION, dispute, "decision");
          ((DspNotice *) g_ptr_array_index (plan, plan->len - 1))->silent = !was_sent (sent, dispute, "new");
        }
      break;
    case DSP_STATUS_PRELIMINARY_LOSS:
      if (!was_sent (sent, dispute, "preliminary"))
        add (plan, DSP_NOTICE_DECISION, dispute, "preliminary");
      break;
    case DSP_STATUS_NEEDS_RESPONSE:
    case DSP_STATUS_IN_REVIEW:
    case DSP_STATUS_APPEAL_REVIEW:
    case DSP_STATUS_UNKNOWN:
    default:
      break;
    }
}

/* Klarna asking (again) for evidence on a dispute already known: each
 * request, by its time, is news once. */
static void
plan_evidence_request (GPtrArray  *plan,
                       DspDispute *dispute,
                       GHashTable *sent)
{
  g_autofree char *step = NULL;

  if (g_strcmp0 (dsp_dispute_get_state (dispute), "INITIATED") == 0 || dsp_dispute_get_requested_at (dispute) == 0)
    return;
  step = g_strdup_printf ("evidence-%" G_GINT64_FORMAT, dsp_dispute_get_requested_at (dispute));
  if (!was_sent (sent, dispute, step))
    add (plan, DSP_NOTICE_EVIDENCE, dispute, step);
}

/* Many notices at once (a large account's first sync) make one summary;
 * each is still recorded, so none comes up again on its own. */
static void
collapse_burst (GPtrArray             *plan,
                const DspNotifyPolicy *policy)
{
  g_autoptr(GHashTable) disputes = g_hash_table_new (NULL, NULL);
  gboolean only_new = TRUE;
  guint shown = 0;

  for (guint i = 0; i < plan->len; i++)
    shown += !((DspNotice *) g_ptr_array_index (plan, i))->silent;
  if (shown <= policy->burst)
    return;
  for (guint i = 0; i < plan->len; i++)
    {
      DspNotice *notice = g_ptr_array_index (plan, i);

      if (notice->silent)
        continue;
      notice->silent = TRUE;
      only_new &= notice->kind == DSP_NOTICE_NEW;
      g_hash_table_add (disputes, notice->dispute);
    }
  add (plan, DSP_NOTICE_SUMMARY, NULL, only_new ? "summary-new" : "summary");
  ((DspNotice *) g_ptr_array_index (plan, plan->len - 1))->count = g_hash_table_size (disputes);
}

/* What to send now. Nothing during quiet hours: the same steps are still
 * due when they end, so they are delivered then. A dispute already closed
 * or decided when first seen says only its decision. */
GPtrArray *
dsp_notify_plan (GPtrArray             *disputes,
                 GHashTable            *sent,
                 GHashTable            *resolved,
                 const DspNotifyPolicy *policy,
                 gint64                 now,
                 GTimeZone             *zone)
{
  GPtrArray *plan = g_ptr_array_new_with_free_func ((GDestroyNotify) dsp_notice_free);

  if (dsp_notify_is_quiet (policy, now, zone))
    return plan;

  for (guint i = 0; i < disputes->len; i++)
    {
      DspDispute *dispute = g_ptr_array_index (disputes, i);
      gboolean resolved_here = resolved && g_hash_table_contains (resolved, dsp_dispute_get_id (dispute));
      DspStatus status = dsp_dispute_get_status (dispute);
      guint told_new = G_MAXUINT;

      if (status == DSP_STATUS_NEEDS_RESPONSE && !was_sent (sent, dispute, "new"))
        {
          told_new = plan->len;
          add (plan, DSP_NOTICE_NEW, dispute, "new");
        }
      else if (status == DSP_STATUS_NEEDS_RESPONSE)
        plan_evidence_request (plan, dispute, sent);
      if (!resolved_here)
        plan_deadline (plan, dispute, sent, policy, now);
      /* a new dispute's notice says its deadline: the step reached is
       * recorded with it, not said a second time, and makes it urgent */
      if (told_new != G_MAXUINT && plan->len > told_new + 1)
        {
          ((DspNotice *) g_ptr_array_index (plan, told_new))->urgent = TRUE;
          for (guint j = told_new + 1; j < plan->len; j++)
            ((DspNotice *) g_ptr_array_index (plan, j))->silent = TRUE;
        }
      plan_decision (plan, dispute, sent);
    }
  collapse_burst (plan, policy);
  return plan;
}

/* Plain text, as notification bodies must be: no markup. */
void
dsp_notice_text (DspNotice  *notice,
                 GTimeZone  *zone,
                 char      **title,
                 char      **body)
{
  DspDispute *d = notice->dispute;
  g_autofree char *amount = d ? dsp_dispute_dup_amount_label (d) : NULL;
  g_autofree char *reason = d ? dsp_dispute_dup_reason_label (d) : NULL;
  g_autofree char *status = d ? dsp_dispute_dup_status_label (d, TRUE) : NULL;
  g_autofree char *when = d ? dsp_time_format_in (dsp_dispute_get_deadline (d), zone) : NULL;
  const char *order = d ? dsp_dispute_get_display_reference (d) : NULL;

  switch (notice->kind)
    {
    case DSP_NOTICE_SUMMARY:
      if (g_strcmp0 (notice->step, "summary-new") == 0)
        *title = g_strdup_printf (ngettext ("%u new Klarna dispute", "%u new Klarna disputes", notice->count),
                                  notice->count);
      else
        *title = g_strdup_printf (ngettext ("%u Klarna dispute needs your attention",
                                            "%u Klarna disputes need your attention", notice->count),
                                  notice->count);
      *body = g_strdup (_("Open Disputes to see them, most urgent first."));
      break;
    case DSP_NOTICE_NEW:
      *title = g_strdup_printf (_("New Klarna dispute — %s"), amount);
      /* Translators: reason, order number */
      *body = g_strdup_printf (_("%s, order %s. Respond by %s."), reason, order, when);
      break;
    case DSP_NOTICE_REMINDER:
      *title = g_strdup_printf (_("Respond by %s — order %s"), when, order);
      *body = g_strdup_printf (_("%s, %s. Klarna decides for the customer if you do not respond in time."), amount, reason);
      break;
    case DSP_NOTICE_EVIDENCE:
      *title = g_strdup_printf (_("Klarna asks for evidence — order %s"), order);
      *body = g_strdup_printf (_("%s, %s. Respond by %s."), amount, reason, when);
      break;
    case DSP_NOTICE_OVERDUE:
      *title = g_strdup_printf (_("Response overdue — order %s"), order);
      *body = g_strdup_printf (_("The deadline for this %s dispute has passed. Respond now if Klarna still allows it."), amount);
      break;
    case DSP_NOTICE_DECISION:
    default:
      *title = g_strdup_printf (_("Klarna decided — order %s"), order);
      *body = g_strdup_printf ("%s. %s", status, amount);
      break;
    }
}
