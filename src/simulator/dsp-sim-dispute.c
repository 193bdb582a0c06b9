/* dsp-sim-dispute.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dsp-sim-dispute.h"
#include "klarna/dsp-time.h"

static const char *state_names[] = {
  "INITIATED", "REPRESENTMENT", "PRE_ARBITRATION", "ARBITRATION", "CLOSED",
};

const char *
sim_state_name (SimState state)
{
  return state_names[state];
}

gboolean
sim_state_from_name (const char *name,
                     SimState   *state)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_strcmp0 (name, state_names[i]) == 0)
      {
        *state = (SimState) i;
        return TRUE;
      }
  return FALSE;
}

/* Klarna's response windows: 21 days, 7 for unauthorised purchases, 96 h for high risk. */
gint64
sim_response_window (const char *reason)
{
  if (g_strcmp0 (reason, "PURCHASE_UNAUTHORIZED") == 0)
    return 7 * SIM_DAY;
  if (g_strcmp0 (reason, "PURCHASE_HIGH_RISK") == 0)
    return 96 * 3600;
  return 21 * SIM_DAY;
}

SimEvidenceItem *
sim_evidence_item_new (const char *id,
                       const char *description,
                       const char *mime_type)
{
  SimEvidenceItem *item = g_new0 (SimEvidenceItem, 1);

  item->id = g_strdup (id);
  item->description = g_strdup (description);
  item->mime_type = g_strdup (mime_type);
  return item;
}

void
sim_evidence_item_free (gpointer data)
{
  SimEvidenceItem *item = data;

  g_free (item->id);
  g_free (item->description);
  g_free (item->mime_type);
  g_free (item);
}

SimDispute *
sim_dispute_new (void)
{
  SimDispute *dispute = g_new0 (SimDispute, 1);

  dispute->evidence_attachments = g_ptr_array_new_with_free_func (sim_evidence_item_free);
  dispute->appeal_attachments = g_ptr_array_new_with_free_func (sim_evidence_item_free);
  return dispute;
}

void
sim_dispute_free (SimDispute *dispute)
{
  g_free (dispute->id);
  g_free (dispute->order_id);
  g_free (dispute->purchase_reference);
  g_free (dispute->transaction_id);
  g_free (dispute->account_id);
  g_free (dispute->evidence_text);
  g_free (dispute->appeal_text);
  g_ptr_array_unref (dispute->evidence_attachments);
  g_ptr_array_unref (dispute->appeal_attachments);
  g_free (dispute);
}

static void
move_to (SimDispute *dispute,
         SimState    state,
         gint64      at)
{
  dispute->previous_state = dispute->state;
  dispute->has_previous_state = TRUE;
  dispute->state = state;
  dispute->updated_at = MAX (dispute->updated_at, at);
}

static void
close_at (SimDispute *dispute,
          gint64      at,
          gboolean    won,
          const char *detail)
{
  move_to (dispute, SIM_CLOSED, at);
  dispute->closed_at = at;
  dispute->won = won;
  dispute->outcome_detail = detail;
  dispute->plan = SIM_PLAN_NONE;
}

static void
copy_items (GPtrArray *to,
            GPtrArray *from)
{
  for (guint i = 0; from && i < from->len; i++)
    {
      SimEvidenceItem *item = g_ptr_array_index (from, i);

      g_ptr_array_add (to, sim_evidence_item_new (item->id, item->description, item->mime_type));
    }
}

void
sim_dispute_represent (SimDispute *dispute,
                       gint64      now,
                       const char *text,
                       GPtrArray  *attachments,
                       gint64      proposed_refund)
{
  dispute->evidence_at = now;
  g_free (dispute->evidence_text);
  dispute->evidence_text = g_strdup (text);
  copy_items (dispute->evidence_attachments, attachments);
  dispute->proposed_refund = proposed_refund;
  dispute->rep_state = SIM_REP_EVIDENCE_RECEIVED;
  dispute->plan = SIM_PLAN_NONE;
  /* FRAMEWORK_2020 disputes go INITIATED → CLOSED only. */
  if (dispute->framework_2020)
    dispute->updated_at = MAX (dispute->updated_at, now);
  else
    move_to (dispute, SIM_REPRESENTMENT, now);
}

void
sim_dispute_appeal (SimDispute *dispute,
                    gint64      now,
                    const char *text,
                    GPtrArray  *attachments)
{
  dispute->appeal_at = now;
  g_free (dispute->appeal_text);
  dispute->appeal_text = g_strdup (text);
  copy_items (dispute->appeal_attachments, attachments);
  dispute->appeal_delay = 0;
  dispute->accept_delay = 0;
  move_to (dispute, SIM_ARBITRATION, now);
}

gboolean
sim_dispute_accept_loss (SimDispute *dispute,
                         gint64      now)
{
  if (dispute->state != SIM_INITIATED && dispute->state != SIM_PRE_ARBITRATION)
    return FALSE;
  if (dispute->state == SIM_INITIATED)
    dispute->rep_state = SIM_REP_EVIDENCE_WAIVED;
  close_at (dispute, now, FALSE, "partner_accepted_the_loss");
  return TRUE;
}

gboolean
sim_dispute_can_add_evidence (SimDispute *dispute)
{
  return (dispute->state == SIM_INITIATED && dispute->rep_state == SIM_REP_EVIDENCE_REQUESTED) ||
         dispute->state == SIM_PRE_ARBITRATION;
}

