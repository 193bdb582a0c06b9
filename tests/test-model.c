/* test-model.c — the dispute parser, labels, money, time, deadlines and
 * what the owner may do in each state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "dsp-client-error.h"
#include "dsp-clock.h"
#include "dsp-deadline.h"
#include "dsp-dispute-item.h"
#include "dsp-dispute.h"
#include "dsp-evidence.h"
#include "dsp-json.h"
#include "dsp-json-check.h"
#include "dsp-json-split.h"
#include "dsp-labels.h"
#include "dsp-mailto.h"
#include "dsp-money.h"
#include "dsp-order.h"
#include "dsp-rules.h"
#include "dsp-time.h"
#include "dsp-timeline.h"
#include "test-util.h"

static void
test_initiated (void)
{
  g_autoptr(DspDispute) d = test_dispute_load ("initiated.json", NULL);
  g_autofree char *status = dsp_dispute_dup_status_label (d, TRUE);
  g_autofree char *amount = dsp_dispute_dup_amount_label (d);
  g_autofree char *reason = dsp_dispute_dup_reason_label (d);

  g_assert_cmpstr (dsp_dispute_get_id (d), ==, "krn:payment:eu1:dispute:return:340985272172547");
  g_assert_cmpint (dsp_dispute_get_status (d), ==, DSP_STATUS_NEEDS_RESPONSE);
  g_assert_cmpstr (status, ==, "Needs your response");
  g_assert_cmpstr (amount, ==, "€49.00");
  g_assert_cmpstr (reason, ==, "Products not received");
  g_assert_cmpstr (dsp_dispute_get_display_reference (d), ==, "10482");
  g_assert_cmpstr (dsp_dispute_get_merchant_reference2 (d), ==, "web-shop-eu");
  g_assert_cmpstr (dsp_dispute_get_question (d), ==, "Please send the tracking number and proof of delivery.");
  /* "2026-12-11T09:15" has no seconds: still the deadline */
  g_assert_cmpint (dsp_dispute_get_deadline (d), ==, dsp_time_parse ("2026-12-11T09:15:00Z"));
  g_assert_cmpint (dsp_dispute_get_created_at (d), ==, dsp_time_parse ("2026-11-20T09:15:00Z"));
}

/* An older dispute stays INITIATED after the evidence: Klarna is reviewing
 * it, and nothing is asked of the owner any more (no deadline, no reminder). */
static void
test_initiated_evidence_received (void)
{
  g_autoptr(DspDispute) d = test_dispute_load ("initiated_2020_evidence_received.json", NULL);

  g_assert_cmpint (dsp_dispute_get_status (d), ==, DSP_STATUS_IN_REVIEW);
  g_assert_cmpint (dsp_dispute_get_deadline (d), ==, 0);
  g_assert_nonnull (dsp_dispute_get_partner_evidence (d));
}

static void
test_representment (void)
{
  g_autoptr(DspDispute) d = test_dispute_load ("representment.json", NULL);
  const DspEvidence *evidence = dsp_dispute_get_partner_evidence (d);
  GPtrArray *customer = dsp_dispute_get_customer_evidence (d);
  DspAttachment *first;
  g_autofree char *amount = dsp_dispute_dup_amount_label (d);

  g_assert_cmpint (dsp_dispute_get_status (d), ==, DSP_STATUS_IN_REVIEW);
  g_assert_cmpint (dsp_dispute_get_deadline (d), ==, 0);
  g_assert_cmpstr (amount, ==, "SEK\u00a01,299.00");
  g_assert_nonnull (evidence);
  g_assert_cmpstr (evidence->text, ==, "The item left our warehouse intact; photos attached.");
  g_assert_cmpuint (evidence->attachments->len, ==, 1);
  first = g_ptr_array_index (evidence->attachments, 0);
  g_assert_cmpstr (first->id, ==, "att-1");
  g_assert_cmpstr (first->mime_type, ==, "image/png");
  g_assert_cmpuint (customer->len, ==, 1);
  first = g_ptr_array_index (customer, 0);
  g_assert_cmpstr (first->description, ==, "Photo of the broken lid");
  g_assert_cmpstr (first->id, ==, "ce-1");
  g_assert_cmpstr (dsp_dispute_get_question (d), ==, "Was the item damaged in transit?");
}

static void
test_pre_arbitration (void)
{
  g_autoptr(DspDispute) d = test_dispute_load ("pre_arbitration.json", NULL);
  g_autofree char *status = dsp_dispute_dup_status_label (d, FALSE);
  g_autofree char *dated = dsp_dispute_dup_status_label (d, TRUE);
  g_autofree char *prelim = dsp_outcome_to_string (dsp_dispute_get_preliminary_outcome_detailed (d));

  g_assert_cmpint (dsp_dispute_get_status (d), ==, DSP_STATUS_PRELIMINARY_LOSS);
  g_assert_cmpint (dsp_dispute_get_deadline (d), ==, dsp_time_parse ("2026-11-20T10:00:00Z"));
  g_assert_cmpstr (status, ==, "Preliminary loss — appeal possible");
  g_assert_true (g_str_has_prefix (dated, "Preliminary loss — appeal possible until "));
  g_assert_cmpstr (dsp_dispute_get_preliminary_outcome (d), ==, "LOST");
  /* outcome codes compare without case */
  g_assert_cmpstr (prelim, ==, "Klarna found the proof of delivery insufficient.");
}

