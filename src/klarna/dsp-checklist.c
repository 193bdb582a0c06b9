/* dsp-checklist.c
 *
 * Per dispute reason, what a merchant's evidence must show for Klarna to
 * decide in their favour, after Klarna's guidance for merchants; evidence
 * is one-shot, so the answer should cover each before it is sent. A reason
 * not known here gets the general list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dsp-checklist.h"

static const DspChecklistItem not_received[] = {
  { "tracking", N_("Tracking number and carrier"), N_("So Klarna can follow the parcel") },
  { "delivery", N_("Proof of delivery"), N_("The carrier’s confirmation, signed if you have it") },
  { "address", N_("Delivery address"), N_("That it went to the address of the order") },
};

static const DspChecklistItem not_as_described[] = {
  { "description", N_("The product as described"), N_("The listing or description the customer ordered from") },
  { "condition", N_("Its condition when sent"), N_("Photos, or an inspection of the item returned") },
  { "correspondence", N_("Your messages with the customer"), N_("What was offered to put it right") },
};

static const DspChecklistItem incorrect_amount[] = {
  { "confirmation", N_("The order confirmation with the agreed price"), N_("What the customer agreed to pay") },
  { "invoice", N_("The invoice or receipt"), N_("What was charged, line by line") },
};

static const DspChecklistItem refund_not_processed[] = {
  { "refund", N_("Proof of the refund"), N_("Its date and amount, or why none is due") },
  { "policy", N_("Your return policy"), N_("As the customer saw it when ordering") },
  { "return", N_("Whether the return arrived"), N_("The return’s tracking, or that nothing came back") },
};

static const DspChecklistItem unauthorized[] = {
  { "delivery", N_("Proof of delivery"), N_("To the billing address, signed if you have it") },
  { "history", N_("The customer’s history with you"), N_("Earlier orders, or the account that placed this one") },
  { "correspondence", N_("Your messages with the customer"), N_("Anything that shows they knew of the order") },
};

static const DspChecklistItem general[] = {
  { "answer", N_("A document that answers Klarna’s question"), N_("Klarna’s question is above") },
  { "confirmation", N_("The order confirmation"), N_("What was ordered, for how much, and where it went") },
};

static const struct {
  const char             *reason;
  const DspChecklistItem *items;
  guint                   n;
} lists[] = {
  { "PRODUCTS_OR_SERVICES_NOT_RECEIVED", not_received, G_N_ELEMENTS (not_received) },
  { "PRODUCTS_DEFECTIVE_OR_NOT_AS_DESCRIBED", not_as_described, G_N_ELEMENTS (not_as_described) },
  { "INCORRECT_AMOUNT", incorrect_amount, G_N_ELEMENTS (incorrect_amount) },
  { "REFUND_NOT_PROCESSED", refund_not_processed, G_N_ELEMENTS (refund_not_processed) },
  { "PURCHASE_UNAUTHORIZED", unauthorized, G_N_ELEMENTS (unauthorized) },
  { "PURCHASE_HIGH_RISK", unauthorized, G_N_ELEMENTS (unauthorized) },
};

/* @reason: Klarna's code, any case; NULL or unknown: the general list */
const DspChecklistItem *
dsp_checklist_for_reason (const char *reason,
                          guint      *n_items)
{
  for (guint i = 0; reason && i < G_N_ELEMENTS (lists); i++)
    if (g_ascii_strcasecmp (reason, lists[i].reason) == 0)
      {
        *n_items = lists[i].n;
        return lists[i].items;
      }
  *n_items = G_N_ELEMENTS (general);
  return general;
}
