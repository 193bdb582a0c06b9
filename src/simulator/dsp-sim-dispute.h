/* dsp-sim-dispute.h — one dispute inside the Klarna simulator, with
 * Klarna's state machine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "dsp-sim-json.h"

G_BEGIN_DECLS

typedef enum {
  SIM_INITIATED,
  SIM_REPRESENTMENT,
  SIM_PRE_ARBITRATION,
  SIM_ARBITRATION,
  SIM_CLOSED,
} SimState;

typedef enum {
  SIM_REP_EVIDENCE_REQUESTED,
  SIM_REP_EVIDENCE_RECEIVED,
  SIM_REP_EVIDENCE_REQUEST_EXPIRED,
  SIM_REP_EVIDENCE_WAIVED,
} SimRepState;

/* What the merchant or the customer will do, as a playground scenario. */
typedef enum {
  SIM_PLAN_NONE,
  SIM_PLAN_REPRESENT,
  SIM_PLAN_ACCEPT,
  SIM_PLAN_REFUND,
  SIM_PLAN_CUSTOMER_CANCEL,
  SIM_PLAN_SETTLED,
} SimPlan;

#define SIM_DAY (24 * 3600)
#define SIM_GRACE (12 * 3600)
#define SIM_REVIEW_TIME (3 * SIM_DAY)
#define SIM_APPEAL_WINDOW (10 * SIM_DAY)
#define SIM_ARBITRATION_TIME (7 * SIM_DAY)

typedef struct {
  char *id;
  char *description;
  char *mime_type;
} SimEvidenceItem;

SimEvidenceItem *sim_evidence_item_new  (const char *id,
                                         const char *description,
                                         const char *mime_type);
void             sim_evidence_item_free (gpointer    item);

#define SIM_CUSTOMER_EVIDENCE_ID "customer-evidence-1"

typedef struct {
  char       *id;
  guint       position;
  char       *order_id;
  char       *purchase_reference;
  char       *transaction_id;
  char       *account_id;
  const char *reason;
  const char *currency;
  const char *created_by;
  gboolean    framework_2020;
  gint64      amount;
  gint64      created_at;
  gint64      updated_at;
  SimState    state;
  SimState    previous_state;
  gboolean    has_previous_state;
  SimRepState rep_state;
  gint64      expires_at;
  const char *question;
  gint64      evidence_at;
  char       *evidence_text;
  GPtrArray  *evidence_attachments;
  gint64      proposed_refund;
  gint64      decided_at;
  gint64      arbitration_expires_at;
  gint64      appeal_at;
  char       *appeal_text;
  GPtrArray  *appeal_attachments;
  gint64      closed_at;
  gboolean    won;
  const char *outcome_detail;
  const char *customer_evidence;
  SimPlan     plan;
  gint64      plan_at;
  gint64      appeal_delay;
  gint64      accept_delay;
  gboolean    wins_on_evidence;
  gboolean    wins_on_appeal;
} SimDispute;

gint64      sim_response_window     (const char *reason);
SimDispute *sim_dispute_new         (void);
void        sim_dispute_free        (SimDispute *dispute);
gint64      sim_dispute_next_change (SimDispute *dispute);
gboolean    sim_dispute_advance     (SimDispute *dispute,
                                     gint64      now);
const char *sim_state_name          (SimState    state);
gboolean    sim_state_from_name     (const char *name,
                                     SimState   *state);

gboolean    sim_dispute_accept_loss (SimDispute *dispute,
                                     gint64      now);
gboolean    sim_dispute_can_add_evidence (SimDispute *dispute);
void        sim_dispute_represent   (SimDispute *dispute,
                                     gint64      now,
                                     const char *text,
                                     GPtrArray  *attachment_ids,
                                     gint64      proposed_refund);
void        sim_dispute_appeal      (SimDispute *dispute,
                                     gint64      now,
                                     const char *text,
                                     GPtrArray  *attachment_ids);
void        sim_dispute_refunded    (SimDispute *dispute,
                                     gint64      now);

void        sim_dispute_write       (SimDispute *dispute,
                                     SimWriter  *writer,
                                     const char *base_url);
JsonNode   *sim_dispute_to_json     (SimDispute *dispute,
                                     const char *base_url);
JsonNode   *sim_dispute_submission_to_json (SimDispute *dispute,
                                            gboolean    appeal,
                                            const char *base_url);

G_END_DECLS
