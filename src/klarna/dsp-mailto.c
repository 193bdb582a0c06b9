/* dsp-mailto.c
 *
 * The order's data comes from outside: an address that could smuggle
 * headers (line breaks, "?", "&", ",", several addresses) is refused, and
 * the subject and body are percent-encoded whole (RFC 6068).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-mailto"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dsp-mailto.h"

gboolean
dsp_mailto_address_is_safe (const char *address)
{
  const char *at;

  if (address == NULL || *address == '\0' || strlen (address) > 254 || !g_utf8_validate (address, -1, NULL))
    return FALSE;
  at = strchr (address, '@');
  if (at == NULL || at == address || at[1] == '\0' || strchr (at + 1, '@') != NULL)
    return FALSE;
  for (const char *p = address; *p; p++)
    if (g_ascii_iscntrl (*p) || strchr (" ,;?&#%<>\"'()[]\\\\", *p) != NULL)
      return FALSE;
  return TRUE;
}

static char *
encoded (const char *text)
{
  g_autofree char *crlf = NULL;
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  /* RFC 6068: line breaks in a body are CRLF */
  crlf = g_strjoinv ("\r\n", lines);
  return g_uri_escape_string (crlf, NULL, FALSE);
}

/* NULL when the order has no address that is safe to use. */
char *
dsp_mailto_for (DspDispute *dispute,
                DspOrder   *order,
                const char *shop_name)
{
  const char *address = order ? dsp_order_get_email (order) : NULL;
  g_autofree char *customer = order ? dsp_order_dup_customer_name (order) : NULL;
  g_autofree char *amount = dsp_dispute_dup_amount_label (dispute);
  g_autofree char *reason = dsp_dispute_dup_reason_label (dispute);
  const char *reference = dsp_dispute_get_display_reference (dispute);
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *escaped_address = NULL;
  g_autofree char *escaped_subject = NULL;
  g_autofree char *escaped_body = NULL;

  if (!dsp_mailto_address_is_safe (address))
    return NULL;

  /* Translators: the subject of the e-mail to the customer; %s is the order number */
  subject = g_strdup_printf (_("Your order %s — your Klarna dispute"), reference);
  body = g_strdup_printf (_("Hello %s,\n\n"
                            "you opened a dispute with Klarna about your order %s (%s, reason: %s).\n"
                            "We would like to settle it with you directly and quickly. "
                            "Could you tell us what happened, and how we can put it right?\n\n"
                            "Kind regards,\n%s"),
                          customer ? customer : _("there"), reference, amount, reason,
                          shop_name && *shop_name ? shop_name : _("your shop"));
  escaped_address = g_uri_escape_string (address, "@+", FALSE);
  escaped_subject = encoded (subject);
  escaped_body = encoded (body);
  return g_strdup_printf ("mailto:%s?subject=%s&body=%s", escaped_address, escaped_subject, escaped_body);
}
