/* test-simulator.c — the Klarna simulator keeps Klarna's contract
 *
 * Spoken to with a plain SoupSession, not the app's client, so that the
 * contract is checked independently of the code that relies on it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dsp-json.h"
#include "dsp-simulator.h"
#include "dsp-time.h"
#include "test-util.h"

#define NOW TEST_NOW
#define AUTH "Basic " DSP_SIMULATOR_DEMO_KEY

typedef struct {
  DspSimulator *sim;
  SoupSession  *session;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  guint n = GPOINTER_TO_UINT (data);

  f->sim = dsp_simulator_new (n ? n : 200, 42, dsp_time_parse (NOW));
  g_assert_true (dsp_simulator_listen (f->sim, 0, NULL));
  f->session = soup_session_new ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_object (&f->sim);
}

static TestReply *
call (Fixture    *f,
      const char *method,
      const char *path,
      const char *json_body)
{
  g_autofree char *url = g_strconcat (dsp_simulator_get_base_url (f->sim), path, NULL);

  return test_http (f->session, method, url, AUTH, "application/json",
                    json_body, json_body ? strlen (json_body) : 0);
}

static const char *
error_code (TestReply *reply)
{
  return dsp_json_string (test_reply_object (reply), "error_code");
}

static char *
dispute_path (SimDispute *dispute,
              const char *suffix)
{
  g_autofree char *escaped = g_uri_escape_string (dispute->id, NULL, FALSE);

  return g_strconcat ("/v4/payment/disputes/", escaped, suffix, NULL);
}

/* Walks the list with size/starting_after and returns every id seen. */
static GPtrArray *
walk (Fixture    *f,
      const char *filter,
      guint       size)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *cursor = NULL;
  gint64 total = -1;

  for (guint pages = 0; pages < 10000; pages++)
    {
      g_autoptr(GString) path = g_string_new ("/v4/payment/disputes?");
      g_autoptr(TestReply) reply = NULL;
      JsonObject *page, *pagination;
      JsonArray *disputes;
      const char *last;
      gint64 count = 0, page_total = 0;

      g_string_append_printf (path, "size=%u%s%s", size, filter ? "&" : "", filter ? filter : "");
      if (cursor)
        {
          g_string_append (path, "&starting_after=");
          g_string_append_uri_escaped (path, cursor, NULL, FALSE);
        }
      reply = call (f, "GET", path->str, NULL);
      g_assert_cmpuint (reply->status, ==, 200);
      page = test_reply_object (reply);
      disputes = dsp_json_array (page, "disputes");
      pagination = dsp_json_object (page, "pagination");
      g_assert_nonnull (disputes);
      g_assert_nonnull (pagination);
      g_assert_true (dsp_json_int (pagination, "count", &count));
      g_assert_true (dsp_json_int (pagination, "total", &page_total));
      g_assert_cmpint (count, ==, json_array_get_length (disputes));
      g_assert_cmpint (count, <=, size);
      if (total >= 0)
        g_assert_cmpint (page_total, ==, total);
      total = page_total;
      for (guint i = 0; i < json_array_get_length (disputes); i++)
        g_ptr_array_add (ids, g_strdup (dsp_json_string (json_array_get_object_element (disputes, i),
                                                         "payment_dispute_id")));
      last = dsp_json_string (pagination, "last_item");
      g_assert_true (json_object_has_member (pagination, "last_item"));
      if (last == NULL)
        {
          g_assert_false (json_object_has_member (dsp_json_object (pagination, "_links"), "next"));
          break;
        }
      g_assert_nonnull (dsp_json_object (dsp_json_object (pagination, "_links"), "next"));
      g_free (cursor);
      cursor = g_strdup (last);
    }
  g_assert_cmpint (ids->len, ==, total);
  return ids;
}

static void
assert_unique (GPtrArray *ids)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < ids->len; i++)
    g_assert_true (g_hash_table_add (seen, g_ptr_array_index (ids, i)));
}

static void
test_paging_walks_once (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) by_100 = walk (f, NULL, 100);
  g_autoptr(GPtrArray) by_37 = walk (f, NULL, 37);

  g_assert_cmpuint (by_100->len, ==, 1000);
  g_assert_cmpuint (by_37->len, ==, 1000);
  assert_unique (by_100);
  assert_unique (by_37);
}

/* Small pages and a middling store: serialising is slow under ASan. */
#define COST_PAGE 20
#define COST_LARGE 5000

