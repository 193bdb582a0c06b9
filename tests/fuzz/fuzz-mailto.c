/* fuzz-mailto.c — the e-mail to a customer, from an order and a dispute:
 * "EMAIL\nGIVEN NAME\nFAMILY NAME\nPURCHASE REFERENCE\nSHOP"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dsp-mailto.h"
#include "fuzz-util.h"

/* Strings from Klarna arrive through the parser: always valid UTF-8. */
static void
set_text (JsonObject *object,
          const char *member,
          const char *text)
{
  json_object_set_string_member (object, member, text);
}

static char *
next_valid_line (const char **data,
                 size_t      *size)
{
  g_autofree char *line = fuzz_next_line (data, size);

  return g_utf8_make_valid (line, -1);
}

static void
check_uri (const char *uri,
           const char *email)
{
  const char *query = strchr (uri, '?');
  g_auto(GStrv) fields = NULL;
  g_autofree char *address = NULL;

  fuzz_check (g_str_has_prefix (uri, "mailto:"), "a mailto: link");
  fuzz_check (query != NULL && strchr (query + 1, '?') == NULL, "exactly one query");
  fuzz_check (strpbrk (uri, "# \r\n\t") == NULL, "nothing that ends or splits the link");
  for (const char *p = uri; *p; p++)
    fuzz_check ((guchar) *p > 0x20 && (guchar) *p < 0x7f, "only printable ASCII in the link");
  fields = g_strsplit (query + 1, "&", -1);
  fuzz_check (g_strv_length (fields) == 2 && g_str_has_prefix (fields[0], "subject=") &&
              g_str_has_prefix (fields[1], "body="), "exactly a subject and a body");
  address = g_uri_unescape_segment (uri + strlen ("mailto:"), query, NULL);
  fuzz_check (g_strcmp0 (address, email) == 0, "only the customer's address");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *rest = (const char *) data;
  g_autofree char *email = NULL, *given = NULL, *family = NULL, *reference = NULL, *shop = NULL;
  g_autoptr(JsonObject) order_json = json_object_new ();
  g_autoptr(JsonObject) address = json_object_new ();
  g_autoptr(JsonObject) dispute_json = json_object_new ();
  g_autoptr(DspOrder) order = NULL;
  g_autoptr(DspDispute) dispute = NULL;
  g_autofree char *uri = NULL;

  fuzz_init ();
  email = next_valid_line (&rest, &size);
  given = next_valid_line (&rest, &size);
  family = next_valid_line (&rest, &size);
  reference = next_valid_line (&rest, &size);
  shop = next_valid_line (&rest, &size);

  set_text (address, "email", email);
  set_text (address, "given_name", given);
  set_text (address, "family_name", family);
  set_text (order_json, "order_id", "o-1");
  json_object_set_object_member (order_json, "billing_address", json_object_ref (address));
  set_text (dispute_json, "payment_dispute_id", "krn:fuzz");
  set_text (dispute_json, "purchase_reference", reference);
  order = dsp_order_new_from_json (order_json, NULL);
  dispute = dsp_dispute_new_from_json (dispute_json, NULL);
  fuzz_check (order != NULL && dispute != NULL, "an order and a dispute");

  uri = dsp_mailto_for (dispute, order, shop);
  fuzz_check ((uri != NULL) == dsp_mailto_address_is_safe (email), "a link exactly when the address is safe");
  if (uri)
    check_uri (uri, email);
  return 0;
}
