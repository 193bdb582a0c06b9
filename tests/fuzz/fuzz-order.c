/* fuzz-order.c — one Order Management order, as fetched and as stored
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dsp-json.h"
#include "dsp-money.h"
#include "dsp-order.h"
#include "fuzz-util.h"

static void
check_order (DspOrder *order)
{
  g_autofree char *name = dsp_order_dup_customer_name (order);
  g_autofree char *address = dsp_order_dup_address (order);
  g_autofree char *amount = dsp_money_format (dsp_order_get_order_amount (order), dsp_order_get_currency (order));
  GPtrArray *lines = dsp_order_get_lines (order);

  fuzz_check_text (name);
  fuzz_check_text (address);
  fuzz_check_text (amount);
  for (guint i = 0; lines && i < lines->len; i++)
    {
      DspOrderLine *line = g_ptr_array_index (lines, i);
      g_autofree char *total = dsp_money_format (line->total_amount, dsp_order_get_currency (order));

      fuzz_check_text (total);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) stored = NULL;
  g_autoptr(DspOrder) order = NULL;
  g_autoptr(DspOrder) again = NULL;
  const char *json;

  fuzz_init ();
  root = fuzz_parse_stored (data, size);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return 0;
  order = dsp_order_new_from_json (json_node_get_object (root), NULL);
  if (order == NULL)
    return 0;
  check_order (order);

  /* What the store keeps of it is read at the next start. */
  json = dsp_order_get_json (order);
  stored = dsp_json_parse (json, strlen (json), NULL);
  fuzz_check (stored != NULL && JSON_NODE_HOLDS_OBJECT (stored), "a stored order reads back");
  again = dsp_order_new_from_json (json_node_get_object (stored), NULL);
  fuzz_check (again != NULL, "a stored order is an order");
  fuzz_check (g_strcmp0 (dsp_order_get_id (order), dsp_order_get_id (again)) == 0, "a stored order keeps its id");
  fuzz_check (dsp_order_get_refunded_amount (order) == dsp_order_get_refunded_amount (again),
              "a stored order keeps its refunded amount");
  return 0;
}