static void
test_arbitration (void)
{
  g_autoptr(DspDispute) d = test_dispute_load ("arbitration.json", NULL);
  const DspEvidence *appeal = dsp_dispute_get_appeal (d);

  g_assert_cmpint (dsp_dispute_get_status (d), ==, DSP_STATUS_APPEAL_REVIEW);
  g_assert_nonnull (appeal);
  g_assert_cmpstr (appeal->text, ==, "Please look again.");
  g_assert_cmpstr (dsp_dispute_get_display_reference (d), ==, "order-4");
}

static void
test_closed (void)
{
  g_autoptr(DspDispute) won = test_dispute_load ("closed_won.json", NULL);
  g_autoptr(DspDispute) lost = test_dispute_load ("closed_lost.json", NULL);
  g_autofree char *won_label = dsp_dispute_dup_status_label (won, TRUE);
  g_autofree char *lost_label = dsp_dispute_dup_status_label (lost, TRUE);
  g_autofree char *won_outcome = dsp_outcome_to_string (dsp_dispute_get_outcome_detailed (won));
  g_autofree char *lost_outcome = dsp_outcome_to_string (dsp_dispute_get_outcome_detailed (lost));
  g_autoptr(GPtrArray) timeline = dsp_timeline_build (lost);

  g_assert_cmpint (dsp_dispute_get_status (won), ==, DSP_STATUS_WON);
  g_assert_cmpstr (won_label, ==, "Won — invoice reactivated");
  g_assert_cmpstr (won_outcome, ==, "Your shipping details proved delivery.");
  g_assert_cmpint (dsp_dispute_get_status (lost), ==, DSP_STATUS_LOST);
  g_assert_cmpstr (lost_label, ==, "Lost — charged back");
  g_assert_cmpstr (lost_outcome, ==, "You did not reply before the deadline.");
  g_assert_cmpint (dsp_dispute_get_closed_at (lost), ==, dsp_time_parse ("2026-09-22T10:00:00Z"));
  g_assert_cmpuint (timeline->len, ==, 2);
}

static void
test_unknown_values (void)
{
  g_autoptr(DspDispute) d = test_dispute_load ("unknown_values.json", NULL);
  g_autofree char *reason = dsp_dispute_dup_reason_label (d);
  g_autofree char *status = dsp_dispute_dup_status_label (d, TRUE);
  g_autofree char *outcome = dsp_outcome_to_string (dsp_dispute_get_outcome_detailed (d));
  g_autofree char *amount = dsp_dispute_dup_amount_label (d);

  g_assert_cmpstr (reason, ==, "Something klarna added later");
  g_assert_cmpint (dsp_dispute_get_status (d), ==, DSP_STATUS_UNKNOWN);
  g_assert_cmpstr (status, ==, "Mediation");
  g_assert_cmpstr (outcome, ==, "Klarna invented a new outcome.");
  g_assert_cmpstr (amount, ==, "CHF\u00a025.00");
  g_assert_cmpint (dsp_dispute_get_created_at (d), ==, 0);
  g_assert_cmpuint (dsp_dispute_get_process_exceptions (d)->len, ==, 1);
}

static void
test_wrong_types (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DspDispute) d = test_dispute_load ("wrong_types.json", &error);
  g_autofree char *status = NULL;
  g_autofree char *amount = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (d);
  status = dsp_dispute_dup_status_label (d, TRUE);
  amount = dsp_dispute_dup_amount_label (d);
  g_assert_null (dsp_dispute_get_reason (d));
  g_assert_null (dsp_dispute_get_state (d));
  g_assert_cmpstr (status, ==, "Unknown");
  g_assert_cmpint (dsp_dispute_get_amount (d), ==, 0);
  g_assert_cmpint (dsp_dispute_get_response_deadline (d), ==, 0);
  g_assert_cmpuint (dsp_dispute_get_customer_evidence (d)->len, ==, 1);
  g_assert_cmpstr (dsp_dispute_get_display_reference (d), ==, dsp_dispute_get_id (d));
}

static void
test_missing_id (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DspDispute) d = test_dispute_load ("missing_id.json", &error);

  g_assert_null (d);
  g_assert_error (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_MALFORMED);
}

static void
test_hostile_json (void)
{
  const char *bad[] = {
    "", "{", "[1,2", "{\"disputes\": [", "\xff\xfe\x00garbage", "{\"a\": 1}{\"b\": 2}",
    "{\"payment_dispute_id\": \"x\\u0000y\"}", "nul\0byte",
  };
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *long_id = NULL;
  g_autofree char *huge = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gsize length = strlen (bad[i]) + (i == 7 ? 5 : 0);
      g_autoptr(JsonNode) root = dsp_json_parse (bad[i], length, NULL);
      g_autoptr(DspDispute) dispute = NULL;

      /* Either rejected or parsed: never a crash. */
      if (root && JSON_NODE_HOLDS_OBJECT (root))
        dispute = dsp_dispute_new_from_json (json_node_get_object (root), NULL);
    }

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  node = dsp_json_parse (deep->str, deep->len, &error);
  g_assert_null (node);
  g_assert_nonnull (error);

  /* An identifier longer than Klarna allows is refused. */
  long_id = g_strnfill (300, 'a');
  huge = g_strdup_printf ("{\"payment_dispute_id\": \"%s\"}", long_id);
  node = dsp_json_parse (huge, strlen (huge), NULL);
  g_assert_nonnull (node);
  g_assert_null (dsp_dispute_new_from_json (json_node_get_object (node), NULL));
}

/* A body of @n '[' behind @prefix: json-glib recursed through all of it. */
static char *
deep_behind (const char *prefix,
             guint       n)
{
  GString *text = g_string_new (prefix);

  for (guint i = 0; i < n; i++)
    g_string_append_c (text, '[');
  return g_string_free (text, FALSE);
}