/* How many disputes the simulator looked at to answer one page. */
static guint64
page_cost (Fixture    *f,
           const char *filter,
           const char *after)
{
  g_autoptr(GString) path = g_string_new ("/v4/payment/disputes?size=" G_STRINGIFY (COST_PAGE) "&");
  guint64 before = dsp_simulator_get_n_examined (f->sim);
  g_autoptr(TestReply) reply = NULL;

  g_string_append (path, filter);
  if (after)
    {
      g_string_append (path, "&starting_after=");
      g_string_append_uri_escaped (path, after, NULL, FALSE);
    }
  reply = call (f, "GET", path->str, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  return dsp_simulator_get_n_examined (f->sim) - before;
}

/* A cursor near @position. In creation order any dispute marks a place; in
 * closing order it must be in the list, so a closed one is taken. */
static const char *
cursor_near (Fixture    *f,
             const char *filter,
             guint       position)
{
  GPtrArray *all = dsp_simulator_get_disputes (f->sim);

  for (guint i = 0; i < all->len; i++)
    {
      SimDispute *dispute = g_ptr_array_index (all, (position + all->len - i) % all->len);

      if (strstr (filter, "closed_at") == NULL || dispute->state == SIM_CLOSED)
        return dispute->id;
    }
  g_assert_not_reached ();
}

/* The dearest of an early, a middle and a late page. */
static guint64
worst_page_cost (Fixture    *f,
                 const char *filter)
{
  guint n = dsp_simulator_get_n_disputes (f->sim);
  guint64 early = page_cost (f, filter, NULL);
  guint64 middle = page_cost (f, filter, cursor_near (f, filter, n / 2));
  guint64 late = page_cost (f, filter, cursor_near (f, filter, n - 150));

  return MAX (early, MAX (middle, late));
}

/* Not timed: counts the disputes examined, which on a shared machine says
 * more than a clock. A page looks at about two pages' worth (the page and the
 * one before it, for the prev link), with 1,000 disputes or ten times more. */
static void
test_paging_cost (void)
{
  static const char *filters[] = {
    "", "updated_at_start=2026-10-26T00:00:00Z", "sort_by=-closed_at&state=CLOSED",
  };
  Fixture small, large;

  fixture_setup (&small, GUINT_TO_POINTER (1000));
  fixture_setup (&large, GUINT_TO_POINTER (COST_LARGE));
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      guint64 at_small = worst_page_cost (&small, filters[i]);
      guint64 at_large = worst_page_cost (&large, filters[i]);

      g_test_message ("%s: %" G_GUINT64_FORMAT " at 1,000, %" G_GUINT64_FORMAT " at %u",
                      filters[i], at_small, at_large, COST_LARGE);
      g_assert_cmpuint (at_large, >=, COST_PAGE + 1);
      g_assert_cmpuint (at_large, <=, 2 * (COST_PAGE + 1) + 1);
      /* A first sync's pages cost exactly the same. */
      if (*filters[i] == '\0')
        g_assert_cmpuint (at_large, ==, at_small);
    }
  {
    g_autoptr(TestReply) reply = call (&large, "GET", "/_simulator/status", NULL);
    gint64 examined = 0;

    g_assert_true (dsp_json_int (test_reply_object (reply), "examined", &examined));
    g_assert_cmpint (examined, ==, dsp_simulator_get_n_examined (large.sim));
  }
  fixture_teardown (&small, NULL);
  fixture_teardown (&large, NULL);
}

static guint
count_in_state (Fixture    *f,
                const char *state)
{
  GPtrArray *all = dsp_simulator_get_disputes (f->sim);
  guint n = 0;

  for (guint i = 0; i < all->len; i++)
    n += g_strcmp0 (sim_state_name (((SimDispute *) g_ptr_array_index (all, i))->state), state) == 0;
  return n;
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) initiated = walk (f, "state=INITIATED", 50);
  g_autoptr(GPtrArray) repeated = walk (f, "state=INITIATED&state=CLOSED", 50);
  g_autoptr(GPtrArray) comma = walk (f, "state=INITIATED,CLOSED", 50);
  g_autoptr(GPtrArray) reason = walk (f, "reason=PURCHASE_UNAUTHORIZED", 50);
  g_autoptr(GPtrArray) recent = walk (f, "created_at_start=2026-11-01T00:00:00Z", 50);
  g_autoptr(TestReply) bad_state = call (f, "GET", "/v4/payment/disputes?state=SLEEPING", NULL);
  g_autoptr(TestReply) bad_size = call (f, "GET", "/v4/payment/disputes?size=0", NULL);
  g_autoptr(TestReply) bad_time = call (f, "GET", "/v4/payment/disputes?updated_at_start=soon", NULL);

  g_assert_cmpuint (initiated->len, ==, count_in_state (f, "INITIATED"));
  g_assert_cmpuint (initiated->len, >, 0);
  g_assert_cmpuint (repeated->len, ==, count_in_state (f, "INITIATED") + count_in_state (f, "CLOSED"));
  g_assert_cmpuint (comma->len, ==, repeated->len);
  for (guint i = 0; i < reason->len; i++)
    g_assert_cmpstr (dsp_simulator_lookup_dispute (f->sim, g_ptr_array_index (reason, i))->reason, ==,
                     "PURCHASE_UNAUTHORIZED");
  for (guint i = 0; i < recent->len; i++)
    g_assert_cmpint (dsp_simulator_lookup_dispute (f->sim, g_ptr_array_index (recent, i))->created_at, >=,
                     dsp_time_parse ("2026-11-01T00:00:00Z"));
  g_assert_cmpuint (bad_state->status, ==, 400);
  g_assert_cmpstr (error_code (bad_state), ==, "VALIDATION_ERROR");
  g_assert_nonnull (dsp_json_array (test_reply_object (bad_state), "validation_errors"));
  g_assert_cmpuint (bad_size->status, ==, 400);
  g_assert_cmpuint (bad_time->status, ==, 400);
}

