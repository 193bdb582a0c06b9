/* test-query.c — what the store answers of a query: counts per state group
 * against the disputes themselves, search by every field and across stores,
 * the money at stake per currency, a view's first rows asked alone against
 * the whole view in every order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dsp-money.h"
#include "dsp-source.h"
#include "dsp-store-tally.h"
#include "dsp-store.h"
#include "dsp-time.h"
#include "store-fixture.h"
#include "test-util.h"

/* The counts, and the view itself. */
static DspTally *
tally (Fixture        *f,
       const DspQuery *query)
{
  return tally_rows (f, query, -1);
}

/* Whether the answer's view holds that dispute. */
static gboolean
in_view (DspTally   *answer,
         const char *source,
         const char *dispute_id)
{
  GHashTable *ids = g_hash_table_lookup (answer->index, source);

  return ids && g_hash_table_contains (ids, dispute_id);
}

/* What the query shows, counted on the disputes themselves (and, for a
 * search, what the store found: @answer's view of every state). */
static guint
truth (Fixture        *f,
       const DspQuery *query,
       DspQueryGroup   group,
       DspTally       *answer)
{
  g_autoptr(DspQuery) in_group = dsp_query_copy (query);
  guint n = 0;

  in_group->group = group;
  for (guint s = 0; s < 2; s++)
    for (guint i = 0; i < f->disputes[s]->len; i++)
      {
        DspDispute *dispute = g_ptr_array_index (f->disputes[s], i);
        g_autoptr(DspDisputeItem) item = dsp_dispute_item_new_from_dispute (dispute);

        n += dsp_query_matches (in_group, item) && in_view (answer, stores[s], dsp_dispute_get_id (dispute));
      }
  return n;
}

static void
assert_counts (Fixture        *f,
               const DspQuery *query)
{
  g_autoptr(DspTally) answer = tally (f, query);

  for (DspQueryGroup group = 0; group < DSP_QUERY_N_GROUPS; group++)
    g_assert_cmpuint (answer->counts[group], ==, truth (f, query, group, answer));
}

static void
set_mark (Fixture    *f,
          const char *source,
          DspDispute *dispute)
{
  g_autoptr(GAsyncResult) result = NULL;

  dsp_store_set_mark_async (f->store, source, dsp_dispute_get_id (dispute), 1700000000, NULL,
                            test_store_result, &result);
  g_assert_true (dsp_store_write_finish (f->store, test_wait_result (&result, 10000), NULL));
}

static DspDispute *
first_in (GPtrArray *disputes,
          DspStatus  status)
{
  for (guint i = 0; i < disputes->len; i++)
    if (dsp_dispute_get_status (g_ptr_array_index (disputes, i)) == status)
      return g_ptr_array_index (disputes, i);
  g_assert_not_reached ();
}

static void
test_counts (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(DspQuery) query = dsp_query_new ();
  g_autoptr(DspTally) all = NULL;
  g_autoptr(DspTally) marked = NULL;
  guint sum = 0;

  all = tally (f, query);
  g_assert_cmpuint (all->counts[DSP_QUERY_ALL], ==, 2 * N_DISPUTES);
  for (DspQueryGroup group = DSP_QUERY_NEEDS_RESPONSE; group < DSP_QUERY_N_GROUPS; group++)
    {
      /* nothing is marked resolved yet */
      if (group != DSP_QUERY_RESOLVED)
        g_assert_cmpuint (all->counts[group], >, 0);
      sum += all->counts[group];
    }
  g_assert_cmpuint (sum, <=, 2 * N_DISPUTES);
  assert_counts (f, query);

  /* one store; one reason (the most frequent, listed first) */
  query->source_id = g_strdup ("shop-2");
  assert_counts (f, query);
  g_assert_cmpuint (all->reasons->len, >, 1);
  query->reason = g_strdup (g_ptr_array_index (all->reasons, 0));
  assert_counts (f, query);
  g_clear_pointer (&query->source_id, g_free);
  g_clear_pointer (&query->reason, g_free);

  /* the owner's mark moves a dispute to "Resolved by you", in one store only */
  set_mark (f, "shop-1", first_in (f->disputes[0], DSP_STATUS_NEEDS_RESPONSE));
  reread (f);
  marked = tally (f, query);
  g_assert_cmpuint (marked->counts[DSP_QUERY_NEEDS_RESPONSE], ==, all->counts[DSP_QUERY_NEEDS_RESPONSE] - 1);
  g_assert_cmpuint (marked->counts[DSP_QUERY_RESOLVED], ==, all->counts[DSP_QUERY_RESOLVED] + 1);
  assert_counts (f, query);
}