/* A full refund through Order Management: Klarna closes the dispute a day later. */
void
sim_dispute_refunded (SimDispute *dispute,
                      gint64      now)
{
  if (dispute->state != SIM_INITIATED)
    return;
  dispute->plan = SIM_PLAN_REFUND;
  dispute->plan_at = now + SIM_DAY;
}

static gboolean
apply_plan (SimDispute *dispute)
{
  gint64 at = dispute->plan_at;

  switch (dispute->plan)
    {
    case SIM_PLAN_REPRESENT:
      {
        g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (sim_evidence_item_free);

        g_ptr_array_add (items, sim_evidence_item_new ("evidence-tracking", "Carrier's proof of delivery",
                                                       "application/pdf"));
        sim_dispute_represent (dispute, at,
                               "The parcel was delivered and signed for; the carrier's record is attached.",
                               items, 0);
      }
      return TRUE;
    case SIM_PLAN_ACCEPT:
      return sim_dispute_accept_loss (dispute, at);
    case SIM_PLAN_REFUND:
      close_at (dispute, at, FALSE, "partner_has_refunded_payment_to_customer");
      return TRUE;
    case SIM_PLAN_CUSTOMER_CANCEL:
      close_at (dispute, at, TRUE, "customer_cancelled_dispute");
      return TRUE;
    case SIM_PLAN_SETTLED:
      close_at (dispute, at, TRUE, "partner_solved_the_dispute_with_the_customer");
      return TRUE;
    case SIM_PLAN_NONE:
    default:
      return FALSE;
    }
}

static gboolean
advance_initiated (SimDispute *dispute,
                   gint64      now)
{
  gint64 expiry = dispute->expires_at + SIM_GRACE;

  if (dispute->plan != SIM_PLAN_NONE && dispute->plan_at <= now && dispute->plan_at < expiry)
    return apply_plan (dispute);
  if (dispute->rep_state == SIM_REP_EVIDENCE_RECEIVED && dispute->evidence_at + SIM_REVIEW_TIME <= now)
    {
      close_at (dispute, dispute->evidence_at + SIM_REVIEW_TIME, dispute->wins_on_evidence,
                dispute->wins_on_evidence ? "partner_provided_valid_shipping_details"
                                          : "insufficient_proof_of_delivery");
      return TRUE;
    }
  if (dispute->rep_state == SIM_REP_EVIDENCE_REQUESTED && expiry <= now)
    {
      dispute->rep_state = SIM_REP_EVIDENCE_REQUEST_EXPIRED;
      close_at (dispute, expiry, FALSE, "partner_did_not_reply_to_dispute_request");
      return TRUE;
    }
  return FALSE;
}

static gboolean
advance_representment (SimDispute *dispute,
                       gint64      now)
{
  gint64 decided = dispute->evidence_at + SIM_REVIEW_TIME;

  if (decided > now)
    return FALSE;
  if (dispute->wins_on_evidence)
    {
      close_at (dispute, decided, TRUE, "partner_provided_valid_shipping_details");
      return TRUE;
    }
  dispute->decided_at = decided;
  dispute->arbitration_expires_at = decided + SIM_APPEAL_WINDOW;
  move_to (dispute, SIM_PRE_ARBITRATION, decided);
  return TRUE;
}

static gboolean
advance_pre_arbitration (SimDispute *dispute,
                         gint64      now)
{
  gint64 appeal_at = dispute->decided_at + dispute->appeal_delay;
  gint64 accept_at = dispute->decided_at + dispute->accept_delay;

  if (dispute->appeal_delay > 0 && appeal_at <= now && appeal_at < dispute->arbitration_expires_at)
    {
      sim_dispute_appeal (dispute, appeal_at,
                          "The customer's bank statement shows no second charge; please look again.", NULL);
      return TRUE;
    }
  if (dispute->accept_delay > 0 && accept_at <= now && accept_at < dispute->arbitration_expires_at)
    return sim_dispute_accept_loss (dispute, accept_at);
  if (dispute->arbitration_expires_at <= now)
    {
      close_at (dispute, dispute->arbitration_expires_at, FALSE, "insufficient_proof_of_delivery");
      return TRUE;
    }
  return FALSE;
}

/* Applies every transition due by @now, each at its own time. */
gboolean
sim_dispute_advance (SimDispute *dispute,
                     gint64      now)
{
  gboolean changed = FALSE;
  gboolean step = TRUE;

  while (step)
    {
      switch (dispute->state)
        {
        case SIM_INITIATED:
          step = advance_initiated (dispute, now);
          break;
        case SIM_REPRESENTMENT:
          step = advance_representment (dispute, now);
          break;
        case SIM_PRE_ARBITRATION:
          step = advance_pre_arbitration (dispute, now);
          break;
        case SIM_ARBITRATION:
          step = dispute->appeal_at + SIM_ARBITRATION_TIME <= now;
          if (step)
            close_at (dispute, dispute->appeal_at + SIM_ARBITRATION_TIME, dispute->wins_on_appeal,
                      dispute->wins_on_appeal ? "klarna_resolved_dispute_in_partner_favor"
                                              : "insufficient_proof_of_delivery");
          break;
        case SIM_CLOSED:
        default:
          step = FALSE;
        }
      changed |= step;
    }
  return changed;
}