static void
test_updated_since (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *mark = dsp_time_format_rfc3339 (dsp_simulator_get_now (f->sim));
  g_autofree char *filter = g_strdup_printf ("updated_at_start=%s", mark);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  const char *added;

  before = walk (f, filter, 100);
  dsp_simulator_advance (f->sim, 3600);
  added = dsp_simulator_add_dispute (f->sim, NULL);
  dsp_simulator_advance (f->sim, 20 * 86400);
  after = walk (f, filter, 100);

  g_assert_cmpuint (after->len, >, before->len);
  g_assert_true (g_ptr_array_find_with_equal_func (after, added, g_str_equal, NULL));
}

/* What a list should hold, worked out the slow way from the simulator's disputes. */
typedef struct {
  const char *filter;
  gboolean    only_closed;
  gboolean    only_initiated;
  gboolean    since_mark;
  gboolean    by_closed;
  gboolean    descending;
} Expected;

static int
compare_closing (gconstpointer a,
                 gconstpointer b)
{
  const SimDispute *x = *(SimDispute * const *) a, *y = *(SimDispute * const *) b;

  if (x->closed_at != y->closed_at)
    return x->closed_at < y->closed_at ? -1 : 1;
  if (x->created_at != y->created_at)
    return x->created_at < y->created_at ? -1 : 1;
  return x->position < y->position ? -1 : x->position > y->position;
}

static GPtrArray *
expected_ids (Fixture        *f,
              const Expected *expected,
              gint64          mark)
{
  GPtrArray *all = dsp_simulator_get_disputes (f->sim);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < all->len; i++)
    {
      SimDispute *dispute = g_ptr_array_index (all, i);

      if ((expected->only_closed && dispute->state != SIM_CLOSED) ||
          (expected->only_initiated && dispute->state != SIM_INITIATED) ||
          (expected->since_mark && dispute->updated_at < mark))
        continue;
      g_ptr_array_add (kept, dispute);
    }
  if (expected->by_closed)
    g_ptr_array_sort (kept, compare_closing);
  for (guint i = 0; i < kept->len; i++)
    {
      SimDispute *dispute = g_ptr_array_index (kept, expected->descending ? kept->len - 1 - i : i);
      g_ptr_array_add (ids, g_strdup (dispute->id));
    }
  return ids;
}

static void
assert_same_ids (GPtrArray *got,
                 GPtrArray *expected)
{
  g_assert_cmpuint (got->len, ==, expected->len);
  for (guint i = 0; i < got->len; i++)
    g_assert_cmpstr (g_ptr_array_index (got, i), ==, g_ptr_array_index (expected, i));
}

/* Acts on a few disputes the way a shop owner would, over HTTP. */
static void
act_on_some (Fixture *f,
             guint    round)
{
  g_autofree char *accept = dispute_path (test_sim_find (f->sim, SIM_INITIATED, NULL, round), "/accept-loss");
  g_autofree char *appeal = dispute_path (test_sim_find (f->sim, SIM_PRE_ARBITRATION, NULL, 0), "/appeal");
  g_autoptr(TestReply) accepted = call (f, "POST", accept, NULL);
  g_autoptr(TestReply) appealed = call (f, "POST", appeal, "{\"additional_information\": \"Signed receipt.\"}");
  g_autoptr(TestReply) added = call (f, "POST", "/_simulator/disputes?count=4", NULL);

  g_assert_cmpuint (accepted->status, ==, 202);
  g_assert_cmpuint (appealed->status, ==, 201);
  g_assert_cmpuint (added->status, ==, 200);
}

/* The index follows every change, by the clock and by actions: each list,
 * paged, is exactly what a scan of all disputes gives. */
static void
test_index_follows_changes (Fixture       *f,
                            gconstpointer  data)
{
  static const gint64 steps[] = { 2 * 86400, 9 * 86400, 40 * 86400 };
  static const Expected lists[] = {
    { "updated_at_start=MARK", .since_mark = TRUE },
    { "updated_at_start=MARK&sort_by=-created_at", .since_mark = TRUE, .descending = TRUE },
    { "state=CLOSED&sort_by=closed_at", .only_closed = TRUE, .by_closed = TRUE },
    { "sort_by=-closed_at", .by_closed = TRUE, .descending = TRUE },
    { "state=INITIATED&updated_at_start=MARK", .only_initiated = TRUE, .since_mark = TRUE },
  };
  gint64 mark = dsp_simulator_get_now (f->sim) - 5 * 86400;
  g_autofree char *mark_text = dsp_time_format_rfc3339 (mark);

  for (guint round = 0; round < G_N_ELEMENTS (steps); round++)
    {
      act_on_some (f, round);
      dsp_simulator_advance (f->sim, steps[round]);
      for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
        {
          g_autoptr(GString) filter = g_string_new (lists[i].filter);
          g_autoptr(GPtrArray) got = NULL, expected = NULL;

          g_string_replace (filter, "MARK", mark_text, 0);
          got = walk (f, filter->str, 50);
          expected = expected_ids (f, &lists[i], mark);
          assert_same_ids (got, expected);
        }
    }
}

