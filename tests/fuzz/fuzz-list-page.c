/* fuzz-list-page.c — one page of GET /v4/payment/disputes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dsp-json-split.h"
#include "dsp-json.h"
#include "fuzz-util.h"

static void
read_pagination (JsonObject *pagination)
{
  gint64 total = 0;
  const char *last = dsp_json_string (pagination, "last_item");
  JsonObject *links = dsp_json_object (pagination, "_links");

  dsp_json_int (pagination, "total", &total);
  dsp_json_int (pagination, "count", &total);
  fuzz_check_text (last);
  (void) dsp_json_object (links, "next");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *disputes;

  fuzz_init ();
  root = fuzz_parse_stored (data, size);
  object = root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  disputes = dsp_json_array (object, "disputes");
  if (disputes == NULL)
    return 0;
  read_pagination (dsp_json_object (object, "pagination"));
  /* each dispute's text, cut out of the page, reads as the dispute itself */
  {
    g_autoptr(GPtrArray) texts = dsp_json_split_array ((const char *) data, size, "disputes");

    fuzz_check (texts == NULL || texts->len == json_array_get_length (disputes), "one text per element");
    for (guint i = 0; texts && i < texts->len; i++)
      {
        const char *text = g_ptr_array_index (texts, i);
        g_autoptr(JsonNode) again = dsp_json_parse (text, strlen (text), NULL);

        fuzz_check (again && json_node_equal (again, json_array_get_element (disputes, i)),
                    "an element's text reads as the element");
      }
  }
  for (guint i = 0; i < json_array_get_length (disputes); i++)
    {
      JsonNode *node = json_array_get_element (disputes, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        fuzz_dispute (json_node_get_object (node));
    }
  return 0;
}
