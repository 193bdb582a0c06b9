/* test-report.c — what the store tells the owner beyond the list: the CSV
 * export read back as a spreadsheet would (every row, hostile names inert),
 * and the insight figures against the disputes themselves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dsp-csv.h"
#include "dsp-clock.h"
#include "dsp-export.h"
#include "dsp-store-insight.h"
#include "dsp-source.h"
#include "store-fixture.h"
#include "test-util.h"

#define N_COLUMNS 18
#define COLUMN_ORDER 1
#define COLUMN_ID 2
#define COLUMN_CUSTOMER 3
#define COLUMN_AMOUNT 8
#define COLUMN_NOTE 17

/* Names a spreadsheet would run, and names that need quoting. */
static const char *hostile[] = {
  "=HYPERLINK(\"http://evil.example\",\"Click\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
  "  =1+1", "\tTab", "Ann \"the\" O'Hara, Jr.", "Line\r\nBreak", "Ünïcödé, “quoted”",
};

/* RFC 4180, as a strict reader takes it: a GPtrArray (a row) of GStrv. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GStrvBuilder) row = g_strv_builder_new ();
  g_autoptr(GString) cell = g_string_new (NULL);
  const char *c = text;

  g_assert_true (g_str_has_prefix (c, "\xef\xbb\xbf"));
  for (c += 3; *c; )
    {
      if (*c == '"')
        {
          for (c++; !(c[0] == '"' && c[1] != '"'); c++)
            {
              g_assert_true (*c != '\0');
              if (*c == '"')
                c++;
              g_string_append_c (cell, *c);
            }
          c++;
        }
      else
        while (*c && *c != ',' && *c != '\r')
          {
            g_assert_true (*c != '"' && *c != '\n');
            g_string_append_c (cell, *c++);
          }
      g_strv_builder_add (row, cell->str);
      g_string_truncate (cell, 0);
      if (*c == ',')
        c++;
      else
        {
          g_assert_true (c[0] == '\r' && c[1] == '\n');
          c += 2;
          g_ptr_array_add (rows, g_strv_builder_end (row));
        }
    }
  return rows;
}

static void
save_customer (Fixture    *f,
               const char *source,
               DspDispute *dispute,
               const char *name)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "order_id");
  json_builder_add_string_value (builder, dsp_dispute_get_order_id (dispute));
  json_builder_set_member_name (builder, "billing_address");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "given_name");
  json_builder_add_string_value (builder, name);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  dsp_store_save_order_async (f->store, source, dsp_dispute_get_order_id (dispute), json, test_store_result, &result);
  g_assert_true (dsp_store_write_finish (f->store, test_wait_result (&result, 10000), NULL));
}

static GPtrArray *
sources_of (Fixture *f)
{
  GPtrArray *sources = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(DspClient) client = dsp_client_new (dsp_simulator_get_base_url (f->sims[i]), NULL,
                                                    DSP_SIMULATOR_DEMO_KEY, NULL);

      g_ptr_array_add (sources, dsp_source_new_for_client (client, stores[i], f->store));
    }
  return sources;
}

static GPtrArray *
export (Fixture        *f,
        const DspQuery *query)
{
  g_autoptr(GPtrArray) sources = sources_of (f);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autofree char *text = NULL;
  GPtrArray *rows;
  guint n = 0;

  dsp_export_async (sources, query, NULL, test_store_result, &result);
  csv = dsp_export_finish (test_wait_result (&result, 20000), &n, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));
  g_assert_true (g_utf8_validate (text, -1, NULL));
  rows = parse_csv (text);
  g_assert_cmpuint (rows->len, ==, n + 1);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpuint (g_strv_length (g_ptr_array_index (rows, i)), ==, N_COLUMNS);
  return rows;
}

static gboolean
runs_as_formula (const char *cell,
                 guint       column)
{
  cell += strspn (cell, " ");
  return column != COLUMN_AMOUNT && *cell && strchr ("=+-@\t\r", *cell);
}

static void
test_export_all (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(DspQuery) everything = dsp_query_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  DspDispute *noted = g_ptr_array_index (f->disputes[1], 0);

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    save_customer (f, "shop-2", g_ptr_array_index (f->disputes[1], i), hostile[i]);
  dsp_store_set_mark_async (f->store, "shop-2", dsp_dispute_get_id (noted), 1700000000, "=cmd|' /C calc'!A0",
                            test_store_result, &result);
  g_assert_true (dsp_store_write_finish (f->store, test_wait_result (&result, 10000), NULL));
  rows = export (f, everything);
  /* every dispute of both stores, once each (the same ids in both) */
  g_assert_cmpuint (rows->len, ==, 1 + f->disputes[0]->len + f->disputes[1]->len);
  for (guint i = 1; i < rows->len; i++)
    {
      GStrv row = g_ptr_array_index (rows, i);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (seen, row[COLUMN_ID]));

      g_hash_table_replace (seen, g_strdup (row[COLUMN_ID]), GUINT_TO_POINTER (count + 1));
      for (guint c = 0; c < N_COLUMNS; c++)
        g_assert_false (runs_as_formula (row[c], c));
      g_assert_true (g_regex_match_simple ("^[0-9]+(\\.[0-9]+)?$", row[COLUMN_AMOUNT], 0, 0));
    }
  for (guint i = 0; i < f->disputes[0]->len; i++)
    g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (seen, dsp_dispute_get_id (g_ptr_array_index (f->disputes[0], i)))), ==, 2);
  /* each hostile name there as written, behind an apostrophe when it would run */
  for (guint h = 0; h < G_N_ELEMENTS (hostile); h++)
    {
      g_autofree char *name = g_strstrip (g_strdup (hostile[h])); /* as the order's name is read */
      gboolean found = FALSE;

      for (guint i = 1; i < rows->len && !found; i++)
        {
          GStrv row = g_ptr_array_index (rows, i);
          const char *cell = row[COLUMN_CUSTOMER];

          found = g_str_equal (cell, name) ||
                  (cell[0] == '\'' && g_str_equal (cell + 1, name) && runs_as_formula (name, 0));
        }
      g_assert_true (found);
    }
  {
    gboolean noted_found = FALSE;

    for (guint i = 1; i < rows->len; i++)
      noted_found |= g_str_equal (((GStrv) g_ptr_array_index (rows, i))[COLUMN_NOTE], "'=cmd|' /C calc'!A0");
    g_assert_true (noted_found);
  }
}