/* A cursor whose dispute left the filter keeps its place in creation order. */
static void
test_cursor_left_filter (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(TestReply) first = call (f, "GET", "/v4/payment/disputes?state=INITIATED&size=10", NULL);
  JsonObject *pagination = dsp_json_object (test_reply_object (first), "pagination");
  SimDispute *cursor = dsp_simulator_lookup_dispute (f->sim, dsp_json_string (pagination, "last_item"));
  g_autofree char *accept = dispute_path (cursor, "/accept-loss");
  g_autoptr(TestReply) accepted = call (f, "POST", accept, NULL);
  g_autofree char *escaped = g_uri_escape_string (cursor->id, NULL, FALSE);
  g_autofree char *next = g_strconcat ("/v4/payment/disputes?state=INITIATED&size=10&starting_after=", escaped, NULL);
  g_autoptr(TestReply) second = call (f, "GET", next, NULL);
  JsonArray *items = dsp_json_array (test_reply_object (second), "disputes");
  GPtrArray *all = dsp_simulator_get_disputes (f->sim);
  SimDispute *after = NULL;

  g_assert_cmpuint (accepted->status, ==, 202);
  g_assert_cmpint (cursor->state, ==, SIM_CLOSED);
  for (guint i = cursor->position + 1; i < all->len && after == NULL; i++)
    if (((SimDispute *) g_ptr_array_index (all, i))->state == SIM_INITIATED)
      after = g_ptr_array_index (all, i);
  g_assert_cmpuint (second->status, ==, 200);
  g_assert_nonnull (after);
  g_assert_cmpstr (dsp_json_string (json_array_get_object_element (items, 0), "payment_dispute_id"), ==, after->id);
}

static void
test_sorting (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(TestReply) desc = call (f, "GET", "/v4/payment/disputes?sort_by=-created_at&size=50", NULL);
  g_autoptr(TestReply) closed = call (f, "GET", "/v4/payment/disputes?sort_by=closed_at&state=CLOSED&size=50", NULL);
  g_autoptr(TestReply) bad = call (f, "GET", "/v4/payment/disputes?sort_by=amount", NULL);
  JsonArray *items = dsp_json_array (test_reply_object (desc), "disputes");
  gint64 previous = G_MAXINT64;

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      gint64 created = dsp_json_time (json_array_get_object_element (items, i), "created_at");
      g_assert_cmpint (created, <=, previous);
      previous = created;
    }
  items = dsp_json_array (test_reply_object (closed), "disputes");
  previous = 0;
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *context = dsp_json_object (json_array_get_object_element (items, i), "state_context");
      gint64 closed_at = dsp_json_time (context, "closed_at");
      g_assert_cmpint (closed_at, >=, previous);
      previous = closed_at;
    }
  g_assert_cmpuint (bad->status, ==, 400);
}

static TestReply *
call_with_auth (Fixture    *f,
                const char *authorization)
{
  g_autofree char *url = g_strconcat (dsp_simulator_get_base_url (f->sim), "/v4/payment/disputes?size=1", NULL);

  return test_http (f->session, "GET", url, authorization, NULL, NULL, 0);
}

static char *
basic (const char *user,
       const char *password)
{
  g_autofree char *pair = g_strconcat (user, ":", password, NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));

  return g_strconcat ("Basic ", encoded, NULL);
}

static void
test_auth (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *any_user = basic ("someone", DSP_SIMULATOR_DEMO_KEY);
  g_autofree char *right = basic ("0b3f6a8e-1d2c-4e5f-9a0b-1c2d3e4f5a6b", "klarna_test_api_secret");
  g_autofree char *wrong_user = basic ("another-uuid", "klarna_test_api_secret");
  g_autofree char *wrong_key = basic ("0b3f6a8e-1d2c-4e5f-9a0b-1c2d3e4f5a6b", "klarna_test_api_guess");
  g_autoptr(TestReply) none = call_with_auth (f, NULL);
  g_autoptr(TestReply) raw = call_with_auth (f, AUTH);
  g_autoptr(TestReply) standard = call_with_auth (f, any_user);
  g_autoptr(TestReply) garbage = call_with_auth (f, "Basic !!!not-base64");
  g_autoptr(TestReply) bearer = call_with_auth (f, "Bearer " DSP_SIMULATOR_DEMO_KEY);
  g_autoptr(TestReply) with_user = NULL, bad_user = NULL, bad_key = NULL, raw_now = NULL;

  g_assert_cmpuint (none->status, ==, 401);
  g_assert_cmpstr (error_code (none), ==, "UNAUTHORIZED");
  g_assert_cmpstr (dsp_json_string (test_reply_object (none), "error_type"), ==, "ACCESS_ERROR");
  g_assert_cmpuint (raw->status, ==, 200);
  g_assert_cmpuint (standard->status, ==, 200);
  g_assert_cmpuint (garbage->status, ==, 401);
  g_assert_cmpuint (bearer->status, ==, 401);

  dsp_simulator_set_credentials (f->sim, "0b3f6a8e-1d2c-4e5f-9a0b-1c2d3e4f5a6b", "klarna_test_api_secret");
  with_user = call_with_auth (f, right);
  bad_user = call_with_auth (f, wrong_user);
  bad_key = call_with_auth (f, wrong_key);
  raw_now = call_with_auth (f, AUTH);
  g_assert_cmpuint (with_user->status, ==, 200);
  g_assert_cmpuint (bad_user->status, ==, 401);
  g_assert_cmpuint (bad_key->status, ==, 401);
  g_assert_cmpuint (raw_now->status, ==, 401);
}

