/* test-notify.c — the deadline engine and the notification rules, on fixed
 * clocks and named time zones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dsp-deadline.h"
#include "dsp-json.h"
#include "dsp-notify-rules.h"
#include "dsp-time.h"
#include "test-util.h"

static GTimeZone *berlin;

static gint64
at (const char *text)
{
  gint64 value = dsp_time_parse (text);

  g_assert_cmpint (value, !=, 0);
  return value;
}

static void
test_business_days (void)
{
  gint64 friday = at ("2026-11-27T10:00:00+01:00");
  GDate closing;

  g_date_clear (&closing, 1);
  g_date_set_dmy (&closing, 1, G_DATE_DECEMBER, 2026);

  g_assert_cmpint (dsp_deadline_business_days (at ("2026-11-27T18:00:00+01:00"), friday, berlin, NULL, 0), ==, 0);
  g_assert_cmpint (dsp_deadline_business_days (at ("2026-11-30T10:00:00+01:00"), friday, berlin, NULL, 0), ==, 1);
  g_assert_cmpint (dsp_deadline_business_days (at ("2026-12-02T10:00:00+01:00"), friday, berlin, NULL, 0), ==, 3);
  /* the owner's closing day (Tuesday 1 December) does not count */
  g_assert_cmpint (dsp_deadline_business_days (at ("2026-12-02T10:00:00+01:00"), friday, berlin, &closing, 1), ==, 2);
  /* overdue since Wednesday: Thursday and Friday gone */
  g_assert_cmpint (dsp_deadline_business_days (at ("2026-11-25T10:00:00+01:00"), friday, berlin, NULL, 0), ==, -2);
  g_assert_cmpint (dsp_deadline_business_days (0, friday, berlin, NULL, 0), ==, 0);

  {
    const char *texts[] = { "2026-12-01", "not a date", "2026-02-30", NULL };
    g_autoptr(GArray) parsed = dsp_deadline_parse_closing_days (texts);

    g_assert_cmpuint (parsed->len, ==, 1);
    g_assert_cmpint (g_date_compare (&g_array_index (parsed, GDate, 0), &closing), ==, 0);
  }
}

static void
test_dst_and_zones (void)
{
  g_autoptr(GTimeZone) tokyo = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  /* Berlin leaves summer time on Sunday 25 October 2026: that day has 25 hours. */
  gint64 saturday_noon = at ("2026-10-24T12:00:00+02:00");
  gint64 monday_noon = at ("2026-10-26T12:00:00+01:00");
  gint64 deadline = at ("2026-11-26T02:00:00Z");
  gint64 now = at ("2026-11-25T20:00:00Z");
  g_autofree char *in_berlin = dsp_time_format_in (monday_noon, berlin);

  g_assert_cmpint (monday_noon - saturday_noon, ==, 49 * 3600);
  g_assert_cmpint (dsp_deadline_business_days (monday_noon, saturday_noon, berlin, NULL, 0), ==, 1);
  g_assert_cmpint (dsp_deadline_urgency_in (monday_noon, saturday_noon, berlin), ==, DSP_URGENCY_THREE_DAYS);
  g_assert_cmpstr (in_berlin, ==, "Mon 26 October 2026, 12:00");

  /* Six hours left: New York 15:00 → 21:00 and Tokyo 05:00 → 11:00 are the
   * same day there, so "due today" */
  g_assert_cmpint (dsp_deadline_urgency_in (deadline, now, new_york), ==, DSP_URGENCY_TODAY);
  g_assert_cmpint (dsp_deadline_urgency_in (deadline, now, tokyo), ==, DSP_URGENCY_TODAY);
  /* Berlin: 21:00 → 03:00 the next day: under a day, not today */
  g_assert_cmpint (dsp_deadline_urgency_in (deadline, now, berlin), ==, DSP_URGENCY_DAY);
}

