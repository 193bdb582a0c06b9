/* dsp-rules.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-rules"

#include "config.h"

#include "dsp-clock.h"
#include "dsp-rules.h"

static gboolean
state_is (DspDispute *dispute,
          const char *state)
{
  return g_strcmp0 (dsp_dispute_get_state (dispute), state) == 0;
}

/* Klarna asks for evidence and the time to answer has not run out. */
gboolean
dsp_rules_can_respond (DspDispute *dispute)
{
  const char *rep = dsp_dispute_get_representment_state (dispute);
  gint64 deadline = dsp_dispute_get_response_deadline (dispute);

  /* Older (FRAMEWORK_2020) disputes too: on V4 every dispute is actionable. */
  return state_is (dispute, "INITIATED") && (rep == NULL || g_strcmp0 (rep, "EVIDENCE_REQUESTED") == 0) &&
         (deadline == 0 || deadline > dsp_clock_now ());
}

/* A preliminary loss, before the appeal deadline. */
gboolean
dsp_rules_can_appeal (DspDispute *dispute)
{
  gint64 deadline = dsp_dispute_get_appeal_deadline (dispute);

  return state_is (dispute, "PRE_ARBITRATION") && (deadline == 0 || deadline > dsp_clock_now ());
}

gboolean
dsp_rules_can_accept_loss (DspDispute *dispute)
{
  return state_is (dispute, "INITIATED") || state_is (dispute, "PRE_ARBITRATION");
}

gboolean
dsp_rules_can_refund (DspDispute *dispute)
{
  const char *order = dsp_dispute_get_order_id (dispute);

  return !state_is (dispute, "CLOSED") && order != NULL && *order != '\0';
}