static void
test_detail (Fixture       *f,
             gconstpointer  data)
{
  SimDispute *dispute = test_sim_find (f->sim, SIM_INITIATED, NULL, 0);
  g_autofree char *encoded = dispute_path (dispute, "");
  g_autofree char *raw = g_strconcat ("/v4/payment/disputes/", dispute->id, NULL);
  g_autoptr(TestReply) one = call (f, "GET", encoded, NULL);
  g_autoptr(TestReply) two = call (f, "GET", raw, NULL);
  g_autoptr(TestReply) missing = call (f, "GET", "/v4/payment/disputes/krn:payment:eu1:dispute:0", NULL);
  JsonObject *context;

  g_assert_cmpuint (one->status, ==, 200);
  g_assert_cmpuint (two->status, ==, 200);
  g_assert_cmpstr (dsp_json_string (test_reply_object (one), "payment_dispute_id"), ==, dispute->id);
  context = dsp_json_object (test_reply_object (one), "state_context");
  /* In INITIATED the deadline sits inside state_context. */
  g_assert_cmpint (dsp_json_time (dsp_json_object (context, "representment"), "expires_at"), ==,
                   dispute->expires_at);
  g_assert_cmpuint (missing->status, ==, 404);
  g_assert_cmpstr (error_code (missing), ==, "RESOURCE_NOT_FOUND");
}

static void
test_conflicts (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *closed_accept = dispute_path (test_sim_find (f->sim, SIM_CLOSED, NULL, 0), "/accept-loss");
  g_autofree char *review_represent = dispute_path (test_sim_find (f->sim, SIM_REPRESENTMENT, NULL, 0), "/represent");
  g_autofree char *initiated_appeal = dispute_path (test_sim_find (f->sim, SIM_INITIATED, NULL, 0), "/appeal");
  g_autoptr(TestReply) a = call (f, "POST", closed_accept, NULL);
  g_autoptr(TestReply) b = call (f, "POST", review_represent, "{\"attachments\": []}");
  g_autoptr(TestReply) c = call (f, "POST", initiated_appeal, "{\"additional_information\": \"x\"}");

  g_assert_cmpuint (a->status, ==, 409);
  g_assert_cmpstr (error_code (a), ==, "RESOURCE_CONFLICT");
  g_assert_cmpuint (b->status, ==, 409);
  g_assert_cmpuint (c->status, ==, 409);
}

/* Exactly these members, in any order. */
static void
assert_members (JsonObject         *object,
                const char * const *names)
{
  g_assert_cmpuint (json_object_get_size (object), ==, g_strv_length ((char **) names));
  for (guint i = 0; names[i]; i++)
    g_assert_true (json_object_has_member (object, names[i]));
}

/* A represent or appeal answer: what was received, not the whole dispute. */
static JsonObject *
assert_submission (TestReply  *reply,
                   const char *state,
                   gint64      now,
                   const char *text,
                   gboolean    with_files)
{
  static const char *with[] = { "state", "created_at", "additional_information", "attachments", NULL };
  static const char *without[] = { "state", "created_at", "additional_information", NULL };
  JsonObject *answer = test_reply_object (reply);

  g_assert_cmpuint (reply->status, ==, 201);
  assert_members (answer, with_files ? with : without);
  g_assert_cmpstr (dsp_json_string (answer, "state"), ==, state);
  g_assert_cmpint (dsp_json_time (answer, "created_at"), ==, now);
  g_assert_cmpstr (dsp_json_string (answer, "additional_information"), ==, text);
  return answer;
}

static TestReply *
upload (Fixture    *f,
        SimDispute *dispute,
        const char *filename,
        const char *content,
        gsize       length)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new ("multipart/form-data");
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  g_autoptr(GBytes) file = g_bytes_new (content, length);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *path = dispute_path (dispute, "/attachments");
  g_autofree char *url = g_strconcat (dsp_simulator_get_base_url (f->sim), path, NULL);
  g_autofree char *content_type = NULL;
  gsize body_length;

  soup_multipart_append_form_file (multipart, "file", filename, "application/octet-stream", file);
  soup_multipart_to_message (multipart, headers, &body);
  content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  body_length = g_bytes_get_size (body);
  return test_http (f->session, "POST", url, AUTH, content_type, g_bytes_get_data (body, NULL), body_length);
}

