/* dsp-order.h — a Klarna Order Management order: who the customer is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct {
  char   *name;
  char   *reference;
  gint64  quantity;
  gint64  total_amount;
} DspOrderLine;

#define DSP_TYPE_ORDER (dsp_order_get_type ())
G_DECLARE_FINAL_TYPE (DspOrder, dsp_order, DSP, ORDER, GObject)

DspOrder   *dsp_order_new_from_json          (JsonObject *object,
                                              GError    **error);

const char *dsp_order_get_id                 (DspOrder *self);
const char *dsp_order_get_status             (DspOrder *self);
const char *dsp_order_get_currency           (DspOrder *self);
const char *dsp_order_get_merchant_reference1 (DspOrder *self);
const char *dsp_order_get_klarna_reference   (DspOrder *self);
gint64      dsp_order_get_order_amount       (DspOrder *self);
gint64      dsp_order_get_captured_amount    (DspOrder *self);
gint64      dsp_order_get_refunded_amount    (DspOrder *self);
gint64      dsp_order_get_created_at         (DspOrder *self);
GPtrArray  *dsp_order_get_lines              (DspOrder *self);
char       *dsp_order_dup_customer_name      (DspOrder *self);
const char *dsp_order_get_email              (DspOrder *self);
const char *dsp_order_get_phone              (DspOrder *self);
char       *dsp_order_dup_address            (DspOrder *self);
const char *dsp_order_get_json               (DspOrder *self);

G_END_DECLS
