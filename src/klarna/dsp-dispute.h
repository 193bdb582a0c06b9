/* dsp-dispute.h — one Klarna V4 payment dispute
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  DSP_STATUS_NEEDS_RESPONSE,
  DSP_STATUS_PRELIMINARY_LOSS,
  DSP_STATUS_IN_REVIEW,
  DSP_STATUS_APPEAL_REVIEW,
  DSP_STATUS_WON,
  DSP_STATUS_LOST,
  DSP_STATUS_CLOSED,
  DSP_STATUS_UNKNOWN,
  DSP_STATUS_RESOLVED,
} DspStatus;

/* The download link Klarna sends is not kept: the app does not download. */
typedef struct {
  char *id;
  char *description;   /* shared: often the same few texts */
  char *mime_type;     /* shared */
} DspAttachment;

/* What one side sent: the merchant's evidence or appeal, Klarna's request. */
typedef struct {
  gint64     created_at;
  char      *text;
  GPtrArray *attachments; /* DspAttachment */
} DspEvidence;

#define DSP_TYPE_DISPUTE (dsp_dispute_get_type ())
G_DECLARE_FINAL_TYPE (DspDispute, dsp_dispute, DSP, DISPUTE, GObject)

DspDispute        *dsp_dispute_new_from_json          (JsonObject  *object,
                                                       GError     **error);

const char        *dsp_dispute_get_id                 (DspDispute *self);
const char        *dsp_dispute_get_reason             (DspDispute *self);
const char        *dsp_dispute_get_state              (DspDispute *self);
const char        *dsp_dispute_get_representment_state (DspDispute *self);
const char        *dsp_dispute_get_order_id           (DspDispute *self);
const char        *dsp_dispute_get_purchase_reference (DspDispute *self);
const char        *dsp_dispute_get_display_reference  (DspDispute *self);
const char        *dsp_dispute_get_merchant_reference2 (DspDispute *self);
const char        *dsp_dispute_get_transaction_id     (DspDispute *self);
const char        *dsp_dispute_get_currency           (DspDispute *self);
const char        *dsp_dispute_get_created_by         (DspDispute *self);
const char        *dsp_dispute_get_framework          (DspDispute *self);
gint64             dsp_dispute_get_amount             (DspDispute *self);
gint64             dsp_dispute_get_created_at         (DspDispute *self);
gint64             dsp_dispute_get_updated_at         (DspDispute *self);
gint64             dsp_dispute_get_closed_at          (DspDispute *self);
gint64             dsp_dispute_get_requested_at       (DspDispute *self);
gint64             dsp_dispute_get_response_deadline  (DspDispute *self);
gint64             dsp_dispute_get_appeal_deadline    (DspDispute *self);
gint64             dsp_dispute_get_deadline           (DspDispute *self);
DspStatus          dsp_dispute_get_klarna_status      (DspDispute *self);
gint64             dsp_dispute_get_due                (DspDispute *self);
const char        *dsp_dispute_get_question           (DspDispute *self);
const DspEvidence *dsp_dispute_get_partner_evidence   (DspDispute *self);
const DspEvidence *dsp_dispute_get_appeal             (DspDispute *self);
GPtrArray         *dsp_dispute_get_customer_evidence  (DspDispute *self);
GPtrArray         *dsp_dispute_get_process_exceptions (DspDispute *self);
const char        *dsp_dispute_get_outcome            (DspDispute *self);
const char        *dsp_dispute_get_outcome_detailed   (DspDispute *self);
const char        *dsp_dispute_get_preliminary_outcome (DspDispute *self);
const char        *dsp_dispute_get_preliminary_outcome_detailed (DspDispute *self);
DspStatus          dsp_dispute_get_status             (DspDispute *self);
char              *dsp_dispute_dup_status_label       (DspDispute *self,
                                                       gboolean    with_dates);
char              *dsp_dispute_dup_reason_label       (DspDispute *self);
char              *dsp_dispute_dup_amount_label       (DspDispute *self);

gint64             dsp_dispute_get_resolved_at        (DspDispute *self);
void               dsp_dispute_set_resolved_at        (DspDispute *self,
                                                       gint64      resolved_at);
const char        *dsp_dispute_get_resolved_note      (DspDispute *self);
void               dsp_dispute_set_resolved_note      (DspDispute *self,
                                                       const char *note);
const char        *dsp_dispute_get_customer_name      (DspDispute *self);
void               dsp_dispute_set_customer_name      (DspDispute *self,
                                                       const char *name);

void               dsp_dispute_update_from            (DspDispute *self,
                                                       DspDispute *newer);
const char        *dsp_dispute_get_source_id          (DspDispute *self);
const char        *dsp_dispute_get_store_name         (DspDispute *self);
void               dsp_dispute_set_source             (DspDispute *self,
                                                       const char *source_id,
                                                       const char *store_name);
gboolean           dsp_dispute_is                     (DspDispute *self,
                                                       const char *source_id,
                                                       const char *dispute_id);
GVariant          *dsp_dispute_ref_new                (const char *source_id,
                                                       const char *dispute_id);
GVariant          *dsp_dispute_to_ref                 (DspDispute *self);

int                dsp_dispute_get_urgency_group      (DspDispute *self);
gint64             dsp_dispute_get_urgency_key        (DspDispute *self);
int                dsp_dispute_compare_urgency        (DspDispute *a,
                                                       DspDispute *b);

int                dsp_status_urgency_group           (DspStatus   status);
DspStatus          dsp_status_with_mark               (DspStatus   klarna,
                                                       gint64      resolved_at);
gint64             dsp_urgency_key                    (int         group,
                                                       gint64      deadline,
                                                       gint64      updated_at,
                                                       gint64      closed_at);
int                dsp_urgency_compare                (int         group_a,
                                                       gint64      key_a,
                                                       const char *id_a,
                                                       int         group_b,
                                                       gint64      key_b,
                                                       const char *id_b);
char              *dsp_status_dup_label               (DspStatus   status,
                                                       const char *state,
                                                       gint64      appeal_deadline,
                                                       gboolean    with_dates);

G_END_DECLS