static guint
found (Fixture    *f,
       const char *text)
{
  g_autoptr(DspQuery) query = dsp_query_new ();
  g_autoptr(DspTally) answer = NULL;

  query->text = g_strdup (text);
  answer = tally (f, query);
  g_assert_cmpuint (answer->items->len, ==, answer->counts[DSP_QUERY_ALL]);
  return answer->counts[DSP_QUERY_ALL];
}

static gboolean
finds (Fixture    *f,
       const char *text,
       const char *source,
       DspDispute *dispute)
{
  g_autoptr(DspQuery) query = dsp_query_new ();
  g_autoptr(DspTally) answer = NULL;

  query->text = g_strdup (text);
  answer = tally (f, query);
  return in_view (answer, source, dsp_dispute_get_id (dispute));
}

static void
save_order (Fixture    *f,
            DspDispute *dispute)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *json = g_strdup_printf ("{\"order_id\":\"%s\",\"merchant_reference1\":\"SHOP-ORDER-7781\","
                                           "\"billing_address\":{\"given_name\":\"Jörg\",\"family_name\":\"MÜLLER\","
                                           "\"email\":\"joerg.mueller@example.de\"}}",
                                           dsp_dispute_get_order_id (dispute));

  dsp_store_save_order_async (f->store, "shop-2", dsp_dispute_get_order_id (dispute), json, test_store_result, &result);
  g_assert_true (dsp_store_write_finish (f->store, test_wait_result (&result, 10000), NULL));
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  DspDispute *dispute = g_ptr_array_index (f->disputes[1], 17);
  const char *reference = dsp_dispute_get_display_reference (dispute);
  const char *tail = reference + strlen (reference) - 4;
  gint64 amount = dsp_dispute_get_amount (dispute);
  guint exponent = dsp_currency_exponent (dsp_dispute_get_currency (dispute));
  g_autofree char *comma = NULL, *dot = NULL;
  gint64 scale = exponent == 2 ? 100 : exponent == 3 ? 1000 : 1;

  g_assert_cmpint (exponent, >=, 2);
  comma = g_strdup_printf ("%" G_GINT64_FORMAT ",%02" G_GINT64_FORMAT, amount / scale, amount % scale);
  dot = g_strdup_printf ("%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT, amount / scale, amount % scale);

  /* the order number, four of its digits, Klarna's id, the amount as typed */
  g_assert_true (finds (f, reference, "shop-2", dispute));
  g_assert_true (finds (f, tail, "shop-2", dispute));
  g_assert_true (finds (f, dsp_dispute_get_id (dispute), "shop-2", dispute));
  g_assert_true (finds (f, comma, "shop-2", dispute));
  g_assert_true (finds (f, dot, "shop-2", dispute));
  if (dsp_dispute_get_merchant_reference2 (dispute))
    g_assert_true (finds (f, dsp_dispute_get_merchant_reference2 (dispute), "shop-2", dispute));
  /* across stores: the same id in both */
  g_assert_cmpuint (found (f, dsp_dispute_get_id (dispute)), ==, 2);
  g_assert_true (finds (f, dsp_dispute_get_id (dispute), "shop-1", dispute));

  /* the customer, once the order is known: any case, any part, the e-mail,
   * the shop's own reference; only in the store whose order it is */
  g_assert_cmpuint (found (f, "müller"), ==, 0);
  save_order (f, dispute);
  g_assert_true (finds (f, "müller", "shop-2", dispute));
  g_assert_true (finds (f, "JÖRG Müll", "shop-2", dispute));
  g_assert_true (finds (f, "mueller@example", "shop-2", dispute));
  g_assert_true (finds (f, "order-7781", "shop-2", dispute));
  g_assert_false (finds (f, "müller", "shop-1", dispute));
  /* a word of two letters: the first rows are looked for row by row */
  {
    g_autoptr(DspQuery) query = dsp_query_new ();
    g_autoptr(DspTally) first = NULL;

    query->text = g_strdup ("jö müller");
    first = tally_rows (f, query, 40);
    g_assert_cmpuint (first->items->len, ==, 1);
    g_assert_cmpstr (dsp_dispute_item_get_source_id (g_ptr_array_index (first->items, 0)), ==, "shop-2");
  }

  /* many finds (every row of the list index looked for among them) and few
   * (the rows read from the finds): counted alike */
  g_assert_cmpuint (found (f, "krn"), ==, 2 * N_DISPUTES);
  {
    g_autoptr(DspQuery) many = dsp_query_new ();
    g_autoptr(DspQuery) few = dsp_query_new ();

    many->text = g_strdup ("krn");
    assert_counts (f, many);
    few->text = g_strdup (tail);
    assert_counts (f, few);
  }

  /* what no dispute holds; a LIKE's wildcards are only text */
  g_assert_cmpuint (found (f, "no such thing"), ==, 0);
  g_assert_cmpuint (found (f, "%"), ==, 2 * N_DISPUTES);
  g_assert_cmpuint (found (f, "%%zz%%"), ==, 0);
}

