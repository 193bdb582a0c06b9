/* dsp-sim-generate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-simulator"

#include "config.h"

#include "dsp-sim-generate.h"

typedef struct {
  const char *currency;
  const char *country;
  gint64      scale;
  const char *phone_prefix;
  const char *cities[3];
  const char *postal_codes[3];
  const char *streets[3];
} Market;

static const Market markets[] = {
  { "EUR", "DE", 1, "+49 151", { "Berlin", "Hamburg", "München" },
    { "10115", "20095", "80331" }, { "Lindenstraße", "Hauptstraße", "Gartenweg" } },
  { "SEK", "SE", 10, "+46 70", { "Stockholm", "Göteborg", "Malmö" },
    { "111 22", "411 05", "211 20" }, { "Storgatan", "Drottninggatan", "Kungsgatan" } },
  { "NOK", "NO", 10, "+47 4", { "Oslo", "Bergen", "Trondheim" },
    { "0150", "5003", "7011" }, { "Karl Johans gate", "Storgata", "Kirkegata" } },
  { "GBP", "GB", 1, "+44 7700", { "London", "Manchester", "Leeds" },
    { "SW1A 1AA", "M1 1AE", "LS1 4AP" }, { "High Street", "Station Road", "Church Lane" } },
  { "USD", "US", 1, "+1 555", { "Chicago", "Austin", "Portland" },
    { "60601", "73301", "97201" }, { "Main Street", "Oak Avenue", "Maple Drive" } },
};

static const char *given_names[] = {
  "Anna", "Lukas", "Sofia", "Elias", "Emma", "Noah", "Maja", "Oskar", "Ella", "Jonas",
  "Åsa", "Björn", "Ingrid", "Henrik", "Chloe", "Oliver", "Amelia", "Harry", "Mia", "Jürgen",
  "Léa", "Mateo", "Olivia", "Liam", "Freya", "Aarav", "Zoë", "Nils", "Sara", "Mohammed",
};

static const char *family_names[] = {
  "Müller", "Schmidt", "Andersson", "Johansson", "Hansen", "Olsen", "Smith", "Jones",
  "Williams", "Brown", "Lindqvist", "Berg", "Nilsen", "Taylor", "García", "Weber",
  "Novak", "Karlsson", "Fischer", "Johnson", "O'Brien", "Ahmed", "Lee", "Dahl",
};

static const char *products[] = {
  "Merino wool sweater", "Trail running shoes", "Ceramic pour-over set", "Linen bed sheets",
  "Wireless earbuds", "Leather weekend bag", "Kids' rain jacket", "Cast iron skillet",
  "Yoga mat, 6 mm", "Desk lamp with dimmer", "Organic cotton T-shirt", "Insulated water bottle",
  "Wool beanie", "Backpack 28 L", "Smart watch strap", "Espresso grinder",
};

typedef struct {
  const char *reason;
  const char *question;
  const char *customer_evidence;
} ReasonInfo;

static const ReasonInfo reasons[] = {
  { "PRODUCTS_OR_SERVICES_NOT_RECEIVED",
    "The customer says the order never arrived. Please send proof of delivery, such as the tracking number and the carrier's delivery confirmation.",
    NULL },
  { "PRODUCTS_DEFECTIVE_OR_NOT_AS_DESCRIBED",
    "The customer says the item arrived damaged and does not match the description. Please explain how you handled the complaint and attach the product description.",
    "Photo of the damaged item" },
  { "REFUND_NOT_PROCESSED",
    "The customer says they returned the goods but have not been refunded. Please show the refund or explain why the return was not accepted.",
    "Return receipt from the post office" },
  { "INCORRECT_AMOUNT",
    "The customer says they were charged more than agreed. Please send the order confirmation showing the agreed price.",
    "Screenshot of the checkout page" },
  { "PURCHASE_UNAUTHORIZED",
    "The customer says they did not make this purchase. Please send the delivery address, IP address and any contact you had with the buyer.",
    NULL },
  { "PURCHASE_HIGH_RISK",
    "This purchase was flagged as high risk. Please confirm the shipment and send proof of delivery to the billing address.",
    NULL },
  { "NON_COMPLIANCE",
    "Klarna needs to check that this order follows the merchant agreement. Please describe what was sold and how it was delivered.",
    NULL },
  { "NON_GUARANTEED_PAYMENT_PROGRAM",
    "This payment is outside the guaranteed payment program. Please confirm the order details.",
    NULL },
};

static char *
seeded_uuid (GRand *rand)
{
  return g_strdup_printf ("%08x-%04x-4%03x-%04x-%08x%04x",
                          g_rand_int (rand), g_rand_int (rand) & 0xffff,
                          g_rand_int (rand) & 0xfff, (g_rand_int (rand) & 0x3fff) | 0x8000,
                          g_rand_int (rand), g_rand_int (rand) & 0xffff);
}

static const Market *
pick_market (GRand *rand)
{
  guint roll = g_rand_int_range (rand, 0, 100);

  if (roll < 40)
    return &markets[0];
  if (roll < 60)
    return &markets[1];
  if (roll < 70)
    return &markets[2];
  if (roll < 85)
    return &markets[3];
  return &markets[4];
}

static const ReasonInfo *
pick_reason (GRand *rand)
{
  static const guint weights[] = { 35, 25, 12, 8, 8, 6, 3, 3 };
  guint roll = g_rand_int_range (rand, 0, 100);

  for (guint i = 0; i < G_N_ELEMENTS (weights); i++)
    {
      if (roll < weights[i])
        return &reasons[i];
      roll -= weights[i];
    }
  return &reasons[0];
}

static char *
email_for (const char *given,
           const char *family,
           guint       index)
{
  g_autofree char *raw = g_strdup_printf ("%s.%s", given, family);
  g_autofree char *ascii = g_str_to_ascii (raw, "C");
  g_autoptr(GString) local = g_string_new (NULL);

  for (char *p = ascii; *p; p++)
    if (g_ascii_isalnum (*p) || *p == '.')
      g_string_append_c (local, g_ascii_tolower (*p));
  if (index % 7 == 3)
    g_string_append_printf (local, "%u", index % 100);
  return g_strdup_printf ("%s@example.com", local->str);
}

static SimOrder *
generate_order (GRand        *rand,
                guint         index,
                const Market *market,
                gint64        created_at)
{
  SimOrder *order = sim_order_new ();
  guint lines = g_rand_int_range (rand, 1, 4);
  guint city = g_rand_int_range (rand, 0, 3);

  order->id = seeded_uuid (rand);
  order->purchase_reference = g_strdup_printf ("%u", 10000 + index);
  order->currency = market->currency;
  order->country = market->country;
  order->created_at = created_at - g_rand_int_range (rand, 2, 20) * SIM_DAY;
  order->given_name = g_strdup (given_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (given_names))]);
  order->family_name = g_strdup (family_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (family_names))]);
  order->email = email_for (order->given_name, order->family_name, index);
  order->phone = g_strdup_printf ("%s %03d %02d %03d", market->phone_prefix, g_rand_int_range (rand, 100, 999),
                                  g_rand_int_range (rand, 10, 99), g_rand_int_range (rand, 100, 999));
  order->street = g_strdup_printf ("%s %u", market->streets[city], g_rand_int_range (rand, 1, 120));
  order->postal_code = g_strdup (market->postal_codes[city]);
  order->city = g_strdup (market->cities[city]);

  for (guint i = 0; i < lines; i++)
    {
      guint product = g_rand_int_range (rand, 0, G_N_ELEMENTS (products));
      gint64 price = (g_rand_int_range (rand, 99, 2400) * 10 + 9) * market->scale;
      g_autofree char *sku = g_strdup_printf ("SKU-%04u", 1000 + product * 37);

      sim_order_add_line (order, products[product], sku, g_rand_int_range (rand, 1, 3), price);
    }
  order->captured_amount = order->order_amount;
  return order;
}

/* What will happen to this dispute: the playground's scenarios, seeded. */
static void
script_dispute (GRand      *rand,
                SimDispute *dispute)
{
  guint roll = g_rand_int_range (rand, 0, 100);
  gint64 window = dispute->expires_at - dispute->created_at;

  dispute->plan_at = dispute->created_at + g_rand_int_range (rand, 3600, (gint32) MAX (window - 3600, 7200));
  dispute->wins_on_evidence = g_rand_int_range (rand, 0, 100) < 55;
  dispute->wins_on_appeal = g_rand_int_range (rand, 0, 100) < 40;

  if (roll < 30)
    dispute->plan = SIM_PLAN_NONE;
  else if (roll < 62)
    dispute->plan = SIM_PLAN_REPRESENT;
  else if (roll < 72)
    dispute->plan = SIM_PLAN_REFUND;
  else if (roll < 82)
    dispute->plan = SIM_PLAN_CUSTOMER_CANCEL;
  else if (roll < 92)
    dispute->plan = SIM_PLAN_SETTLED;
  else
    dispute->plan = SIM_PLAN_ACCEPT;

  roll = g_rand_int_range (rand, 0, 100);
  if (roll < 50)
    dispute->appeal_delay = g_rand_int_range (rand, 1, 9) * SIM_DAY;
  else if (roll < 75)
    dispute->accept_delay = g_rand_int_range (rand, 1, 9) * SIM_DAY;
}

