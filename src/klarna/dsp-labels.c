/* dsp-labels.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-labels"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-labels.h"

typedef struct {
  const char *code;
  const char *text;
} CodeText;

static const CodeText reasons[] = {
  { "REFUND_NOT_PROCESSED", N_("Refund not processed") },
  { "PRODUCTS_OR_SERVICES_NOT_RECEIVED", N_("Products not received") },
  { "PRODUCTS_DEFECTIVE_OR_NOT_AS_DESCRIBED", N_("Defective or not as described") },
  { "INCORRECT_AMOUNT", N_("Incorrect amount charged") },
  { "PURCHASE_HIGH_RISK", N_("High-risk purchase") },
  { "PURCHASE_UNAUTHORIZED", N_("Purchase not authorised by the customer") },
  { "NON_COMPLIANCE", N_("Non-compliance") },
  { "NON_GUARANTEED_PAYMENT_PROGRAM", N_("Payment not guaranteed") },
};

static const CodeText outcomes[] = {
  { "partner_did_not_reply_to_dispute_request", N_("You did not reply before the deadline.") },
  { "partner_has_refunded_payment_to_customer", N_("You refunded the customer.") },
  { "partner_solved_the_dispute_with_the_customer", N_("You settled it with the customer.") },
  { "customer_cancelled_dispute", N_("The customer withdrew the dispute.") },
  { "partner_accepted_the_loss", N_("You accepted the loss.") },
  { "insufficient_proof_of_delivery", N_("Klarna found the proof of delivery insufficient.") },
  { "partner_provided_valid_shipping_details", N_("Your shipping details proved delivery.") },
  { "klarna_resolved_dispute_in_partner_favor", N_("Klarna decided in your favour.") },
  { "reactivated_invoice_statement", N_("The customer's invoice was reactivated.") },
  { "partner_did_not_appeal_in_time", N_("No appeal was made before the deadline.") },
  { "klarna_resolved_dispute_in_customer_favor", N_("Klarna decided in the customer's favour.") },
};

static const char *
lookup (const CodeText *table,
        gsize           n,
        const char     *code)
{
  for (gsize i = 0; i < n; i++)
    if (g_ascii_strcasecmp (table[i].code, code) == 0)
      return _(table[i].text);
  return NULL;
}

/* "SOME_NEW_CODE" → "Some new code": unknown values still read as words. */
char *
dsp_code_tidy (const char *code)
{
  g_autofree char *lower = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (code == NULL || *code == '\0')
    return g_strdup (_("Unknown"));

  lower = g_utf8_make_valid (code, -1);
  for (char *p = lower; *p; p++)
    {
      char c = (*p == '_' || *p == '-') ? ' ' : g_ascii_tolower (*p);

      if (out->len == 0)
        c = g_ascii_toupper (c);
      if (c == ' ' && (out->len == 0 || out->str[out->len - 1] == ' '))
        continue;
      g_string_append_c (out, c);
    }
  if (out->len == 0)
    return g_strdup (_("Unknown"));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
dsp_reason_to_string (const char *reason)
{
  const char *known = reason ? lookup (reasons, G_N_ELEMENTS (reasons), reason) : NULL;

  return known ? g_strdup (known) : dsp_code_tidy (reason);
}

char *
dsp_outcome_to_string (const char *outcome_detailed)
{
  const char *known = NULL;
  g_autofree char *tidy = NULL;

  if (outcome_detailed == NULL || *outcome_detailed == '\0')
    return NULL;
  known = lookup (outcomes, G_N_ELEMENTS (outcomes), outcome_detailed);
  if (known)
    return g_strdup (known);
  tidy = dsp_code_tidy (outcome_detailed);
  return g_strconcat (tidy, ".", NULL);
}

/* How far a long sync has come, and roughly how long the rest takes at the
 * pace so far: "1,200 of 10,000 disputes · about 2 minutes left". The time
 * left is said once there is a pace to go by (two seconds in). */
char *
dsp_sync_progress_to_string (guint  fetched,
                             guint  total,
                             gint64 elapsed_ms)
{
  /* TRANSLATORS: %'u are numbers with the locale's thousands separators */
  g_autofree char *count = g_strdup_printf (ngettext ("%'u of %'u dispute", "%'u of %'u disputes", total),
                                            MIN (fetched, total), total);
  gint64 left;

  if (fetched == 0 || fetched >= total || elapsed_ms < 2000)
    return g_steal_pointer (&count);
  left = elapsed_ms * (total - fetched) / fetched / 1000;
  if (left < 10)
    /* TRANSLATORS: "1,200 of 10,000 disputes · a few seconds left" */
    return g_strdup_printf (_("%s · a few seconds left"), count);
  if (left < 90)
    {
      guint seconds = (guint) (left + 5) / 10 * 10;

      /* TRANSLATORS: "1,200 of 10,000 disputes · about 40 seconds left" */
      return g_strdup_printf (ngettext ("%s · about %u second left", "%s · about %u seconds left", seconds),
                              count, seconds);
    }
  {
    guint minutes = (guint) (left + 30) / 60;

    /* TRANSLATORS: "1,200 of 10,000 disputes · about 3 minutes left" */
    return g_strdup_printf (ngettext ("%s · about %u minute left", "%s · about %u minutes left", minutes),
                            count, minutes);
  }
}