static void
test_stake (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(DspQuery) query = dsp_query_new ();
  g_autoptr(DspTally) answer = tally (f, query);
  g_autoptr(GHashTable) sums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gint64 now = dsp_time_parse (TEST_NOW);
  guint count = 0, overdue = 0;

  for (guint s = 0; s < 2; s++)
    for (guint i = 0; i < f->disputes[s]->len; i++)
      {
        DspDispute *dispute = g_ptr_array_index (f->disputes[s], i);
        gint64 *sum;

        if (dsp_dispute_get_urgency_group (dispute) != 0)
          continue;
        count++;
        overdue += dsp_dispute_get_deadline (dispute) != 0 && dsp_dispute_get_deadline (dispute) < now;
        sum = g_hash_table_lookup (sums, dsp_dispute_get_currency (dispute));
        if (sum == NULL)
          g_hash_table_insert (sums, g_strdup (dsp_dispute_get_currency (dispute)), sum = g_new0 (gint64, 1));
        *sum += dsp_dispute_get_amount (dispute);
      }
  g_assert_cmpuint (count, >, 0);
  g_assert_cmpuint (answer->at_stake_count, ==, count);
  g_assert_cmpuint (answer->overdue, ==, overdue);
  g_assert_cmpuint (answer->at_stake->len, ==, g_hash_table_size (sums));
  g_assert_cmpuint (answer->at_stake->len, >, 1);
  for (guint i = 0; i < answer->at_stake->len; i++)
    {
      DspStake *stake = &g_array_index (answer->at_stake, DspStake, i);
      gint64 *sum = g_hash_table_lookup (sums, stake->currency);

      g_assert_nonnull (sum);
      g_assert_cmpint (stake->amount, ==, *sum);
      if (i > 0)
        g_assert_cmpint (stake->amount, <=, g_array_index (answer->at_stake, DspStake, i - 1).amount);
    }

  /* a view of what Klarna reviews has nothing at stake */
  query->group = DSP_QUERY_IN_REVIEW;
  {
    g_autoptr(DspTally) review = tally (f, query);

    g_assert_cmpuint (review->at_stake->len, ==, 0);
    g_assert_cmpuint (review->at_stake_count, ==, 0);
  }
}