/* Only RFC 8259 reaches json-glib: what it reads beyond the standard is refused in words. */
static void
test_strict_json (void)
{
  const char *good[] = {
    "{}", "[]", " [1, -0, 0.5, -1.5e-3, 2E+10, true, false, null] ", "\"\\u00e9\\uD83D\\uDE00\\/\\n\"",
    "{\"a\":{\"b\":[{}]}}", "9223372036854775807", "-9223372036854775808", "1e308", "\"\xc3\xa5\xe2\x80\x94\xf0\x9f\x98\x80\"",
  };
  const char *bad[] = {
    "", " ", "['a']", "{'\"': 1}", "[/* c */ 1]", "[1] // c", "[1,]", "{\"a\":1,}", "[NaN]", "[Infinity]", "[-Infinity]",
    "[0x10]", "[01]", "[.5]", "[+1]", "[1.]", "[1e]", "[\"\x01\"]", "[\"\t\"]", "[\"\\x41\"]", "[\"\\uDC00x\"]",
    "[\"\\uD800\"]", "[\"\\uD800\\u0041\"]", "[\"\xff\"]", "[\"\xc0\x80\"]", "[\"\xed\xa0\x80\"]",
    "[\"\xf4\x90\x80\x80\"]", "[\"\xe2\x80\"]", "{a:1}", "[1 2]", "{\"a\" 1}", "[1]]", "[1}", "{\"a\":1]", "[1][2]",
    "\xef\xbb\xbf[]", "[1e999]", "[-1e999]", "[99999999999999999999]", "[-9223372036854775809]", "[tru]", "[nul]",
  };
  g_autofree char *quoted = deep_behind ("{'\"': ", 80000);
  g_autofree char *commented = deep_behind ("{\"a\": /* \" */ ", 80000);
  g_autofree char *plain = deep_behind ("", 65);
  g_autofree char *limit = deep_behind ("", 64);
  GError *error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(JsonNode) node = dsp_json_parse (good[i], strlen (good[i]), &error);
      g_assert_no_error (error);
      g_assert_nonnull (node);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) node = dsp_json_parse (bad[i], strlen (bad[i]), &error);

      g_assert_null (node);
      g_assert_error (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_MALFORMED);
      g_assert_true (g_str_has_prefix (error->message, "Klarna sent a reply the app could not read"));
      g_clear_error (&error);
    }

  /* Depth is counted behind a single quote and a comment too, in words. */
  g_assert_null (dsp_json_parse (quoted, strlen (quoted), &error));
  g_assert_error (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_null (dsp_json_parse (commented, strlen (commented), &error));
  g_assert_error (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_null (dsp_json_parse (plain, strlen (plain), &error));
  g_assert_cmpstr (error->message, ==, "Klarna sent a reply nested too deeply to read safely. The app will try again later.");
  g_clear_error (&error);
  /* 64 open levels are allowed; this one is only unfinished. */
  g_assert_cmpint (dsp_json_check (limit, strlen (limit), DSP_JSON_MAX_DEPTH, NULL), ==, DSP_JSON_MALFORMED);
}

static char *
generated_by_json_glib (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/* What the store writes reads back as it was; the same text json-glib wrote
 * before, where json-glib's own text was readable. */
static void
test_json_round_trip (void)
{
  const char *fixtures[] = { "initiated.json", "closed_won.json", "unknown_values.json", "wrong_types.json" };
  const char *documents[] = {
    "[1e20,1e308,-0.0,2.5,1500.0,-1.5e-300,5e-324]",
    "{\"b\":1,\"a\":[true,false,null,\"\\u0001\\\"\\\\\\n\\u00e9\\uD83D\\uDE00\"],\"c\":{}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", fixtures[i], NULL);
      g_autofree char *data = NULL, *ours = NULL, *theirs = NULL;
      g_autoptr(JsonNode) root = NULL;

      g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
      root = dsp_json_parse (data, strlen (data), NULL);
      ours = dsp_json_to_string (root);
      theirs = generated_by_json_glib (root);
      g_assert_cmpstr (ours, ==, theirs);
    }
  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(JsonNode) root = dsp_json_parse (documents[i], strlen (documents[i]), NULL);
      g_autofree char *text = dsp_json_to_string (root);
      g_autoptr(JsonNode) again = dsp_json_parse (text, strlen (text), NULL);
      g_autofree char *text_again = NULL;

      g_assert_nonnull (again);
      g_assert_true (json_node_equal (root, again));
      text_again = dsp_json_to_string (again);
      g_assert_cmpstr (text, ==, text_again);
    }
}

/* A code no dispute holds any more leaves nothing behind: a hostile server
 * sending ever new ones cannot grow a table without bound. */
static void
test_codes_not_kept (void)
{
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *code = g_strdup_printf ("HOSTILE_CODE_%u_%d", i, g_test_rand_int ());
      g_autofree char *json = g_strdup_printf ("{\"payment_dispute_id\":\"krn:c\",\"state\":\"%s\","
                                               "\"dispute_reason\":\"%s_R\",\"dispute_details\":{\"currency\":\"%s_C\"}}",
                                               code, code, code);
      g_autoptr(JsonNode) root = dsp_json_parse (json, strlen (json), NULL);
      g_autoptr(DspDispute) dispute = dsp_dispute_new_from_json (json_node_get_object (root), NULL);
      g_autofree char *reason = g_strconcat (code, "_R", NULL);

      g_assert_cmpstr (dsp_dispute_get_state (dispute), ==, code);
      g_assert_cmpstr (dsp_dispute_get_reason (dispute), ==, reason);
      g_clear_object (&dispute);
      g_assert_cmpuint (g_quark_try_string (code), ==, 0);
      g_assert_cmpuint (g_quark_try_string (reason), ==, 0);
    }
}