void
sim_generate_dispute (GRand       *rand,
                      guint        index,
                      gint64       created_at,
                      gboolean     scripted,
                      SimDispute **dispute_out,
                      SimOrder   **order_out)
{
  const Market *market = pick_market (rand);
  const ReasonInfo *reason = pick_reason (rand);
  SimOrder *order = generate_order (rand, index, market, created_at);
  SimDispute *dispute = sim_dispute_new ();
  SimOrderLine *line = g_ptr_array_index (order->lines, 0);

  dispute->id = g_strdup_printf ("krn:payment:eu1:dispute:%015" G_GUINT64_FORMAT,
                                 (guint64) 340985272172547ULL + (guint64) index * 7919);
  dispute->order_id = g_strdup (order->id);
  dispute->purchase_reference = g_strdup (order->purchase_reference);
  dispute->transaction_id = seeded_uuid (rand);
  dispute->account_id = g_strdup_printf ("krn:payment:eu1:account:%08x", g_rand_int (rand));
  dispute->reason = reason->reason;
  dispute->question = reason->question;
  dispute->customer_evidence = reason->customer_evidence;
  dispute->currency = market->currency;
  dispute->created_by = g_rand_int_range (rand, 0, 10) < 8 ? "CUSTOMER" : "KLARNA_AGENT";
  dispute->framework_2020 = g_rand_int_range (rand, 0, 10) == 0;
  dispute->amount = g_rand_boolean (rand) ? order->order_amount : line->unit_price * line->quantity;
  dispute->created_at = created_at;
  dispute->updated_at = created_at;
  dispute->state = SIM_INITIATED;
  dispute->rep_state = SIM_REP_EVIDENCE_REQUESTED;
  dispute->expires_at = created_at + sim_response_window (reason->reason);
  if (scripted)
    script_dispute (rand, dispute);

  *dispute_out = dispute;
  *order_out = order;
}
