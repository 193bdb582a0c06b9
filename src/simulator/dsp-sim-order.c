/* dsp-sim-order.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-simulator"

#include "config.h"

#include "dsp-sim-order.h"
#include "dsp-sim-json.h"
#include "klarna/dsp-time.h"

static void
line_free (gpointer data)
{
  SimOrderLine *line = data;

  g_free (line->name);
  g_free (line->reference);
  g_free (line);
}

static void
refund_free (gpointer data)
{
  SimRefund *refund = data;

  g_free (refund->id);
  g_free (refund->idempotency_key);
  g_free (refund->description);
  g_free (refund);
}

SimOrder *
sim_order_new (void)
{
  SimOrder *order = g_new0 (SimOrder, 1);

  order->lines = g_ptr_array_new_with_free_func (line_free);
  order->refunds = g_ptr_array_new_with_free_func (refund_free);
  return order;
}

void
sim_order_free (SimOrder *order)
{
  g_free (order->id);
  g_free (order->purchase_reference);
  g_free (order->given_name);
  g_free (order->family_name);
  g_free (order->email);
  g_free (order->phone);
  g_free (order->street);
  g_free (order->postal_code);
  g_free (order->city);
  g_ptr_array_unref (order->lines);
  g_ptr_array_unref (order->refunds);
  g_free (order);
}

void
sim_order_add_line (SimOrder   *order,
                    const char *name,
                    const char *reference,
                    gint64      quantity,
                    gint64      unit_price)
{
  SimOrderLine *line = g_new0 (SimOrderLine, 1);

  line->name = g_strdup (name);
  line->reference = g_strdup (reference);
  line->quantity = quantity;
  line->unit_price = unit_price;
  g_ptr_array_add (order->lines, line);
  order->order_amount += quantity * unit_price;
}

SimRefund *
sim_order_find_refund (SimOrder   *order,
                       const char *idempotency_key)
{
  for (guint i = 0; idempotency_key && i < order->refunds->len; i++)
    {
      SimRefund *refund = g_ptr_array_index (order->refunds, i);

      if (g_strcmp0 (refund->idempotency_key, idempotency_key) == 0)
        return refund;
    }
  return NULL;
}

SimRefund *
sim_order_add_refund (SimOrder   *order,
                      gint64      amount,
                      const char *description,
                      const char *idempotency_key,
                      gint64      now)
{
  SimRefund *refund = g_new0 (SimRefund, 1);

  refund->id = g_uuid_string_random ();
  refund->idempotency_key = g_strdup (idempotency_key);
  refund->description = g_strdup (description);
  refund->amount = amount;
  refund->created_at = now;
  g_ptr_array_add (order->refunds, refund);
  order->refunded_amount += amount;
  return refund;
}

static void
add_address (JsonBuilder *builder,
             const char  *member,
             SimOrder    *order)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  sim_json_add_string (builder, "given_name", order->given_name);
  sim_json_add_string (builder, "family_name", order->family_name);
  sim_json_add_string (builder, "email", order->email);
  sim_json_add_string (builder, "phone", order->phone);
  sim_json_add_string (builder, "street_address", order->street);
  sim_json_add_string (builder, "postal_code", order->postal_code);
  sim_json_add_string (builder, "city", order->city);
  sim_json_add_string (builder, "country", order->country);
  json_builder_end_object (builder);
}

static void
add_lines (JsonBuilder *builder,
           SimOrder    *order)
{
  json_builder_set_member_name (builder, "order_lines");
  json_builder_begin_array (builder);
  for (guint i = 0; i < order->lines->len; i++)
    {
      SimOrderLine *line = g_ptr_array_index (order->lines, i);

      json_builder_begin_object (builder);
      sim_json_add_string (builder, "type", "physical");
      sim_json_add_string (builder, "reference", line->reference);
      sim_json_add_string (builder, "name", line->name);
      sim_json_add_int (builder, "quantity", line->quantity);
      sim_json_add_int (builder, "unit_price", line->unit_price);
      sim_json_add_int (builder, "total_amount", line->quantity * line->unit_price);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_refunds (JsonBuilder *builder,
             SimOrder    *order)
{
  json_builder_set_member_name (builder, "refunds");
  json_builder_begin_array (builder);
  for (guint i = 0; i < order->refunds->len; i++)
    {
      SimRefund *refund = g_ptr_array_index (order->refunds, i);
      g_autofree char *when = dsp_time_format_rfc3339 (refund->created_at);

      json_builder_begin_object (builder);
      sim_json_add_string (builder, "refund_id", refund->id);
      sim_json_add_int (builder, "refunded_amount", refund->amount);
      sim_json_add_string (builder, "refunded_at", when);
      if (refund->description)
        sim_json_add_string (builder, "description", refund->description);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

JsonNode *
sim_order_to_json (SimOrder *order)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autofree char *created = dsp_time_format_rfc3339 (order->created_at);

  json_builder_begin_object (builder);
  sim_json_add_string (builder, "order_id", order->id);
  sim_json_add_string (builder, "status", order->refunded_amount >= order->captured_amount && order->refunded_amount > 0
                                 ? "REFUNDED" : "CAPTURED");
  sim_json_add_int (builder, "order_amount", order->order_amount);
  sim_json_add_int (builder, "original_order_amount", order->order_amount);
  sim_json_add_int (builder, "captured_amount", order->captured_amount);
  sim_json_add_int (builder, "refunded_amount", order->refunded_amount);
  sim_json_add_int (builder, "remaining_authorized_amount", 0);
  sim_json_add_string (builder, "purchase_currency", order->currency);
  sim_json_add_string (builder, "locale", "en-GB");
  sim_json_add_string (builder, "merchant_reference1", order->purchase_reference);
  sim_json_add_string (builder, "klarna_reference", order->purchase_reference);
  sim_json_add_string (builder, "purchase_country", order->country);
  sim_json_add_string (builder, "created_at", created);
  add_lines (builder, order);
  add_address (builder, "billing_address", order);
  add_address (builder, "shipping_address", order);
  json_builder_set_member_name (builder, "captures");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  sim_json_add_string (builder, "capture_id", order->id);
  sim_json_add_int (builder, "captured_amount", order->captured_amount);
  sim_json_add_string (builder, "captured_at", created);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  add_refunds (builder, order);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