static void
test_timestamps (void)
{
  gint64 base = dsp_time_parse ("2025-06-24T05:51:00Z");

  g_assert_cmpint (base, >, 0);
  g_assert_cmpint (dsp_time_parse ("2025-06-24T05:51"), ==, base);
  g_assert_cmpint (dsp_time_parse ("2025-06-24T05:51Z"), ==, base);
  g_assert_cmpint (dsp_time_parse ("2025-06-24T07:51:00.5+02:00"), ==, base);
  g_assert_cmpint (dsp_time_parse ("2025-06-24T05:51:00.123456789Z"), ==, base);
  g_assert_cmpint (dsp_time_parse ("2025-06-24"), ==, dsp_time_parse ("2025-06-24T00:00:00Z"));
  g_assert_cmpint (dsp_time_parse ("garbage"), ==, 0);
  g_assert_cmpint (dsp_time_parse ("2025-13-40T99:99Z"), ==, 0);
  g_assert_cmpint (dsp_time_parse (""), ==, 0);
  g_assert_cmpint (dsp_time_parse (NULL), ==, 0);
  /* found by fuzz-time: before 1970 is unknown too (year 25 was written back as "25") */
  g_assert_cmpint (dsp_time_parse ("0025-06-24T05:51:00Z"), ==, 0);
  g_assert_cmpint (dsp_time_parse ("1969-12-31T23:59:59Z"), ==, 0);
}