/* Cells one by one: quoting, and what a spreadsheet would run. */
static void
test_csv_cells (void)
{
  g_autoptr(GString) csv = g_string_new (NULL);

  dsp_csv_add_text (csv, "  =1+1");
  dsp_csv_add_text (csv, "\tx");
  dsp_csv_add_text (csv, "-5");
  dsp_csv_add_value (csv, "-5.00");
  dsp_csv_add_text (csv, "a,b");
  dsp_csv_add_text (csv, "say \"hi\"");
  dsp_csv_add_text (csv, NULL);
  dsp_csv_add_text (csv, "two\nlines");
  dsp_csv_add_text (csv, "\xff bad");
  dsp_csv_end_row (csv);
  g_assert_cmpstr (csv->str, ==, "'  =1+1,'\tx,'-5,-5.00,\"a,b\",\"say \"\"hi\"\"\",,\"two\nlines\",\xef\xbf\xbd bad\r\n");
}

/* The view as shown: its state, store, reason and search, in its order. */
static void
test_export_view (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(DspQuery) query = dsp_query_new ();
  g_autoptr(DspTally) view = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  query->group = DSP_QUERY_NEEDS_RESPONSE;
  query->source_id = g_strdup ("shop-1");
  query->sort = DSP_QUERY_SORT_AMOUNT;
  view = tally_rows (f, query, -1);
  rows = export (f, query);
  g_assert_cmpuint (view->items->len, >, 10);
  g_assert_cmpuint (rows->len, ==, view->items->len + 1);
  for (guint i = 0; i < view->items->len; i++)
    {
      DspDisputeItem *item = g_ptr_array_index (view->items, i);
      GStrv row = g_ptr_array_index (rows, i + 1);
      g_autofree char *amount = NULL;

      g_assert_cmpstr (row[COLUMN_ID], ==, dsp_dispute_item_get_id (item));
      g_assert_cmpstr (row[COLUMN_ORDER], ==, dsp_dispute_item_get_reference (item));
      g_assert_cmpstr (row[6], ==, "Needs your response");
      g_assert_cmpstr (row[7], ==, "INITIATED");
      g_assert_cmpstr (row[9], ==, dsp_dispute_item_get_currency (item));
      amount = g_strdup_printf ("%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT, dsp_dispute_item_get_amount (item) / 100,
                                dsp_dispute_item_get_amount (item) % 100);
      g_assert_cmpstr (row[COLUMN_AMOUNT], ==, amount);
      g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$", row[10], 0, 0));
    }
}

