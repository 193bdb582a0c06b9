/* dsp-sim-dispute.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-simulator"

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

static void
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
      break;
    case SIM_PLAN_ACCEPT:
      sim_dispute_accept_loss (dispute, at);
      break;
    case SIM_PLAN_REFUND:
      close_at (dispute, at, FALSE, "partner_has_refunded_payment_to_customer");
      break;
    case SIM_PLAN_CUSTOMER_CANCEL:
      close_at (dispute, at, TRUE, "customer_cancelled_dispute");
      break;
    case SIM_PLAN_SETTLED:
      close_at (dispute, at, TRUE, "partner_solved_the_dispute_with_the_customer");
      break;
    case SIM_PLAN_NONE:
    default:
      g_assert_not_reached ();
    }
}

/* What Klarna's clock does next to a dispute. */
typedef enum {
  STEP_NONE,
  STEP_PLAN,
  STEP_EVIDENCE_REVIEWED,
  STEP_REQUEST_EXPIRED,
  STEP_APPEALED,
  STEP_ACCEPTED,
  STEP_APPEAL_WINDOW_CLOSED,
  STEP_ARBITRATED,
} Step;

/* Keeps the earliest; on a tie, the one considered first. */
static void
consider (Step   *best,
          gint64 *best_at,
          Step    step,
          gint64  at)
{
  if (*best == STEP_NONE || at < *best_at)
    {
      *best = step;
      *best_at = at;
    }
}

static Step
next_step (SimDispute *dispute,
           gint64     *at)
{
  gint64 expiry = dispute->expires_at + SIM_GRACE;
  gint64 appeal_at = dispute->decided_at + dispute->appeal_delay;
  gint64 accept_at = dispute->decided_at + dispute->accept_delay;
  Step step = STEP_NONE;

  switch (dispute->state)
    {
    case SIM_INITIATED:
      if (dispute->plan != SIM_PLAN_NONE && dispute->plan_at < expiry)
        consider (&step, at, STEP_PLAN, dispute->plan_at);
      if (dispute->rep_state == SIM_REP_EVIDENCE_RECEIVED)
        consider (&step, at, STEP_EVIDENCE_REVIEWED, dispute->evidence_at + SIM_REVIEW_TIME);
      if (dispute->rep_state == SIM_REP_EVIDENCE_REQUESTED)
        consider (&step, at, STEP_REQUEST_EXPIRED, expiry);
      break;
    case SIM_REPRESENTMENT:
      consider (&step, at, STEP_EVIDENCE_REVIEWED, dispute->evidence_at + SIM_REVIEW_TIME);
      break;
    case SIM_PRE_ARBITRATION:
      if (dispute->appeal_delay > 0 && appeal_at < dispute->arbitration_expires_at)
        consider (&step, at, STEP_APPEALED, appeal_at);
      if (dispute->accept_delay > 0 && accept_at < dispute->arbitration_expires_at)
        consider (&step, at, STEP_ACCEPTED, accept_at);
      consider (&step, at, STEP_APPEAL_WINDOW_CLOSED, dispute->arbitration_expires_at);
      break;
    case SIM_ARBITRATION:
      consider (&step, at, STEP_ARBITRATED, dispute->appeal_at + SIM_ARBITRATION_TIME);
      break;
    case SIM_CLOSED:
    default:
      break;
    }
  return step;
}

/* Klarna's review: a won representment closes; a lost one (new flow) can be appealed. */
static void
review_evidence (SimDispute *dispute,
                 gint64      at)
{
  if (dispute->wins_on_evidence)
    close_at (dispute, at, TRUE, "partner_provided_valid_shipping_details");
  else if (dispute->state == SIM_INITIATED)
    close_at (dispute, at, FALSE, "insufficient_proof_of_delivery");
  else
    {
      dispute->decided_at = at;
      dispute->arbitration_expires_at = at + SIM_APPEAL_WINDOW;
      move_to (dispute, SIM_PRE_ARBITRATION, at);
    }
}

static void
apply_step (SimDispute *dispute,
            Step        step,
            gint64      at)
{
  switch (step)
    {
    case STEP_PLAN:
      apply_plan (dispute);
      break;
    case STEP_EVIDENCE_REVIEWED:
      review_evidence (dispute, at);
      break;
    case STEP_REQUEST_EXPIRED:
      dispute->rep_state = SIM_REP_EVIDENCE_REQUEST_EXPIRED;
      close_at (dispute, at, FALSE, "partner_did_not_reply_to_dispute_request");
      break;
    case STEP_APPEALED:
      sim_dispute_appeal (dispute, at,
                          "The customer's bank statement shows no second charge; please look again.", NULL);
      break;
    case STEP_ACCEPTED:
      sim_dispute_accept_loss (dispute, at);
      break;
    case STEP_APPEAL_WINDOW_CLOSED:
      close_at (dispute, at, FALSE, "insufficient_proof_of_delivery");
      break;
    case STEP_ARBITRATED:
      close_at (dispute, at, dispute->wins_on_appeal,
                dispute->wins_on_appeal ? "klarna_resolved_dispute_in_partner_favor"
                                        : "insufficient_proof_of_delivery");
      break;
    case STEP_NONE:
    default:
      g_assert_not_reached ();
    }
}

/* When the clock next changes @dispute, or G_MAXINT64 for never (until someone acts). */
gint64
sim_dispute_next_change (SimDispute *dispute)
{
  gint64 at = G_MAXINT64;

  if (next_step (dispute, &at) == STEP_NONE)
    return G_MAXINT64;
  return at;
}

/* Applies every transition due by @now, each at its own time, earliest first. */
gboolean
sim_dispute_advance (SimDispute *dispute,
                     gint64      now)
{
  gboolean changed = FALSE;
  gint64 at = 0;
  Step step;

  while ((step = next_step (dispute, &at)) != STEP_NONE && at <= now)
    {
      apply_step (dispute, step, at);
      changed = TRUE;
    }
  return changed;
}