static void
test_represent_flow (Fixture       *f,
                     gconstpointer  data)
{
  static const char pdf[] = "%PDF-1.4\n%%EOF\n";
  SimDispute *dispute = test_sim_find (f->sim, SIM_INITIATED, NULL, 0);
  g_autoptr(TestReply) wrong_type = upload (f, dispute, "notes.pdf", "hello", 5);
  g_autoptr(TestReply) wrong_ext = upload (f, dispute, "proof.png", pdf, sizeof pdf - 1);
  g_autoptr(TestReply) good = upload (f, dispute, "proof.pdf", pdf, sizeof pdf - 1);
  g_autofree char *path = dispute_path (dispute, "/represent");
  g_autofree char *body = NULL, *too_much = NULL, *long_text = NULL, *big_body = NULL;
  g_autoptr(TestReply) bad_refund = NULL, bad_text = NULL, missing = NULL, done = NULL, again = NULL;
  JsonObject *answer, *sent;
  const char *attachment_id;

  g_assert_cmpuint (wrong_type->status, ==, 400);
  g_assert_cmpuint (wrong_ext->status, ==, 400);
  g_assert_cmpuint (good->status, ==, 201);
  attachment_id = dsp_json_string (test_reply_object (good), "payment_dispute_attachment_id");
  g_assert_nonnull (attachment_id);

  too_much = g_strdup_printf ("{\"attachments\": [{\"payment_dispute_attachment_id\": \"%s\"}],"
                              " \"partner_proposed_refund_amount\": %" G_GINT64_FORMAT "}",
                              attachment_id, dispute->amount);
  bad_refund = call (f, "POST", path, too_much);
  g_assert_cmpuint (bad_refund->status, ==, 400);

  long_text = g_strnfill (5001, 'x');
  big_body = g_strdup_printf ("{\"attachments\": [{\"payment_dispute_attachment_id\": \"%s\"}],"
                              " \"additional_information\": \"%s\"}", attachment_id, long_text);
  bad_text = call (f, "POST", path, big_body);
  g_assert_cmpuint (bad_text->status, ==, 400);
  missing = call (f, "POST", path, "{\"additional_information\": \"no files\"}");
  g_assert_cmpuint (missing->status, ==, 400);

  body = g_strdup_printf ("{\"attachments\": [{\"payment_dispute_attachment_id\": \"%s\","
                          " \"description\": \"Carrier receipt\"}], \"additional_information\": \"Delivered.\"}",
                          attachment_id);
  done = call (f, "POST", path, body);
  answer = assert_submission (done, dispute->framework_2020 ? "INITIATED" : "REPRESENTMENT",
                              dsp_simulator_get_now (f->sim), "Delivered.", TRUE);
  sent = json_array_get_object_element (dsp_json_array (answer, "attachments"), 0);
  g_assert_cmpuint (json_array_get_length (dsp_json_array (answer, "attachments")), ==, 1);
  g_assert_cmpstr (dsp_json_string (sent, "payment_dispute_attachment_id"), ==, attachment_id);
  g_assert_cmpstr (dsp_json_string (sent, "description"), ==, "Carrier receipt");
  again = call (f, "POST", path, body);
  g_assert_cmpuint (again->status, ==, 409);

  /* Klarna decides after its review. */
  dsp_simulator_advance (f->sim, 4 * 86400);
  dsp_simulator_lookup_dispute (f->sim, dispute->id);
  g_assert_true (dispute->state == SIM_CLOSED || dispute->state == SIM_PRE_ARBITRATION);
}

static void
test_deadlines_by_reason (Fixture       *f,
                          gconstpointer  data)
{
  gint64 now = dsp_simulator_get_now (f->sim);
  SimDispute *normal = dsp_simulator_lookup_dispute (f->sim, dsp_simulator_add_dispute (f->sim, "INCORRECT_AMOUNT"));
  SimDispute *unauthorized = dsp_simulator_lookup_dispute (f->sim, dsp_simulator_add_dispute (f->sim, "PURCHASE_UNAUTHORIZED"));
  SimDispute *risky = dsp_simulator_lookup_dispute (f->sim, dsp_simulator_add_dispute (f->sim, "PURCHASE_HIGH_RISK"));

  g_assert_cmpint (normal->expires_at, ==, now + 21 * 86400);
  g_assert_cmpint (unauthorized->expires_at, ==, now + 7 * 86400);
  g_assert_cmpint (risky->expires_at, ==, now + 96 * 3600);

  /* Silence past the deadline loses the dispute. */
  dsp_simulator_advance (f->sim, 5 * 86400);
  g_assert_cmpint (dsp_simulator_lookup_dispute (f->sim, risky->id)->state, ==, SIM_CLOSED);
  g_assert_false (risky->won);
  g_assert_cmpstr (risky->outcome_detail, ==, "partner_did_not_reply_to_dispute_request");
  g_assert_cmpint (dsp_simulator_lookup_dispute (f->sim, normal->id)->state, ==, SIM_INITIATED);
}

static void
test_accept_and_appeal (Fixture       *f,
                        gconstpointer  data)
{
  SimDispute *initiated = test_sim_find (f->sim, SIM_INITIATED, NULL, 0);
  SimDispute *pre_arb = test_sim_find (f->sim, SIM_PRE_ARBITRATION, NULL, 0);
  g_autofree char *accept = dispute_path (initiated, "/accept-loss");
  g_autofree char *appeal = dispute_path (pre_arb, "/appeal");
  g_autoptr(TestReply) accepted = call (f, "POST", accept, NULL);
  g_autoptr(TestReply) empty_appeal = call (f, "POST", appeal, "{\"additional_information\": \"\"}");
  g_autoptr(TestReply) appealed = call (f, "POST", appeal, "{\"additional_information\": \"We have the signed receipt.\"}");
  g_autofree char *path = dispute_path (pre_arb, "");
  g_autoptr(TestReply) detail = NULL;
  JsonObject *request;

  g_assert_cmpuint (accepted->status, ==, 202);
  g_assert_cmpstr (dsp_json_string (test_reply_object (accepted), "state"), ==, "CLOSED");
  g_assert_cmpstr (initiated->outcome_detail, ==, "partner_accepted_the_loss");
  g_assert_cmpuint (empty_appeal->status, ==, 400);
  /* No files: the answer and the dispute leave attachments out rather than []. */
  assert_submission (appealed, "ARBITRATION", dsp_simulator_get_now (f->sim), "We have the signed receipt.", FALSE);
  g_assert_cmpint (pre_arb->state, ==, SIM_ARBITRATION);
  detail = call (f, "GET", path, NULL);
  request = dsp_json_object (dsp_json_object (test_reply_object (detail), "arbitration"), "arbitration_request");
  g_assert_nonnull (request);
  g_assert_false (json_object_has_member (request, "attachments"));
}