static DspInsight *
insight_since (Fixture *f,
               gint64   from)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "Shop One", "Shop Two", NULL };
  DspInsight *insight;

  dsp_store_insight_async (f->store, stores, names, from, NULL, test_store_result, &result);
  insight = dsp_store_insight_finish (f->store, test_wait_result (&result, 10000), &error);
  g_assert_no_error (error);
  return insight;
}

static gint64
stake_in (GArray     *stakes,
          const char *currency)
{
  for (guint i = 0; i < stakes->len; i++)
    if (g_str_equal (g_array_index (stakes, DspStake, i).currency, currency))
      return g_array_index (stakes, DspStake, i).amount;
  return 0;
}

/* The truth, from every dispute read back whole: the same figures. */
static void
assert_insight (Fixture *f,
                gint64   from)
{
  g_autoptr(DspInsight) insight = insight_since (f, from);
  g_autoptr(GArray) at_risk = g_array_new (FALSE, TRUE, sizeof (DspStake));
  g_autoptr(GArray) recovered = g_array_new (FALSE, TRUE, sizeof (DspStake));
  g_autoptr(GArray) lost_money = g_array_new (FALSE, TRUE, sizeof (DspStake));
  guint won = 0, lost = 0, accepted = 0, open = 0, opened = 0, in_weeks = 0, weeks = 0;
  const char *currencies[] = { "EUR", "SEK", "GBP", "USD", "NOK" };

  for (guint s = 0; s < 2; s++)
    for (guint i = 0; i < f->disputes[s]->len; i++)
      {
        DspDispute *d = g_ptr_array_index (f->disputes[s], i);
        DspStatus status = dsp_dispute_get_klarna_status (d);
        DspOutcome outcome = dsp_outcome_of (status, dsp_dispute_get_outcome_detailed (d));
        gboolean closed = dsp_dispute_get_closed_at (d) >= from && outcome != DSP_OUTCOME_NONE;

        if (status != DSP_STATUS_WON && status != DSP_STATUS_LOST && status != DSP_STATUS_CLOSED)
          {
            open++;
            dsp_stake_add (at_risk, dsp_dispute_get_currency (d), dsp_dispute_get_amount (d));
          }
        opened += dsp_dispute_get_created_at (d) >= from;
        in_weeks += dsp_dispute_get_created_at (d) >= insight->week_start[0];
        won += closed && outcome == DSP_OUTCOME_WON;
        lost += closed && outcome == DSP_OUTCOME_LOST;
        accepted += closed && outcome == DSP_OUTCOME_ACCEPTED;
        if (closed)
          dsp_stake_add (outcome == DSP_OUTCOME_WON ? recovered : lost_money, dsp_dispute_get_currency (d),
                         dsp_dispute_get_amount (d));
      }
  g_test_message ("since %" G_GINT64_FORMAT ": %u opened, %u won, %u lost, %u accepted, %u open", from, opened, won,
                  lost, accepted, open);
  g_assert_cmpuint (insight->at_risk_count, ==, open);
  g_assert_cmpuint (insight->opened, ==, opened);
  g_assert_cmpuint (insight->won, ==, won);
  g_assert_cmpuint (insight->lost, ==, lost);
  g_assert_cmpuint (insight->accepted, ==, accepted);
  for (guint c = 0; c < G_N_ELEMENTS (currencies); c++)
    {
      g_assert_cmpint (stake_in (insight->at_risk, currencies[c]), ==, stake_in (at_risk, currencies[c]));
      g_assert_cmpint (stake_in (insight->recovered, currencies[c]), ==, stake_in (recovered, currencies[c]));
      g_assert_cmpint (stake_in (insight->lost_money, currencies[c]), ==, stake_in (lost_money, currencies[c]));
    }
  for (guint w = 0; w < DSP_INSIGHT_WEEKS; w++)
    {
      weeks += insight->weeks[w];
      /* Mondays, a week apart (a day more or less an hour across a change of clocks) */
      if (w > 0)
        g_assert_cmpint (ABS (insight->week_start[w] - insight->week_start[w - 1] - 7 * 86400), <=, 3600);
    }
  g_assert_cmpuint (weeks, ==, in_weeks);
  /* per store: the same disputes in each (one seed), named; the parts add up */
  g_assert_cmpuint (insight->stores->len, ==, 2);
  g_assert_cmpstr (((DspInsightPart *) g_ptr_array_index (insight->stores, 0))->key, !=,
                   ((DspInsightPart *) g_ptr_array_index (insight->stores, 1))->key);
  {
    guint by_reason = 0, lost_by_reason = 0;

    for (guint i = 0; i < insight->reasons->len; i++)
      {
        DspInsightPart *part = g_ptr_array_index (insight->reasons, i);

        by_reason += part->won;
        lost_by_reason += part->lost;
      }
    g_assert_cmpuint (by_reason, ==, won);
    g_assert_cmpuint (lost_by_reason, ==, lost + accepted);
  }
  g_assert_cmpuint (dsp_insight_win_percent (insight), <=, 100);
}