static void
test_money (void)
{
  struct { gint64 minor; const char *currency; const char *expected; } cases[] = {
    { 4900, "EUR", "€49.00" }, { 5, "EUR", "€0.05" }, { 129900, "SEK", "SEK\u00a01,299.00" },
    { 8900, "NOK", "NOK\u00a089.00" }, { 2599, "GBP", "£25.99" }, { 1500, "USD", "$15.00" },
    { 1500, "JPY", "¥1,500" }, { -250, "EUR", "−€2.50" }, { 100, "XYZ", "XYZ\u00a01.00" },
    { 100, NULL, "1.00" }, { 99, "EUR", "€0.99" }, { 100000, "EUR", "€1,000.00" },
    { G_MININT64, "EUR", "−€92,233,720,368,547,758.08" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = dsp_money_format (cases[i].minor, cases[i].currency);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

/* Each locale writes money its own way; "kr" only for the desktop's own
 * currency, so SEK, NOK and DKK side by side can be told apart. */
static void
test_money_locales (void)
{
  struct { const char *locale; gint64 minor; const char *currency; const char *expected; } cases[] = {
    { "de_DE.UTF-8", 119814, "EUR", "1.198,14\u00a0€" },
    { "de_DE.UTF-8", 416570, "SEK", "4.165,70\u00a0SEK" },
    { "de_DE.UTF-8", -250, "EUR", "−2,50\u00a0€" },
    { "de_DE.UTF-8", 123456789, "GBP", "1.234.567,89\u00a0£" },
    { "sv_SE.UTF-8", 416570, "SEK", "4\u202f165,70\u00a0kr" },
    { "sv_SE.UTF-8", 8900, "NOK", "89,00\u00a0NOK" },
    { "sv_SE.UTF-8", 410000, "DKK", "4\u202f100,00\u00a0DKK" },
    { "sv_SE.UTF-8", 119814, "EUR", "1\u202f198,14\u00a0€" },
    { "en_US.UTF-8", 119814, "EUR", "€1,198.14" },
    { "en_US.UTF-8", 416570, "SEK", "SEK\u00a04,165.70" },
    { "en_US.UTF-8", 12345, "USD", "$123.45" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL;

      /* the suite builds these locales (tests/locales, LOCPATH): never skipped */
      g_assert_nonnull (setlocale (LC_ALL, cases[i].locale));
      text = dsp_money_format (cases[i].minor, cases[i].currency);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
  setlocale (LC_ALL, "C.UTF-8");
}

static void
test_deadline (void)
{
  gint64 now = dsp_time_parse ("2026-11-25T12:00:00Z");
  struct { gint64 offset; DspUrgency urgency; const char *text; } cases[] = {
    { -2 * 86400 - 10, DSP_URGENCY_OVERDUE, "Overdue by 2 days" },
    { -3 * 3600, DSP_URGENCY_OVERDUE, "Overdue by 3 hours" },
    { -60, DSP_URGENCY_OVERDUE, "Overdue" },
    { 5 * 60, DSP_URGENCY_TODAY, "5 minutes left" },
    { 5 * 3600, DSP_URGENCY_TODAY, "5 hours left" },
    { 20 * 3600, DSP_URGENCY_DAY, "20 hours left" },
    { 2 * 86400 + 60, DSP_URGENCY_THREE_DAYS, "2 days left" },
    { 5 * 86400, DSP_URGENCY_WEEK, "5 days left" },
    { 15 * 86400, DSP_URGENCY_LATER, "15 days left" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = dsp_deadline_countdown (now + cases[i].offset, now);

      g_assert_cmpint (dsp_deadline_urgency (now + cases[i].offset, now), ==, cases[i].urgency);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
  g_assert_null (dsp_deadline_countdown (0, now));
  g_assert_cmpint (dsp_deadline_urgency (0, now), ==, DSP_URGENCY_NONE);
}

static int
compare_urgency (gconstpointer a,
                 gconstpointer b)
{
  return dsp_dispute_compare_urgency (*(DspDispute **) a, *(DspDispute **) b);
}

/* Action needed by nearest deadline, then in review, then closed. */
static void
test_urgency_order (void)
{
  const char *names[] = { "closed_won.json", "representment.json", "initiated.json", "pre_arbitration.json" };
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_ptr_array_add (list, test_dispute_load (names[i], NULL));
  g_ptr_array_sort (list, compare_urgency);
  g_assert_cmpstr (dsp_dispute_get_purchase_reference (g_ptr_array_index (list, 0)), ==, "10484");
  g_assert_cmpstr (dsp_dispute_get_purchase_reference (g_ptr_array_index (list, 1)), ==, "10482");
  g_assert_cmpstr (dsp_dispute_get_purchase_reference (g_ptr_array_index (list, 2)), ==, "10483");
  g_assert_cmpstr (dsp_dispute_get_purchase_reference (g_ptr_array_index (list, 3)), ==, "10486");
}

static void
test_tidy (void)
{
  g_autofree char *a = dsp_code_tidy ("PARTNER_HAS__REFUNDED");
  g_autofree char *b = dsp_code_tidy ("");
  g_autofree char *c = dsp_code_tidy ("\xff\xfe" "BAD_UTF8");

  g_assert_cmpstr (a, ==, "Partner has refunded");
  g_assert_cmpstr (b, ==, "Unknown");
  g_assert_true (g_utf8_validate (c, -1, NULL));
}

static void
test_order (void)
{
  const char *json = "{\"order_id\": \"o-1\", \"purchase_currency\": \"EUR\", \"order_amount\": 9800,"
                     " \"billing_address\": {\"given_name\": \"Åsa\", \"family_name\": \"Berg\","
                     " \"email\": \"asa.berg@example.com\", \"phone\": \"+46 70 123 45 67\"},"
                     " \"shipping_address\": {\"street_address\": \"Storgatan 1\", \"postal_code\": \"111 22\","
                     " \"city\": \"Stockholm\", \"country\": \"SE\"},"
                     " \"order_lines\": [{\"name\": \"Sweater\", \"quantity\": 2, \"total_amount\": 9800}, 7]}";
  g_autoptr(JsonNode) root = dsp_json_parse (json, strlen (json), NULL);
  g_autoptr(DspOrder) order = dsp_order_new_from_json (json_node_get_object (root), NULL);
  g_autofree char *name = dsp_order_dup_customer_name (order);
  g_autofree char *address = dsp_order_dup_address (order);

  g_assert_cmpstr (name, ==, "Åsa Berg");
  g_assert_cmpstr (dsp_order_get_email (order), ==, "asa.berg@example.com");
  g_assert_cmpstr (dsp_order_get_phone (order), ==, "+46 70 123 45 67");
  g_assert_cmpstr (address, ==, "Storgatan 1\n111 22 Stockholm\nSE");
  g_assert_cmpuint (dsp_order_get_lines (order)->len, ==, 1);
}

static void
test_mailto (void)
{
  const char *dispute_json = "{\"payment_dispute_id\":\"krn:m\",\"state\":\"INITIATED\","
                             "\"purchase_reference\":\"10482&x=1#frag\",\"dispute_reason\":\"INCORRECT_AMOUNT\","
                             "\"dispute_details\":{\"dispute_amount\":4900,\"currency\":\"EUR\"}}";
  const char *order_json = "{\"order_id\":\"o\",\"billing_address\":{\"given_name\":\"Åsa?&\","
                           "\"family_name\":\"<Berg>%20\",\"email\":\"asa.berg+shop@example.com\"}}";
  const char *hostile[] = { "a@example.com\r\nBcc: x@y.z", "a@example.com?cc=x@y.z", "a@b.com,c@d.com",
                            "a@example.com&body=hi", "no-at-sign", "@example.com", "a@", "", "two@@example.com" };
  g_autoptr(JsonNode) dn = dsp_json_parse (dispute_json, strlen (dispute_json), NULL);
  g_autoptr(JsonNode) on = dsp_json_parse (order_json, strlen (order_json), NULL);
  g_autoptr(DspDispute) dispute = dsp_dispute_new_from_json (json_node_get_object (dn), NULL);
  g_autoptr(DspOrder) order = dsp_order_new_from_json (json_node_get_object (on), NULL);
  g_autofree char *uri = dsp_mailto_for (dispute, order, "Shop EU");
  g_auto(GStrv) halves = NULL;
  g_autofree char *subject = NULL, *body = NULL;

  g_assert_nonnull (uri);
  g_assert_true (g_str_has_prefix (uri, "mailto:asa.berg+shop@example.com?subject="));
  /* exactly one query, exactly two fields: nothing in the data adds a header */
  g_assert_cmpuint (strlen (uri) - strlen (strchr (uri, '?')), >, 0);
  g_assert_null (strchr (strchr (uri, '?') + 1, '?'));
  g_assert_null (strchr (uri, '#'));
  g_assert_null (strchr (uri, ' '));
  halves = g_strsplit (strchr (uri, '?') + 1, "&", -1);
  g_assert_cmpuint (g_strv_length (halves), ==, 2);
  subject = g_uri_unescape_string (halves[0] + strlen ("subject="), NULL);
  body = g_uri_unescape_string (halves[1] + strlen ("body="), NULL);
  g_assert_cmpstr (subject, ==, "Your order 10482&x=1#frag — your Klarna dispute");
  g_assert_true (g_str_has_prefix (body, "Hello Åsa?& <Berg>%20,\r\n\r\nyou opened a dispute"));
  g_assert_nonnull (strstr (body, "€49.00"));
  g_assert_true (g_str_has_suffix (body, "Shop EU"));

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    g_assert_false (dsp_mailto_address_is_safe (hostile[i]));
}

static void
check_file (const char  *name,
            goffset      size,
            const char  *head,
            gsize        head_length,
            const char  *expected_type,
            int          expected_error)
{
  g_autoptr(GError) error = NULL;
  const char *type = dsp_evidence_check_file (name, size, (const guint8 *) head, head_length, &error);

  if (expected_type)
    {
      g_assert_no_error (error);
      g_assert_cmpstr (type, ==, expected_type);
    }
  else
    {
      g_assert_null (type);
      g_assert_error (error, DSP_EVIDENCE_ERROR, expected_error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
}

/* Type by content, extension matching it, 7 MB, 10 files — before anything is sent. */
static void
test_evidence_files (void)
{
  g_autofree char *long_name = g_strnfill (1001, 'a');

  check_file ("Delivery note.PDF", 1000, "%PDF-1.7", 8, "application/pdf", 0);
  check_file ("photo.jpeg", 1000, "\xff\xd8\xff\xe0", 4, "image/jpeg", 0);
  check_file ("photo.png", 1000, "\x89PNG\r\n\x1a\n", 8, "image/png", 0);
  check_file ("letter.docx", 1000, "PK\x03\x04", 4,
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 0);
  check_file ("max.pdf", 7 * 1024 * 1024, "%PDF-1.7", 8, "application/pdf", 0);

  check_file ("big.pdf", 7 * 1024 * 1024 + 1, "%PDF-1.7", 8, NULL, DSP_EVIDENCE_ERROR_SIZE);
  check_file ("empty.pdf", 0, "", 0, NULL, DSP_EVIDENCE_ERROR_EMPTY);
  check_file ("program.pdf", 1000, "MZ\x90\x00", 4, NULL, DSP_EVIDENCE_ERROR_TYPE);
  check_file ("notes.txt", 1000, "Hello", 5, NULL, DSP_EVIDENCE_ERROR_TYPE);
  check_file ("short.pdf", 3, "%PD", 3, NULL, DSP_EVIDENCE_ERROR_TYPE);
  check_file ("photo.pdf", 1000, "\xff\xd8\xff\xe0", 4, NULL, DSP_EVIDENCE_ERROR_EXTENSION);
  check_file ("archive.zip", 1000, "PK\x03\x04", 4, NULL, DSP_EVIDENCE_ERROR_EXTENSION);
  check_file (long_name, 1000, "%PDF-1.7", 8, NULL, DSP_EVIDENCE_ERROR_NAME);
  check_file ("bad\xff.pdf", 1000, "%PDF-1.7", 8, NULL, DSP_EVIDENCE_ERROR_NAME);
  /* found by fuzz-evidence: the name in a message was shown as it was, not as UTF-8 */
  check_file ("bad\xff.pdf", 0, "", 0, NULL, DSP_EVIDENCE_ERROR_EMPTY);
  check_file ("bad\xff.pdf", 8 * 1024 * 1024, "%PDF-1.7", 8, NULL, DSP_EVIDENCE_ERROR_SIZE);

  g_assert_true (dsp_evidence_check_count (10, NULL));
  g_assert_false (dsp_evidence_check_count (11, NULL));
  g_assert_cmpuint (dsp_evidence_text_length ("Återbetalning"), ==, 13);
}

static void
test_money_parse (void)
{
  gint64 minor = -1;

  g_assert_true (dsp_money_parse ("12", "EUR", &minor));
  g_assert_cmpint (minor, ==, 1200);
  g_assert_true (dsp_money_parse (" 12,5 ", "EUR", &minor));
  g_assert_cmpint (minor, ==, 1250);
  g_assert_true (dsp_money_parse ("0.01", "SEK", &minor));
  g_assert_cmpint (minor, ==, 1);
  g_assert_true (dsp_money_parse ("1500", "JPY", &minor));
  g_assert_cmpint (minor, ==, 1500);
  g_assert_false (dsp_money_parse ("12.345", "EUR", &minor));
  g_assert_false (dsp_money_parse ("1.5", "JPY", &minor));
  g_assert_false (dsp_money_parse ("-5", "EUR", &minor));
  g_assert_false (dsp_money_parse ("1e3", "EUR", &minor));
  g_assert_false (dsp_money_parse ("", "EUR", &minor));
  g_assert_false (dsp_money_parse (".", "EUR", &minor));
  g_assert_false (dsp_money_parse ("1.2.3", "EUR", &minor));
  g_assert_false (dsp_money_parse ("99999999999999999999999", "EUR", &minor));

  /* Digits that would wrap a 64-bit number are refused, never read as €0.84. */
  minor = -1;
  g_assert_false (dsp_money_parse ("184467440737095517", "EUR", &minor));
  g_assert_false (dsp_money_parse ("92233720368547758", "EUR", &minor));
  g_assert_false (dsp_money_parse ("9223372036854775807", "JPY", &minor));
  g_assert_false (dsp_money_parse ("10000000000000.01", "EUR", &minor));
  g_assert_cmpint (minor, ==, -1);
  g_assert_true (dsp_money_parse ("9999999999999.99", "EUR", &minor));
  g_assert_cmpint (minor, ==, G_GINT64_CONSTANT (999999999999999));
  g_assert_true (dsp_money_parse ("1000000000000000", "JPY", &minor));
  g_assert_cmpint (minor, ==, G_GINT64_CONSTANT (1000000000000000));
}

typedef struct {
  gboolean respond, appeal, accept_loss, refund;
} Allowed;

static void
assert_allowed (DspDispute    *dispute,
                const Allowed *allowed)
{
  g_assert_cmpint (dsp_rules_can_respond (dispute), ==, allowed->respond);
  g_assert_cmpint (dsp_rules_can_appeal (dispute), ==, allowed->appeal);
  g_assert_cmpint (dsp_rules_can_accept_loss (dispute), ==, allowed->accept_loss);
  g_assert_cmpint (dsp_rules_can_refund (dispute), ==, allowed->refund);
}

/* What the owner may do in each state, at TEST_NOW and either side of a deadline. */
static void
test_rules (void)
{
  static const struct {
    const char *fixture;
    Allowed     allowed;
  } states[] = {
    { "initiated.json",       { TRUE,  FALSE, TRUE,  TRUE } },
    { "representment.json",   { FALSE, FALSE, FALSE, TRUE } },
    /* its appeal deadline passed five days before TEST_NOW */
    { "pre_arbitration.json", { FALSE, FALSE, TRUE,  TRUE } },
    { "arbitration.json",     { FALSE, FALSE, FALSE, TRUE } },
    { "closed_won.json",      { FALSE, FALSE, FALSE, FALSE } },
    { "closed_lost.json",     { FALSE, FALSE, FALSE, FALSE } },
  };
  static const Allowed too_late = { FALSE, FALSE, TRUE, TRUE };
  static const Allowed appealable = { FALSE, TRUE, TRUE, TRUE };
  static const Allowed old_framework = { TRUE, FALSE, TRUE, TRUE };
  static const Allowed no_order = { TRUE, FALSE, TRUE, FALSE };
  static const Allowed evidence_sent = { FALSE, FALSE, TRUE, TRUE };
  g_autoptr(DspDispute) initiated = test_dispute_load ("initiated.json", NULL);
  g_autoptr(DspDispute) pre_arbitration = test_dispute_load ("pre_arbitration.json", NULL);
  g_autoptr(DspDispute) unknown = test_dispute_new ("{\"payment_dispute_id\": \"d-1\", \"order_id\": \"o-1\"}");
  g_autoptr(DspDispute) older = test_dispute_new ("{\"payment_dispute_id\": \"d-2\", \"state\": \"INITIATED\", "
                                                  "\"order_id\": \"o-2\"}");
  g_autoptr(DspDispute) orderless = test_dispute_new ("{\"payment_dispute_id\": \"d-3\", \"state\": \"INITIATED\", "
                                                      "\"order_id\": \"\"}");
  g_autoptr(DspDispute) received = test_dispute_new ("{\"payment_dispute_id\": \"d-4\", \"state\": \"INITIATED\", "
                                                     "\"order_id\": \"o-4\", \"state_context\": {\"representment\": "
                                                     "{\"state\": \"EVIDENCE_RECEIVED\"}}}");

  dsp_clock_set_fixed (dsp_time_parse (TEST_NOW));
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autoptr(DspDispute) dispute = test_dispute_load (states[i].fixture, NULL);

      g_test_message ("%s", states[i].fixture);
      assert_allowed (dispute, &states[i].allowed);
    }
  /* An unknown state allows a refund only; no deadline means no time limit. */
  assert_allowed (unknown, &(Allowed) { FALSE, FALSE, FALSE, TRUE });
  assert_allowed (older, &old_framework);
  assert_allowed (orderless, &no_order);
  assert_allowed (received, &evidence_sent);

  /* The response deadline is 2026-12-11T09:15Z: answering ends there, accepting the loss does not. */
  dsp_clock_set_fixed (dsp_time_parse ("2026-12-11T09:14:59Z"));
  g_assert_true (dsp_rules_can_respond (initiated));
  dsp_clock_set_fixed (dsp_time_parse ("2026-12-11T09:15:00Z"));
  assert_allowed (initiated, &too_late);

  /* The appeal deadline is 2026-11-20T10:00Z. */
  dsp_clock_set_fixed (dsp_time_parse ("2026-11-20T09:59:59Z"));
  assert_allowed (pre_arbitration, &appealable);
  dsp_clock_set_fixed (dsp_time_parse ("2026-11-20T10:00:00Z"));
  g_assert_false (dsp_rules_can_appeal (pre_arbitration));
  test_clock_reset ();
}

/* A page's disputes as received: each element's own text, and nothing
 * when the document is not plainly an object with that array once. */
static void
test_json_split (void)
{
  struct { const char *document; const char *elements; } cases[] = {
    { "{\"disputes\":[{\"a\":1},{\"b\":[2,\"]\\\"}\"]}],\"pagination\":{}}", "{\"a\":1}|{\"b\":[2,\"]\\\"}\"]}" },
    { " { \"x\" : \"disputes\" , \"disputes\" : [ 1 , true , null , -2.5e3 ] } ", "1|true|null|-2.5e3" },
    { "{\"disputes\":[]}", "" },
    { "{\"disp\\u0075tes\":[1]}", NULL },        /* spelt with an escape */
    { "{\"disputes\":[1],\"disputes\":[2]}", NULL }, /* twice */
    { "{\"disputes\":{}}", NULL },
    { "[1,2]", NULL },
    { "{\"other\":[1]}", NULL },
    { "{\"disputes\":[1,]}", NULL },
    { "{\"disputes\":[\"unterminated]}", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) texts = dsp_json_split_array (cases[i].document, strlen (cases[i].document), "disputes");
      g_autofree char *joined = NULL;

      if (cases[i].elements == NULL)
        {
          g_assert_null (texts);
          continue;
        }
      g_assert_nonnull (texts);
      g_ptr_array_add (texts, NULL);
      joined = g_strjoinv ("|", (char **) texts->pdata);
      g_assert_cmpstr (joined, ==, cases[i].elements);
    }
}

/* A long sync in words: the count, then the time left at the pace so far. */
static void
test_sync_progress_words (void)
{
  struct { guint fetched, total; gint64 elapsed_ms; const char *said; } cases[] = {
    { 0, 1, 0, "0 of 1 dispute" },
    { 100, 10000, 1000, "100 of 10000 disputes" },
    { 5000, 10000, 20000, "5000 of 10000 disputes · about 20 seconds left" },
    { 9900, 10000, 20000, "9900 of 10000 disputes · a few seconds left" },
    { 1000, 10000, 20000, "1000 of 10000 disputes · about 3 minutes left" },
    { 100, 100000, 3000, "100 of 100000 disputes · about 50 minutes left" },
    { 12000, 10000, 5000, "10000 of 10000 disputes" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *said = dsp_sync_progress_to_string (cases[i].fetched, cases[i].total, cases[i].elapsed_ms);

      g_assert_cmpstr (said, ==, cases[i].said);
    }
}

/* A hundred thousand list items: each within its budget (a slab of 144
 * bytes), and what it holds read back as given — NULLs as NULLs. */
static void
test_item (void)
{
  GTypeQuery query;
  DspItemData data = { "shop", "krn:1", "10042", "ord-7", NULL, "INCORRECT_AMOUNT", "SEK", "INITIATED", 12995,
                       DSP_STATUS_NEEDS_RESPONSE, 1700000000, 1690000000, 1690000001, 0, 0 };
  DspItemData bare = { "shop", "krn:1", NULL, NULL, NULL, NULL, NULL, NULL, 0, DSP_STATUS_UNKNOWN, 0, 0, 0, 0, 0 };
  g_autoptr(DspDisputeItem) item = dsp_dispute_item_new (&data);
  g_autoptr(DspDisputeItem) empty = dsp_dispute_item_new (&bare);

  g_type_query (DSP_TYPE_DISPUTE_ITEM, &query);
  g_assert_cmpuint (query.instance_size, <=, 144);
  g_assert_cmpstr (dsp_dispute_item_get_reference (item), ==, "10042");
  g_assert_cmpstr (dsp_dispute_item_get_order_id (item), ==, "ord-7");
  g_assert_cmpstr (dsp_dispute_item_get_currency (item), ==, "SEK");
  g_assert_cmpint (dsp_dispute_item_get_status (item), ==, DSP_STATUS_NEEDS_RESPONSE);
  g_assert_null (dsp_dispute_item_get_reference (empty));
  g_assert_null (dsp_dispute_item_get_order_id (empty));
  g_assert_null (dsp_dispute_item_get_currency (empty));
  /* the same dispute, known better: the texts follow, a draft stays */
  dsp_dispute_item_set_drafted (empty, TRUE);
  g_assert_true (dsp_dispute_item_update (empty, item));
  g_assert_false (dsp_dispute_item_update (empty, item));
  g_assert_cmpstr (dsp_dispute_item_get_order_id (empty), ==, "ord-7");
  g_assert_cmpstr (dsp_dispute_item_get_currency (empty), ==, "SEK");
  g_assert_true (dsp_dispute_item_get_drafted (empty));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  test_init (&argc, &argv);

  g_test_add_func ("/model/sync-progress-words", test_sync_progress_words);
  g_test_add_func ("/model/json-split", test_json_split);
  g_test_add_func ("/model/initiated", test_initiated);
  g_test_add_func ("/model/item", test_item);
  g_test_add_func ("/model/initiated-evidence-received", test_initiated_evidence_received);
  g_test_add_func ("/model/representment", test_representment);
  g_test_add_func ("/model/pre-arbitration", test_pre_arbitration);
  g_test_add_func ("/model/arbitration", test_arbitration);
  g_test_add_func ("/model/closed", test_closed);
  g_test_add_func ("/model/unknown-values", test_unknown_values);
  g_test_add_func ("/model/wrong-types", test_wrong_types);
  g_test_add_func ("/model/missing-id", test_missing_id);
  g_test_add_func ("/model/hostile-json", test_hostile_json);
  g_test_add_func ("/model/strict-json", test_strict_json);
  g_test_add_func ("/model/json-round-trip", test_json_round_trip);
  g_test_add_func ("/model/codes-not-kept", test_codes_not_kept);
  g_test_add_func ("/model/timestamps", test_timestamps);
  g_test_add_func ("/model/money", test_money);
  g_test_add_func ("/model/money-locales", test_money_locales);
  g_test_add_func ("/model/deadline", test_deadline);
  g_test_add_func ("/model/urgency-order", test_urgency_order);
  g_test_add_func ("/model/tidy", test_tidy);
  g_test_add_func ("/model/order", test_order);
  g_test_add_func ("/model/mailto", test_mailto);
  g_test_add_func ("/model/evidence-files", test_evidence_files);
  g_test_add_func ("/model/money-parse", test_money_parse);
  g_test_add_func ("/model/rules", test_rules);

  return g_test_run ();
}
