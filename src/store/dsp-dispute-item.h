/* dsp-dispute-item.h — one row of the list: the few things it shows and is
 * sorted by, read from the store's columns (never the whole dispute)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dsp-dispute.h"

G_BEGIN_DECLS

/* What an item is made of, from the store's columns or from a dispute. */
typedef struct {
  const char *source_id;
  const char *id;
  const char *reference;      /* the order number the shop knows */
  const char *order_id;
  const char *customer_name;  /* NULL until the order is known */
  const char *reason;
  const char *currency;
  const char *state;          /* Klarna's word, for a state not known here */
  gint64      amount;
  DspStatus   status;         /* Klarna's, without the owner's mark */
  gint64      due;            /* the deadline Klarna's state sets, 0 for none */
  gint64      created_at;
  gint64      updated_at;
  gint64      closed_at;
  gint64      resolved_at;
} DspItemData;

/* What a view sorts by (dsp_query_compare()), read in one call: a sort or
 * a binary search reads them for every comparison. */
typedef struct {
  const char *id;
  const char *source_id;
  const char *currency;
  const char *reference;
  gint64      deadline;
  gint64      amount;
  gint64      created_at;
  gint64      urgency_key;
  int         urgency_group;
} DspItemKeys;

#define DSP_TYPE_DISPUTE_ITEM (dsp_dispute_item_get_type ())
G_DECLARE_FINAL_TYPE (DspDisputeItem, dsp_dispute_item, DSP, DISPUTE_ITEM, GObject)

DspDisputeItem *dsp_dispute_item_new                (const DspItemData *data);
DspDisputeItem *dsp_dispute_item_new_from_dispute   (DspDispute        *dispute);
gboolean        dsp_dispute_item_update             (DspDisputeItem    *self,
                                                     DspDisputeItem    *from);
const char     *dsp_dispute_item_get_source_id      (DspDisputeItem    *self);
const char     *dsp_dispute_item_get_id             (DspDisputeItem    *self);
const char     *dsp_dispute_item_get_reference      (DspDisputeItem    *self);
const char     *dsp_dispute_item_get_order_id       (DspDisputeItem    *self);
const char     *dsp_dispute_item_get_customer_name  (DspDisputeItem    *self);
void            dsp_dispute_item_set_customer_name  (DspDisputeItem    *self,
                                                     const char        *name);
const char     *dsp_dispute_item_get_store_name     (DspDisputeItem    *self);
void            dsp_dispute_item_set_store_name     (DspDisputeItem    *self,
                                                     const char        *name);
const char     *dsp_dispute_item_get_reason         (DspDisputeItem    *self);
const char     *dsp_dispute_item_get_currency       (DspDisputeItem    *self);
gint64          dsp_dispute_item_get_amount         (DspDisputeItem    *self);
DspStatus       dsp_dispute_item_get_status         (DspDisputeItem    *self);
gint64          dsp_dispute_item_get_deadline       (DspDisputeItem    *self);
gint64          dsp_dispute_item_get_created_at     (DspDisputeItem    *self);
gint64          dsp_dispute_item_get_resolved_at    (DspDisputeItem    *self);
void            dsp_dispute_item_set_resolved_at    (DspDisputeItem    *self,
                                                     gint64             resolved_at);
gboolean        dsp_dispute_item_get_drafted     (DspDisputeItem    *self);
void            dsp_dispute_item_set_drafted     (DspDisputeItem    *self,
                                                  gboolean           drafted);
int             dsp_dispute_item_get_urgency_group  (DspDisputeItem    *self);
gint64          dsp_dispute_item_get_urgency_key    (DspDisputeItem    *self);
void            dsp_dispute_item_get_keys           (DspDisputeItem    *self,
                                                     DspItemKeys       *keys);
char           *dsp_dispute_item_dup_status_label   (DspDisputeItem    *self);
char           *dsp_dispute_item_dup_amount_label   (DspDisputeItem    *self);
char           *dsp_dispute_item_dup_reason_label   (DspDisputeItem    *self);
gboolean        dsp_dispute_item_is                 (DspDisputeItem    *self,
                                                     const char        *source_id,
                                                     const char        *dispute_id);
GVariant       *dsp_dispute_item_to_ref             (DspDisputeItem    *self);

G_END_DECLS