static void
test_insight (Fixture       *f,
              gconstpointer  data)
{
  gint64 now = dsp_clock_now ();

  g_assert_cmpint (dsp_outcome_of (DSP_STATUS_WON, NULL), ==, DSP_OUTCOME_WON);
  g_assert_cmpint (dsp_outcome_of (DSP_STATUS_LOST, "PARTNER_ACCEPTED_THE_LOSS"), ==, DSP_OUTCOME_ACCEPTED);
  g_assert_cmpint (dsp_outcome_of (DSP_STATUS_LOST, "partner_did_not_reply_to_dispute_request"), ==, DSP_OUTCOME_LOST);
  g_assert_cmpint (dsp_outcome_of (DSP_STATUS_CLOSED, NULL), ==, DSP_OUTCOME_NONE);
  g_assert_cmpint (dsp_outcome_of (DSP_STATUS_RESOLVED, NULL), ==, DSP_OUTCOME_NONE);
  assert_insight (f, 0);
  assert_insight (f, now - 30 * 86400);
  assert_insight (f, now - 7 * 86400);
}

int
main (int   argc,
      char *argv[])
{
  test_init (&argc, &argv);

  g_test_add_func ("/report/csv-cells", test_csv_cells);
  g_test_add ("/report/export-all", Fixture, NULL, fixture_setup, test_export_all, fixture_teardown);
  g_test_add ("/report/insight", Fixture, NULL, fixture_setup, test_insight, fixture_teardown);
  g_test_add ("/report/export-view", Fixture, NULL, fixture_setup, test_export_view, fixture_teardown);

  return g_test_run ();
}