static DspDispute *
dispute (const char *id,
         const char *state,
         gint64      deadline,
         const char *outcome)
{
  g_autofree char *expires = dsp_time_format_rfc3339 (deadline);
  g_autofree char *json = g_strdup_printf (
    "{\"payment_dispute_id\":\"%s\",\"state\":\"%s\",\"dispute_reason\":\"PRODUCTS_OR_SERVICES_NOT_RECEIVED\","
    "\"purchase_reference\":\"10482\",\"dispute_details\":{\"dispute_amount\":4900,\"currency\":\"EUR\"},"
    "\"state_context\":{\"representment\":{\"state\":\"EVIDENCE_REQUESTED\",\"expires_at\":\"%s\"}%s%s%s}}",
    id, state, expires, outcome ? ",\"dispute_outcome\":\"" : "", outcome ? outcome : "", outcome ? "\"" : "");
  g_autoptr(JsonNode) node = dsp_json_parse (json, strlen (json), NULL);

  return dsp_dispute_new_from_json (json_node_get_object (node), NULL);
}

static const DspNotifyPolicy default_policy = {
  dsp_default_ladder, G_N_ELEMENTS (dsp_default_ladder), -1, -1, 3,
};

/* Sends the plan: records each step, returns "kind:step" lines shown. */
static char *
send (GPtrArray             *disputes,
      GHashTable            *sent,
      GHashTable            *resolved,
      const DspNotifyPolicy *policy,
      gint64                 now)
{
  g_autoptr(GPtrArray) plan = dsp_notify_plan (disputes, sent, resolved, policy, now, berlin);
  g_autoptr(GString) shown = g_string_new (NULL);

  for (guint i = 0; i < plan->len; i++)
    {
      DspNotice *notice = g_ptr_array_index (plan, i);

      if (notice->dispute)
        g_hash_table_add (sent, dsp_notify_sent_key (notice->dispute, notice->step));
      if (!notice->silent)
        g_string_append_printf (shown, "%s%s", shown->len ? " " : "", notice->step);
    }
  return g_string_free (g_steal_pointer (&shown), FALSE);
}

static GHashTable *
new_set (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
test_ladder (void)
{
  gint64 now = at ("2026-11-25T12:00:00Z");
  gint64 deadline = now + 10 * 86400;
  g_autoptr(GPtrArray) disputes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) sent = new_set ();
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL, *f = NULL, *g = NULL;

  g_ptr_array_add (disputes, dispute ("krn:1", "INITIATED", deadline, NULL));
  a = send (disputes, sent, NULL, &default_policy, now);
  g_assert_cmpstr (a, ==, "new");
  b = send (disputes, sent, NULL, &default_policy, deadline - 6 * 86400);
  g_assert_cmpstr (b, ==, "reminder-604800");
  c = send (disputes, sent, NULL, &default_policy, deadline - 6 * 86400 + 60);
  g_assert_cmpstr (c, ==, "");
  d = send (disputes, sent, NULL, &default_policy, deadline - 2 * 86400);
  g_assert_cmpstr (d, ==, "reminder-259200");
  e = send (disputes, sent, NULL, &default_policy, deadline - 3600);
  /* a day and two hours both reached while the app was asleep: the nearer one */
  g_assert_cmpstr (e, ==, "reminder-7200");
  f = send (disputes, sent, NULL, &default_policy, deadline + 1);
  g_assert_cmpstr (f, ==, "overdue");
  g = send (disputes, sent, NULL, &default_policy, deadline + 86400);
  g_assert_cmpstr (g, ==, "");
}

static void
test_first_seen_late (void)
{
  gint64 now = at ("2026-11-25T12:00:00Z");
  g_autoptr(GPtrArray) disputes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) sent = new_set ();
  g_autofree char *shown = NULL;

  g_ptr_array_add (disputes, dispute ("krn:late", "INITIATED", now + 20 * 3600, NULL));
  /* one notification, urgent: the new dispute's says the deadline; the day's
   * reminder is recorded with it and does not come a minute later */
  {
    g_autoptr(GPtrArray) plan = dsp_notify_plan (disputes, sent, NULL, &default_policy, now, berlin);

    g_assert_cmpuint (plan->len, ==, 2);
    g_assert_true (((DspNotice *) g_ptr_array_index (plan, 0))->urgent);
    g_assert_true (((DspNotice *) g_ptr_array_index (plan, 1))->silent);
  }
  shown = send (disputes, sent, NULL, &default_policy, now);
  g_assert_cmpstr (shown, ==, "new");
  g_free (shown);
  shown = send (disputes, sent, NULL, &default_policy, now + 60);
  g_assert_cmpstr (shown, ==, "");
}