static void
test_orders_and_refunds (Fixture       *f,
                         gconstpointer  data)
{
  SimDispute *dispute = test_sim_find (f->sim, SIM_INITIATED, NULL, 0);
  SimOrder *order = dsp_simulator_lookup_order (f->sim, dispute->order_id);
  g_autofree char *path = g_strconcat ("/ordermanagement/v1/orders/", dispute->order_id, NULL);
  g_autofree char *refunds = g_strconcat (path, "/refunds", NULL);
  g_autofree char *url = g_strconcat (dsp_simulator_get_base_url (f->sim), refunds, NULL);
  g_autoptr(TestReply) got = call (f, "GET", path, NULL);
  g_autoptr(SoupMessage) first = NULL;
  g_autoptr(TestReply) too_big = NULL;
  g_autofree char *big = g_strdup_printf ("{\"refunded_amount\": %" G_GINT64_FORMAT "}", order->captured_amount + 1);
  JsonObject *billing;
  const char *ids[2];

  g_assert_cmpuint (got->status, ==, 200);
  billing = dsp_json_object (test_reply_object (got), "billing_address");
  g_assert_nonnull (dsp_json_string (billing, "email"));
  g_assert_nonnull (dsp_json_string (billing, "given_name"));

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
      g_autoptr(GBytes) body = g_bytes_new_static ("{\"refunded_amount\": 100}", 24);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GBytes) reply = NULL;

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", AUTH);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Klarna-Idempotency-Key",
                                    "5b1e2f9c-7d4a-4c3b-9e8f-0a1b2c3d4e5f");
      soup_message_set_request_body_from_bytes (msg, "application/json", body);
      soup_session_send_and_read_async (f->session, msg, 0, NULL, test_store_result, &result);
      reply = soup_session_send_and_read_finish (f->session, test_wait_result (&result, 5000), NULL);
      g_assert_cmpuint (soup_message_get_status (msg), ==, 201);
      ids[i] = g_intern_string (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Refund-Id"));
      g_assert_nonnull (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location"));
    }
  g_assert_true (ids[0] == ids[1]);
  g_assert_cmpint (order->refunded_amount, ==, 100);

  too_big = call (f, "POST", refunds, big);
  g_assert_cmpuint (too_big->status, ==, 403);
  g_assert_cmpstr (error_code (too_big), ==, "NOT_ALLOWED");
  g_assert_nonnull (dsp_json_array (test_reply_object (too_big), "error_messages"));
}

static void
test_control (Fixture       *f,
              gconstpointer  data)
{
  guint before = dsp_simulator_get_n_disputes (f->sim);
  g_autoptr(TestReply) added = call (f, "POST", "/_simulator/disputes?count=3", NULL);
  g_autoptr(TestReply) clock = call (f, "POST", "/_simulator/clock?advance=60", NULL);
  g_autoptr(TestReply) fault = call (f, "POST", "/_simulator/faults?kind=status&value=503&times=1", NULL);
  g_autoptr(TestReply) failed = call (f, "GET", "/v4/payment/disputes", NULL);
  g_autoptr(TestReply) fine = call (f, "GET", "/v4/payment/disputes", NULL);

  g_assert_cmpuint (added->status, ==, 200);
  g_assert_cmpuint (dsp_simulator_get_n_disputes (f->sim), ==, before + 3);
  g_assert_cmpuint (clock->status, ==, 200);
  g_assert_cmpint (dsp_simulator_get_now (f->sim), ==, dsp_time_parse (NOW) + 60);
  g_assert_cmpuint (fault->status, ==, 200);
  g_assert_cmpuint (failed->status, ==, 503);
  g_assert_cmpuint (fine->status, ==, 200);
}

static void
assert_no_empty_array (JsonNode *node)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      g_assert_cmpuint (json_array_get_length (array), >, 0);
      for (guint i = 0; i < json_array_get_length (array); i++)
        assert_no_empty_array (json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, NULL, &member))
        assert_no_empty_array (member);
    }
}

/* Optional arrays Klarna sends only with an item: customer_evidences,
 * attachments, process_exceptions are left out rather than []. */
static void
test_no_empty_arrays (Fixture       *f,
                      gconstpointer  data)
{
  GPtrArray *all = dsp_simulator_get_disputes (f->sim);
  guint with = 0, without = 0;

  for (guint i = 0; i < all->len; i++)
    {
      SimDispute *dispute = g_ptr_array_index (all, i);
      g_autoptr(JsonNode) node = sim_dispute_to_json (dispute, "http://h");
      JsonArray *evidences = dsp_json_array (json_node_get_object (node), "customer_evidences");

      assert_no_empty_array (node);
      g_assert_true ((evidences != NULL) == (dispute->customer_evidence != NULL));
      with += evidences != NULL;
      without += evidences == NULL;
    }
  g_assert_cmpuint (with, >, 0);
  g_assert_cmpuint (without, >, 0);
}

