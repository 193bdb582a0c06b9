/* fuzz-dispute.c — one dispute body, as GET /v4/payment/disputes/{id} returns it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-util.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = NULL;

  fuzz_init ();
  root = fuzz_parse_stored (data, size);
  if (root && JSON_NODE_HOLDS_OBJECT (root))
    fuzz_dispute (json_node_get_object (root));
  return 0;
}