static void
test_quiet_hours (void)
{
  DspNotifyPolicy quiet = default_policy;
  gint64 late = at ("2026-11-25T23:00:00+01:00");
  gint64 morning = at ("2026-11-26T07:05:00+01:00");
  g_autoptr(GPtrArray) disputes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) sent = new_set ();
  g_autofree char *night = NULL, *day = NULL;

  quiet.quiet_start = 22 * 60;
  quiet.quiet_end = 7 * 60;
  g_ptr_array_add (disputes, dispute ("krn:q", "INITIATED", late + 12 * 3600, NULL));
  g_assert_true (dsp_notify_is_quiet (&quiet, late, berlin));
  night = send (disputes, sent, NULL, &quiet, late);
  g_assert_cmpstr (night, ==, "");
  /* delivered when the quiet hours end (one notice: the new dispute's says its deadline) */
  day = send (disputes, sent, NULL, &quiet, morning);
  g_assert_cmpstr (day, ==, "new");
}

static void
test_burst (void)
{
  gint64 now = at ("2026-11-25T12:00:00Z");
  g_autoptr(GPtrArray) disputes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) sent = new_set ();
  g_autoptr(GPtrArray) plan = NULL;
  g_autofree char *shown = NULL, *again = NULL, *due = NULL;
  DspNotice *summary;
  g_autofree char *title = NULL, *body = NULL;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("krn:burst-%u", i);
      g_ptr_array_add (disputes, dispute (id, "INITIATED", now + 20 * 86400, NULL));
    }
  plan = dsp_notify_plan (disputes, sent, NULL, &default_policy, now, berlin);
  summary = g_ptr_array_index (plan, plan->len - 1);
  g_assert_cmpint (summary->kind, ==, DSP_NOTICE_SUMMARY);
  g_assert_cmpuint (summary->count, ==, 5);
  dsp_notice_text (summary, berlin, &title, &body);
  g_assert_cmpstr (title, ==, "5 new Klarna disputes");

  shown = send (disputes, sent, NULL, &default_policy, now);
  g_assert_cmpstr (shown, ==, "summary-new");
  /* recorded one by one: no repeats after a restart either */
  again = send (disputes, sent, NULL, &default_policy, now + 60);
  g_assert_cmpstr (again, ==, "");
  /* five reminders due at once: one summary too, not five */
  due = send (disputes, sent, NULL, &default_policy, now + 14 * 86400);
  g_assert_cmpstr (due, ==, "summary");
}