/* Klarna's error bodies in full: validation_errors[] carry doc_url; 429 is ACCESS_ERROR/RATE_LIMITED. */
static void
test_error_bodies (Fixture       *f,
                   gconstpointer  data)
{
  static const char *error_members[] = { "error_id", "error_type", "error_code", "error_message", "doc_url", NULL };
  static const char *detail_members[] = { "parameter", "reason", "doc_url", NULL };
  g_autoptr(TestReply) invalid = call (f, "GET", "/v4/payment/disputes?size=0", NULL);
  g_autoptr(TestReply) fault = call (f, "POST", "/_simulator/faults?kind=status&value=429&times=1", NULL);
  g_autoptr(TestReply) limited = call (f, "GET", "/v4/payment/disputes", NULL);
  JsonObject *body = test_reply_object (invalid);
  JsonArray *details = dsp_json_array (body, "validation_errors");
  static const char *with_details[] = { "error_id", "error_type", "error_code", "error_message", "doc_url",
                                 "validation_errors", NULL };
  JsonObject *detail;

  g_assert_cmpuint (invalid->status, ==, 400);
  assert_members (body, with_details);
  g_assert_cmpstr (dsp_json_string (body, "error_type"), ==, "INPUT_ERROR");
  g_assert_cmpuint (json_array_get_length (details), ==, 1);
  detail = json_array_get_object_element (details, 0);
  assert_members (detail, detail_members);
  g_assert_cmpstr (dsp_json_string (detail, "parameter"), ==, "size");
  g_assert_true (g_str_has_prefix (dsp_json_string (detail, "doc_url"), "https://"));

  g_assert_cmpuint (fault->status, ==, 200);
  g_assert_cmpuint (limited->status, ==, 429);
  body = test_reply_object (limited);
  assert_members (body, error_members);
  g_assert_cmpstr (dsp_json_string (body, "error_type"), ==, "ACCESS_ERROR");
  g_assert_cmpstr (dsp_json_string (body, "error_code"), ==, "RATE_LIMITED");
}

static char *
written (SimDispute *dispute)
{
  GString *text = g_string_new (NULL);
  SimWriter writer;

  sim_writer_init (&writer, text);
  sim_dispute_write (dispute, &writer, "http://h");
  return g_string_free (text, FALSE);
}

static void
test_deterministic (void)
{
  g_autoptr(DspSimulator) a = dsp_simulator_new (300, 7, dsp_time_parse (NOW));
  g_autoptr(DspSimulator) b = dsp_simulator_new (300, 7, dsp_time_parse (NOW));
  g_autoptr(DspSimulator) c = dsp_simulator_new (300, 8, dsp_time_parse (NOW));
  GPtrArray *da = dsp_simulator_get_disputes (a);
  GPtrArray *db = dsp_simulator_get_disputes (b);
  GPtrArray *dc = dsp_simulator_get_disputes (c);
  guint states[SIM_CLOSED + 1] = { 0 };
  g_autoptr(GHashTable) currencies = g_hash_table_new (g_str_hash, g_str_equal);
  guint differ = 0;

  for (guint i = 0; i < da->len; i++)
    {
      SimDispute *x = g_ptr_array_index (da, i), *y = g_ptr_array_index (db, i), *z = g_ptr_array_index (dc, i);
      g_autofree char *jx = written (x);
      g_autofree char *jy = written (y);

      g_assert_cmpstr (jx, ==, jy);
      differ += x->amount != z->amount;
      states[x->state]++;
      g_hash_table_add (currencies, (gpointer) x->currency);
    }
  g_assert_cmpuint (differ, >, 0);
  /* Every state and every currency is represented. */
  for (guint s = 0; s <= SIM_CLOSED; s++)
    g_assert_cmpuint (states[s], >, 0);
  g_assert_cmpuint (g_hash_table_size (currencies), ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  test_init (&argc, &argv);

#define ADD(path, n, func) \
  g_test_add (path, Fixture, GUINT_TO_POINTER (n), fixture_setup, func, fixture_teardown)
  ADD ("/simulator/paging-walks-once", 1000, test_paging_walks_once);
  ADD ("/simulator/filters", 400, test_filters);
  ADD ("/simulator/updated-since", 200, test_updated_since);
  ADD ("/simulator/sorting", 200, test_sorting);
  ADD ("/simulator/index-follows-changes", 150, test_index_follows_changes);
  ADD ("/simulator/cursor-left-filter", 200, test_cursor_left_filter);
  ADD ("/simulator/auth", 20, test_auth);
  ADD ("/simulator/detail", 200, test_detail);
  ADD ("/simulator/conflicts", 400, test_conflicts);
  ADD ("/simulator/represent-flow", 200, test_represent_flow);
  ADD ("/simulator/deadlines-by-reason", 20, test_deadlines_by_reason);
  ADD ("/simulator/accept-and-appeal", 400, test_accept_and_appeal);
  ADD ("/simulator/orders-and-refunds", 50, test_orders_and_refunds);
  ADD ("/simulator/control", 20, test_control);
  ADD ("/simulator/no-empty-arrays", 200, test_no_empty_arrays);
  ADD ("/simulator/error-bodies", 20, test_error_bodies);
#undef ADD
  g_test_add_func ("/simulator/deterministic", test_deterministic);
  g_test_add_func ("/simulator/paging-cost", test_paging_cost);

  return g_test_run ();
}