/* The first rows asked alone are the whole answer's first rows, which
 * are in the query's order. */
static void
assert_first_rows (Fixture        *f,
                   const DspQuery *query)
{
  g_autoptr(DspTally) first = tally_rows (f, query, 40);
  g_autoptr(DspTally) whole = tally (f, query);

  g_assert_cmpuint (first->items->len, ==, MIN (40, whole->items->len));
  for (guint i = 0; i < first->items->len; i++)
    {
      DspDisputeItem *a = g_ptr_array_index (first->items, i), *b = g_ptr_array_index (whole->items, i);

      g_assert_cmpstr (dsp_dispute_item_get_source_id (a), ==, dsp_dispute_item_get_source_id (b));
      g_assert_cmpstr (dsp_dispute_item_get_id (a), ==, dsp_dispute_item_get_id (b));
    }
  for (guint i = 1; i < whole->items->len; i++)
    g_assert_cmpint (dsp_query_compare (query, g_ptr_array_index (whole->items, i - 1),
                                        g_ptr_array_index (whole->items, i)), <, 0);
}

/* A view's first rows, asked alone (SQLite sorts them), are the first rows
 * of the whole view (sorted here) in every order and state shown, with the
 * owner's marks moving disputes between groups and one id in both stores. */
static void
test_first_rows (Fixture       *f,
                 gconstpointer  data)
{
  static const DspQueryGroup groups[] = { DSP_QUERY_ALL, DSP_QUERY_NEEDS_RESPONSE, DSP_QUERY_IN_REVIEW,
                                          DSP_QUERY_RESOLVED, DSP_QUERY_CLOSED };
  static const DspStatus marked[] = { DSP_STATUS_NEEDS_RESPONSE, DSP_STATUS_IN_REVIEW, DSP_STATUS_PRELIMINARY_LOSS,
                                      DSP_STATUS_WON };
  static const char *texts[] = { NULL, "1", "e 10", "krn" };
  g_autoptr(DspQuery) query = dsp_query_new ();

  /* marked, then changed at Klarna: a page brings them as Klarna sees them */
  dsp_simulator_advance (f->sims[1], 60);
  for (guint i = 0; i < G_N_ELEMENTS (marked); i++)
    {
      DspDispute *dispute = first_in (f->disputes[1], marked[i]);
      SimDispute *changed = dsp_simulator_lookup_dispute (f->sims[1], dsp_dispute_get_id (dispute));

      set_mark (f, "shop-2", dispute);
      changed->updated_at = dsp_simulator_get_now (f->sims[1]);
      dsp_simulator_dispute_changed (f->sims[1], changed);
    }
  sync_one (f, 1);
  /* without a search, and with words of one or two letters (looked for
   * row by row for the first rows, in the index for the whole) */
  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    for (DspQuerySort sort = DSP_QUERY_SORT_URGENCY; sort <= DSP_QUERY_SORT_ORDER; sort++)
      for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
        {
          g_free (query->text);
          query->text = g_strdup (texts[t]);
          query->sort = sort;
          query->group = groups[g];
          assert_first_rows (f, query);
        }
}

int
main (int   argc,
      char *argv[])
{
  test_init (&argc, &argv);

  g_test_add ("/query/counts", Fixture, NULL, fixture_setup, test_counts, fixture_teardown);
  g_test_add ("/query/search", Fixture, NULL, fixture_setup, test_search, fixture_teardown);
  g_test_add ("/query/stake", Fixture, NULL, fixture_setup, test_stake, fixture_teardown);
  g_test_add ("/query/first-rows", Fixture, NULL, fixture_setup, test_first_rows, fixture_teardown);

  return g_test_run ();
}
