/* dsp-sim-order.h — an Order Management order inside the simulator
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
  gint64  unit_price;
} SimOrderLine;

typedef struct {
  char   *id;
  char   *idempotency_key;
  char   *description;
  gint64  amount;
  gint64  created_at;
} SimRefund;

typedef struct {
  char       *id;
  char       *purchase_reference;
  const char *currency;
  const char *country;
  gint64      created_at;
  gint64      order_amount;
  gint64      captured_amount;
  gint64      refunded_amount;
  char       *given_name;
  char       *family_name;
  char       *email;
  char       *phone;
  char       *street;
  char       *postal_code;
  char       *city;
  GPtrArray  *lines;
  GPtrArray  *refunds;
} SimOrder;

SimOrder  *sim_order_new        (void);
void       sim_order_free       (SimOrder   *order);
void       sim_order_add_line   (SimOrder   *order,
                                 const char *name,
                                 const char *reference,
                                 gint64      quantity,
                                 gint64      unit_price);
SimRefund *sim_order_find_refund (SimOrder  *order,
                                 const char *idempotency_key);
SimRefund *sim_order_add_refund (SimOrder   *order,
                                 gint64      amount,
                                 const char *description,
                                 const char *idempotency_key,
                                 gint64      now);
JsonNode  *sim_order_to_json    (SimOrder   *order);

G_END_DECLS