static void
test_resolved_and_closed (void)
{
  gint64 now = at ("2026-11-25T12:00:00Z");
  g_autoptr(GPtrArray) disputes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) sent = new_set ();
  g_autoptr(GHashTable) resolved = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *first = NULL, *later = NULL, *decided = NULL, *twice = NULL, *quiet = NULL;

  g_ptr_array_add (disputes, dispute ("krn:mine", "INITIATED", now + 2 * 86400, NULL));
  g_hash_table_add (resolved, (gpointer) "krn:mine");
  first = send (disputes, sent, resolved, &default_policy, now);
  g_assert_cmpstr (first, ==, "new");
  g_assert_true (dsp_notify_withdraws (g_ptr_array_index (disputes, 0), resolved));
  later = send (disputes, sent, resolved, &default_policy, now + 2 * 86400 + 1);
  g_assert_cmpstr (later, ==, "");

  /* closed before the app ever saw it: recorded, not announced */
  g_ptr_array_set_size (disputes, 0);
  g_ptr_array_add (disputes, dispute ("krn:old", "CLOSED", now, "LOST"));
  quiet = send (disputes, sent, NULL, &default_policy, now);
  g_assert_cmpstr (quiet, ==, "");

  /* seen open, then won: announced once */
  g_ptr_array_set_size (disputes, 0);
  g_ptr_array_add (disputes, dispute ("krn:won", "INITIATED", now + 20 * 86400, NULL));
  g_free (send (disputes, sent, NULL, &default_policy, now));
  g_ptr_array_set_size (disputes, 0);
  g_ptr_array_add (disputes, dispute ("krn:won", "CLOSED", now, "WON"));
  decided = send (disputes, sent, NULL, &default_policy, now);
  g_assert_cmpstr (decided, ==, "decision");
  g_assert_true (dsp_notify_withdraws (g_ptr_array_index (disputes, 0), NULL));
  twice = send (disputes, sent, NULL, &default_policy, now + 60);
  g_assert_cmpstr (twice, ==, "");
}

/* Klarna asking for evidence again, later in a dispute: said once per request. */
static void
test_evidence_request (void)
{
  gint64 now = at ("2026-11-25T12:00:00Z");
  g_autofree char *json = g_strdup_printf (
    "{\"payment_dispute_id\":\"krn:ev\",\"state\":\"PRE_ARBITRATION\",\"dispute_details\":{\"dispute_amount\":100,\"currency\":\"EUR\"},"
    "\"state_context\":{\"arbitration_expires_at\":\"2026-12-05T12:00:00Z\"},"
    "\"representment\":{\"state\":\"EVIDENCE_REQUESTED\",\"expires_at\":\"2026-12-09T12:00:00Z\","
    "\"request\":{\"requested_at\":\"2026-11-25T10:00:00Z\",\"additional_information\":\"More please\"}}}");
  g_autoptr(JsonNode) node = dsp_json_parse (json, strlen (json), NULL);
  g_autoptr(GPtrArray) disputes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) sent = new_set ();
  g_autofree char *first = NULL, *second = NULL;

  g_ptr_array_add (disputes, dsp_dispute_new_from_json (json_node_get_object (node), NULL));
  g_hash_table_add (sent, g_strdup ("krn:ev|new"));
  first = send (disputes, sent, NULL, &default_policy, now);
  g_assert_nonnull (strstr (first, "evidence-"));
  second = send (disputes, sent, NULL, &default_policy, now + 60);
  g_assert_null (strstr (second, "evidence-"));
}

static void
test_text (void)
{
  g_autoptr(DspDispute) d = dispute ("krn:t", "INITIATED", at ("2026-12-16T09:15:00Z"), NULL);
  DspNotice notice = { DSP_NOTICE_NEW, d, (char *) "new", 1, FALSE };
  g_autofree char *title = NULL, *body = NULL;

  dsp_notice_text (&notice, berlin, &title, &body);
  g_assert_cmpstr (title, ==, "New Klarna dispute — €49.00");
  g_assert_cmpstr (body, ==, "Products not received, order 10482. Respond by Wed 16 December 2026, 10:15.");
  g_assert_null (strchr (body, '<'));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  test_init (&argc, &argv);
  berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_assert_nonnull (berlin);

  g_test_add_func ("/notify/business-days", test_business_days);
  g_test_add_func ("/notify/dst-and-zones", test_dst_and_zones);
  g_test_add_func ("/notify/ladder", test_ladder);
  g_test_add_func ("/notify/first-seen-late", test_first_seen_late);
  g_test_add_func ("/notify/quiet-hours", test_quiet_hours);
  g_test_add_func ("/notify/burst", test_burst);
  g_test_add_func ("/notify/resolved-and-closed", test_resolved_and_closed);
  g_test_add_func ("/notify/evidence-request", test_evidence_request);
  g_test_add_func ("/notify/text", test_text);

  status = g_test_run ();
  g_time_zone_unref (berlin);
  return status;
}
