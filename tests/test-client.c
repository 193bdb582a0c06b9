/* test-client.c — the Klarna client against the simulator, faults included,
 * and against a bare server that checks what goes over the wire
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dsp-client-status.h"
#include "dsp-client.h"
#include "dsp-json.h"
#include "dsp-simulator.h"
#include "dsp-time.h"
#include "test-util.h"

#define NOW TEST_NOW

typedef struct {
  DspSimulator *sim;
  DspClient    *client;
  guint         progress_calls;
  GPtrArray    *paged;
  guint         last_total;
  gboolean      fail_after_first_page;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->sim = dsp_simulator_new (250, 3, dsp_time_parse (NOW));
  g_assert_true (dsp_simulator_listen (f->sim, 0, NULL));
  f->client = dsp_client_new (dsp_simulator_get_base_url (f->sim), NULL, DSP_SIMULATOR_DEMO_KEY, NULL);
  g_assert_nonnull (f->client);
  dsp_client_set_backoff (f->client, 50, 3);
  f->paged = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->client);
  g_clear_object (&f->sim);
  g_clear_pointer (&f->paged, g_ptr_array_unref);
}

static void
on_progress (GPtrArray *page,
             GPtrArray *texts,
             guint      fetched,
             guint      total,
             gpointer   user_data)
{
  Fixture *f = user_data;

  f->progress_calls++;
  f->last_total = total;
  for (guint i = 0; i < page->len; i++)
    g_ptr_array_add (f->paged, g_object_ref (g_ptr_array_index (page, i)));
  /* Every dispute of the page comes with the JSON Klarna sent for it. */
  g_assert_cmpuint (page->len, ==, texts->len);
  for (guint i = 0; i < page->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);
      g_autoptr(JsonNode) node = dsp_json_parse (text, strlen (text), NULL);

      g_assert_nonnull (node);
      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "payment_dispute_id"),
                       ==, dsp_dispute_get_id (g_ptr_array_index (page, i)));
    }
  if (f->fail_after_first_page)
    dsp_simulator_add_fault (f->sim, DSP_SIM_FAULT_STATUS, 500, 1, NULL);
}

/* Through the page callback, as the app lists; the pages are the result. */
static GPtrArray *
list_all (Fixture  *f,
          gint64    since,
          GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) rest = NULL;

  g_ptr_array_set_size (f->paged, 0);
  dsp_client_list_disputes_async (f->client, since, on_progress, f, NULL, test_store_result, &result);
  rest = dsp_client_list_disputes_finish (f->client, test_wait_result (&result, 30000), error);
  if (rest == NULL)
    return NULL;
  g_assert_cmpuint (rest->len, ==, 0);
  return g_ptr_array_ref (f->paged);
}

static void
test_list_all (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) disputes = list_all (f, 0, &error);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_no_error (error);
  g_assert_cmpuint (disputes->len, ==, 250);
  for (guint i = 0; i < disputes->len; i++)
    g_assert_true (g_hash_table_add (seen, (gpointer) dsp_dispute_get_id (g_ptr_array_index (disputes, i))));
  g_assert_cmpuint (f->progress_calls, ==, 3);
  g_assert_cmpuint (f->last_total, ==, 250);
  /* three pages, three requests */
  g_assert_cmpuint (dsp_simulator_get_n_requests (f->sim), ==, 3);
}

static void
test_updated_since (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  gint64 mark = dsp_simulator_get_now (f->sim);

  dsp_simulator_advance (f->sim, 60);
  dsp_simulator_add_dispute (f->sim, "INCORRECT_AMOUNT");
  changed = list_all (f, mark + 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changed->len, >=, 1);
  g_assert_cmpuint (changed->len, <, 250);
  for (guint i = 0; i < changed->len; i++)
    g_assert_cmpint (dsp_dispute_get_updated_at (g_ptr_array_index (changed, i)), >, mark);
}

static void
test_get_dispute_and_order (Fixture       *f,
                            gconstpointer  data)
{
  SimDispute *sim_dispute = g_ptr_array_index (dsp_simulator_get_disputes (f->sim), 10);
  SimOrder *sim_order = dsp_simulator_lookup_order (f->sim, sim_dispute->order_id);
  g_autoptr(GAsyncResult) r1 = NULL, r2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DspDispute) dispute = NULL;
  g_autoptr(DspOrder) order = NULL;
  g_autofree char *name = NULL;

  dsp_client_get_dispute_async (f->client, sim_dispute->id, NULL, test_store_result, &r1);
  dispute = dsp_client_get_dispute_finish (f->client, test_wait_result (&r1, 5000), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dsp_dispute_get_id (dispute), ==, sim_dispute->id);
  g_assert_cmpint (dsp_dispute_get_amount (dispute), ==, sim_dispute->amount);

  dsp_client_get_order_async (f->client, dsp_dispute_get_order_id (dispute), NULL, test_store_result, &r2);
  order = dsp_client_get_order_finish (f->client, test_wait_result (&r2, 5000), &error);
  g_assert_no_error (error);
  name = dsp_order_dup_customer_name (order);
  g_assert_true (g_str_has_prefix (name, sim_order->given_name));
  g_assert_cmpstr (dsp_order_get_email (order), ==, sim_order->email);
}

static char *
refund (Fixture     *f,
        const char  *order_id,
        gint64       amount,
        const char  *key,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dsp_client_refund_async (f->client, order_id, amount, "Dispute settled", key, NULL, test_store_result, &result);
  return dsp_client_refund_finish (f->client, test_wait_result (&result, 10000), error);
}

/* A refund is paid once, however often it is sent; Klarna's refusal is explained. */
static void
test_refund (Fixture       *f,
             gconstpointer  data)
{
  SimDispute *sim_dispute = g_ptr_array_index (dsp_simulator_get_disputes (f->sim), 3);
  SimOrder *order = dsp_simulator_lookup_order (f->sim, sim_dispute->order_id);
  gint64 before = order->refunded_amount, left = order->captured_amount - order->refunded_amount;
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *other = g_uuid_string_random ();
  g_autofree char *id = NULL, *again = NULL, *refused = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (left, >, 1);
  id = refund (f, order->id, 1, key, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  g_assert_cmpstr (id, !=, "");
  g_assert_cmpint (order->refunded_amount, ==, before + 1);

  /* Sent again (a retry after a lost answer), and once more through a 429: still one refund. */
  dsp_simulator_add_fault (f->sim, DSP_SIM_FAULT_STATUS, 429, 1, NULL);
  again = refund (f, order->id, 1, key, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, id);
  g_assert_cmpint (order->refunded_amount, ==, before + 1);

  refused = refund (f, order->id, left, other, &error);
  g_assert_null (refused);
  g_assert_error (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "captured"));
  g_assert_cmpint (order->refunded_amount, ==, before + 1);
}

static void
on_upload_progress (goffset  sent,
                    goffset  total,
                    gpointer user_data)
{
  goffset *last = user_data;

  /* a large file goes out from a worker; its progress is told here */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_assert_cmpint (sent, >=, *last);
  g_assert_cmpint (sent, <=, total);
  *last = sent;
}

static char *
upload (Fixture     *f,
        const char  *dispute_id,
        const char  *filename,
        GBytes      *data,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  goffset sent = 0;
  char *id;

  dsp_client_upload_attachment_async (f->client, dispute_id, filename, "application/pdf", data,
                                      on_upload_progress, &sent, NULL, test_store_result, &result);
  id = dsp_client_upload_attachment_finish (f->client, test_wait_result (&result, 10000), error);
  if (id)
    g_assert_cmpint (sent, >, (goffset) g_bytes_get_size (data));
  return id;
}

static gboolean
represent (Fixture     *f,
           const char  *dispute_id,
           const char  *text,
           const char  *attachment_id,
           gint64       proposed,
           GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) descriptions = g_ptr_array_new ();

  g_ptr_array_add (ids, (gpointer) attachment_id);
  g_ptr_array_add (descriptions, "Proof of delivery, signed");
  dsp_client_represent_async (f->client, dispute_id, text, ids, descriptions, proposed, NULL,
                              test_store_result, &result);
  return dsp_client_represent_finish (f->client, test_wait_result (&result, 10000), error);
}

/* Evidence: a PDF uploaded with progress, Klarna's checks, then one answer only. */
static void
test_represent (Fixture       *f,
                gconstpointer  data)
{
  SimDispute *dispute = test_sim_find (f->sim, SIM_INITIATED, NULL, 0);
  g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.4\n% signed delivery note\n%%EOF\n", 37);
  g_autoptr(GBytes) exe = g_bytes_new_static ("MZ\x90\x00 not a document", 20);
  g_autofree char *id = NULL, *refused = NULL, *long_text = g_strnfill (5001, 'x');
  g_autoptr(GError) error = NULL;

  refused = upload (f, dispute->id, "program.pdf", exe, &error);
  g_assert_null (refused);
  g_assert_error (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* One byte over 7 MB: Klarna refuses it. */
  {
    gsize size = 7 * 1024 * 1024 + 1;
    char *big = g_malloc0 (size);
    g_autoptr(GBytes) too_big = NULL;

    memcpy (big, "%PDF-1.4\n", 9);
    too_big = g_bytes_new_take (big, size);
    refused = upload (f, dispute->id, "scan.pdf", too_big, &error);
    g_assert_null (refused);
    g_assert_error (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_INVALID_INPUT);
    g_clear_error (&error);
  }

  /* 5 MB, sent from a worker: taken whole */
  {
    gsize size = 5 * 1024 * 1024;
    char *scan = g_malloc (size);
    g_autoptr(GBytes) large = NULL;
    g_autofree char *large_id = NULL;

    memset (scan, 'x', size);
    memcpy (scan, "%PDF-1.4\n", 9);
    large = g_bytes_new_take (scan, size);
    large_id = upload (f, dispute->id, "scan.pdf", large, &error);
    g_assert_no_error (error);
    g_assert_nonnull (large_id);
  }

  id = upload (f, dispute->id, "delivery note.pdf", pdf, &error);
  g_assert_no_error (error);

  g_assert_false (represent (f, dispute->id, long_text, id, 0, &error));
  g_assert_error (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (represent (f, dispute->id, "Delivered", id, dispute->amount, &error));
  g_assert_error (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpint (dispute->state, ==, SIM_INITIATED);

  g_assert_true (represent (f, dispute->id, "Delivered on 3 November, signed for.", id, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dispute->state, ==, SIM_REPRESENTMENT);
  g_assert_cmpint (dispute->proposed_refund, ==, 1);

  /* Sent again, as after a lost answer: Klarna says conflict, nothing changes. */
  g_assert_false (represent (f, dispute->id, "Again", id, 0, &error));
  g_assert_error (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_CONFLICT);
  g_assert_cmpstr (dispute->evidence_text, ==, "Delivered on 3 November, signed for.");
}

static gboolean
accept_loss (Fixture     *f,
             const char  *dispute_id,
             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dsp_client_accept_loss_async (f->client, dispute_id, NULL, test_store_result, &result);
  return dsp_client_accept_loss_finish (f->client, test_wait_result (&result, 10000), error);
}

static gboolean
appeal (Fixture     *f,
        const char  *dispute_id,
        const char  *text,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dsp_client_appeal_async (f->client, dispute_id, text, NULL, NULL, NULL, test_store_result, &result);
  return dsp_client_appeal_finish (f->client, test_wait_result (&result, 10000), error);
}

/* Accepting the loss closes; an appeal goes to arbitration; each only once. */
static void
test_accept_and_appeal (Fixture       *f,
                        gconstpointer  data)
{
  SimDispute *open = test_sim_find (f->sim, SIM_INITIATED, NULL, 1);
  SimDispute *lost = test_sim_find (f->sim, SIM_PRE_ARBITRATION, NULL, 0);
  SimDispute *closed = test_sim_find (f->sim, SIM_CLOSED, NULL, 0);
  g_autoptr(GError) error = NULL;

  g_assert_true (accept_loss (f, open->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (open->state, ==, SIM_CLOSED);
  g_assert_false (accept_loss (f, open->id, &error));
  g_assert_error (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_CONFLICT);
  g_clear_error (&error);

  g_assert_false (appeal (f, closed->id, "Please look again", &error));
  g_assert_error (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (appeal (f, lost->id, "The parcel was signed for; see the carrier's record.", &error));
  g_assert_no_error (error);
  g_assert_cmpint (lost->state, ==, SIM_ARBITRATION);
}

static GError *
get_error (Fixture    *f,
           const char *dispute_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DspDispute) dispute = NULL;
  GError *error = NULL;

  dsp_client_get_dispute_async (f->client, dispute_id, NULL, test_store_result, &result);
  dispute = dsp_client_get_dispute_finish (f->client, test_wait_result (&result, 20000), &error);
  g_assert_null (dispute);
  g_assert_nonnull (error);
  return error;
}

static const char *
some_id (Fixture *f)
{
  return ((SimDispute *) g_ptr_array_index (dsp_simulator_get_disputes (f->sim), 0))->id;
}

static void
test_wrong_key (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  dsp_simulator_set_credentials (f->sim, NULL, "klarna_test_api_the_right_one");
  error = get_error (f, some_id (f));
  g_assert_error (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_null (strstr (error->message, DSP_SIMULATOR_DEMO_KEY));
  g_assert_nonnull (strstr (error->message, "API key"));
}

static void
test_username_and_key (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DspDispute) dispute = NULL;

  dsp_simulator_set_credentials (f->sim, "0b3f6a8e-1d2c-4e5f-9a0b-1c2d3e4f5a6b", "klarna_test_api_secret");
  g_clear_object (&f->client);
  f->client = dsp_client_new (dsp_simulator_get_base_url (f->sim), "0b3f6a8e-1d2c-4e5f-9a0b-1c2d3e4f5a6b",
                              "klarna_test_api_secret", NULL);
  dsp_client_get_dispute_async (f->client, some_id (f), NULL, test_store_result, &result);
  dispute = dsp_client_get_dispute_finish (f->client, test_wait_result (&result, 5000), &error);
  g_assert_no_error (error);
  g_assert_nonnull (dispute);
}

typedef struct {
  DspSimFaultKind kind;
  guint           value;
  DspClientError  expected;
} FaultCase;

static void
test_faults (Fixture       *f,
             gconstpointer  data)
{
  const FaultCase cases[] = {
    { DSP_SIM_FAULT_STATUS, 500, DSP_CLIENT_ERROR_UNAVAILABLE },
    { DSP_SIM_FAULT_STATUS, 503, DSP_CLIENT_ERROR_UNAVAILABLE },
    { DSP_SIM_FAULT_STATUS, 404, DSP_CLIENT_ERROR_NOT_FOUND },
    { DSP_SIM_FAULT_STATUS, 403, DSP_CLIENT_ERROR_FORBIDDEN },
    { DSP_SIM_FAULT_STATUS, 401, DSP_CLIENT_ERROR_UNAUTHORIZED },
    { DSP_SIM_FAULT_STATUS, 400, DSP_CLIENT_ERROR_INVALID_INPUT },
    { DSP_SIM_FAULT_STATUS, 418, DSP_CLIENT_ERROR_INVALID_INPUT },
    { DSP_SIM_FAULT_MALFORMED, 0, DSP_CLIENT_ERROR_MALFORMED },
    { DSP_SIM_FAULT_TRUNCATE, 0, DSP_CLIENT_ERROR_NETWORK },
    { DSP_SIM_FAULT_DROP, 0, DSP_CLIENT_ERROR_NETWORK },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) list_error = NULL;
      g_autoptr(GPtrArray) disputes = NULL;

      dsp_simulator_add_fault (f->sim, cases[i].kind, cases[i].value, 1, NULL);
      error = get_error (f, some_id (f));
      g_test_message ("fault %u → %s", i, error->message);
      g_assert_error (error, DSP_CLIENT_ERROR, (gint) cases[i].expected);

      /* The same fault on a list call fails the list the same way. */
      dsp_simulator_add_fault (f->sim, cases[i].kind, cases[i].value, 1, NULL);
      disputes = list_all (f, 0, &list_error);
      g_assert_null (disputes);
      g_assert_error (list_error, DSP_CLIENT_ERROR, (gint) cases[i].expected);
    }
}

static void
test_fault_mid_paging (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) disputes = NULL;

  f->fail_after_first_page = TRUE;
  disputes = list_all (f, 0, &error);
  g_assert_null (disputes);
  g_assert_error (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_UNAVAILABLE);
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  dsp_client_set_timeout (f->client, 1);
  dsp_simulator_add_fault (f->sim, DSP_SIM_FAULT_DELAY, 3000, 1, NULL);
  error = get_error (f, some_id (f));
  g_assert_error (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_TIMEOUT);
}

static void
test_slow_but_in_time (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DspDispute) dispute = NULL;

  dsp_simulator_add_fault (f->sim, DSP_SIM_FAULT_DELAY, 300, 1, NULL);
  dsp_client_get_dispute_async (f->client, some_id (f), NULL, test_store_result, &result);
  dispute = dsp_client_get_dispute_finish (f->client, test_wait_result (&result, 5000), &error);
  g_assert_no_error (error);
}

static void
test_rate_limit_retry (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DspDispute) dispute = NULL;
  gint64 start = g_get_monotonic_time ();

  /* Two 429s with Retry-After: 1, then an answer: the client waits as told. */
  dsp_simulator_add_fault (f->sim, DSP_SIM_FAULT_STATUS, 429, 2, NULL);
  dsp_client_get_dispute_async (f->client, some_id (f), NULL, test_store_result, &result);
  dispute = dsp_client_get_dispute_finish (f->client, test_wait_result (&result, 10000), &error);
  g_assert_no_error (error);
  g_assert_nonnull (dispute);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 2 * G_USEC_PER_SEC);
  g_assert_cmpuint (dsp_simulator_get_n_requests (f->sim), ==, 3);
}

static void
test_rate_limit_gives_up (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  dsp_client_set_backoff (f->client, 50, 1);
  dsp_simulator_add_fault (f->sim, DSP_SIM_FAULT_STATUS, 429, 5, NULL);
  error = get_error (f, some_id (f));
  g_assert_error (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_RATE_LIMITED);
  g_assert_cmpuint (dsp_client_get_retry_after (f->client), ==, 1);
  g_assert_cmpuint (dsp_simulator_get_n_requests (f->sim), ==, 2);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) disputes = NULL;
  gint64 start = g_get_monotonic_time ();

  /* Cancelled while waiting out a Retry-After: returns at once. */
  dsp_simulator_add_fault (f->sim, DSP_SIM_FAULT_STATUS, 429, 1, NULL);
  dsp_client_list_disputes_async (f->client, 0, NULL, NULL, cancellable, test_store_result, &result);
  while (dsp_simulator_get_n_requests (f->sim) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  disputes = dsp_client_list_disputes_finish (f->client, test_wait_result (&result, 5000), &error);
  g_assert_null (disputes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC / 2);
}

static void
test_odd_ids (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = get_error (f, "krn:payment:eu1:dispute:a/b c?d#e%f");

  g_assert_error (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_NOT_FOUND);
}

static void
test_base_urls (void)
{
  const char *good[] = { "https://api.klarna.com", "https://api-na.playground.klarna.com/",
                         "http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:9000" };
  const char *bad[] = { "http://api.klarna.com", "http://10.0.0.1", "ftp://api.klarna.com",
                        "not a url", "", "https://", "http://127.example.com" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (dsp_client_check_base_url (good[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DspClient) client = dsp_client_new (bad[i], NULL, "k", &error);

      g_assert_null (client);
      g_assert_error (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_INSECURE);
    }
}

/* A minimal, independent server: records what the client sends. */
typedef struct {
  GPtrArray *requests;
  GPtrArray *headers;
  guint      variant;
} Bare;

static void
bare_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Bare *bare = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *cursor = query ? g_hash_table_lookup (query, "starting_after") : NULL;
  const char *body;
  g_autofree char *line = g_strdup_printf ("%s|%s|%s", soup_message_headers_get_one (headers, "Authorization"),
                                           soup_message_headers_get_one (headers, "Accept"),
                                           soup_message_headers_get_one (headers, "User-Agent"));

  g_ptr_array_add (bare->requests, g_uri_to_string (soup_server_message_get_uri (msg)));
  g_ptr_array_add (bare->headers, g_steal_pointer (&line));
  /* variant 0: Klarna's documented form; 1: no _links and a repeated cursor (loop guard) */
  if (cursor == NULL)
    body = "{\"disputes\":[{\"payment_dispute_id\":\"krn:a\"}],\"pagination\":{\"count\":1,\"total\":2,"
           "\"last_item\":\"krn:a\",\"_links\":{\"next\":{\"href\":\"x\"}}}}";
  else if (bare->variant == 0)
    body = "{\"disputes\":[{\"payment_dispute_id\":\"krn:b\"}, 42, {\"no_id\":true}],"
           "\"pagination\":{\"count\":1,\"total\":2,\"last_item\":null,\"_links\":{}}}";
  else
    body = "{\"disputes\":[{\"payment_dispute_id\":\"krn:a\"}],\"pagination\":{\"last_item\":\"krn:a\"}}";
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

/* Returns: the server's base URL on 127.0.0.1, ending in @suffix */
static char *
listen_on_loopback (SoupServer *server,
                    const char *suffix)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  GSList *uris;
  char *base;

  g_assert_true (soup_server_listen (server, address, 0, NULL));
  uris = soup_server_get_uris (server);
  base = g_strdup_printf ("http://127.0.0.1:%d%s", g_uri_get_port (uris->data), suffix);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return base;
}

static void
test_bare_server (void)
{
  for (guint variant = 0; variant < 2; variant++)
    {
      g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
      g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func (g_free);
      Bare bare = { requests, headers, variant };
      g_autoptr(DspClient) client = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GPtrArray) disputes = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *base = NULL;

      soup_server_add_handler (server, NULL, bare_handler, &bare, NULL);
      base = listen_on_loopback (server, "/prefix/");

      client = dsp_client_new (base, NULL, "klarna_test_api_raw", NULL);
      dsp_client_list_disputes_async (client, 0, NULL, NULL, NULL, test_store_result, &result);
      disputes = dsp_client_list_disputes_finish (client, test_wait_result (&result, 5000), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (disputes->len, ==, variant == 0 ? 2 : 1);
      g_assert_cmpuint (requests->len, ==, 2);
      g_assert_true (g_str_has_prefix (g_ptr_array_index (requests, 0), base));
      g_assert_nonnull (strstr (g_ptr_array_index (requests, 0), "/prefix/v4/payment/disputes?size=100"));
      g_assert_nonnull (strstr (g_ptr_array_index (requests, 1), "starting_after=krn%3Aa"));
      g_assert_true (g_str_has_prefix (g_ptr_array_index (headers, 0),
                                       "Basic klarna_test_api_raw|application/json|Disputes/" PACKAGE_VERSION));
    }
}

static void
refund_handler (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  GString *seen = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

  g_string_append_printf (seen, "%s %s|%s|%s|%.*s", soup_server_message_get_method (msg), path,
                          soup_message_headers_get_content_type (headers, NULL),
                          soup_message_headers_get_one (headers, "Klarna-Idempotency-Key"),
                          (int) g_bytes_get_size (bytes), (const char *) g_bytes_get_data (bytes, NULL));
  /* Only a Location, no Refund-Id: the id is read from where the refund lives. */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location",
                                "/ordermanagement/v1/orders/o%201/refunds/r-77");
  soup_server_message_set_status (msg, 201, NULL);
}

/* What a refund puts on the wire, as Order Management documents it. */
static void
test_refund_wire (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autoptr(DspClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL, *id = NULL;

  soup_server_add_handler (server, NULL, refund_handler, seen, NULL);
  base = listen_on_loopback (server, "");

  client = dsp_client_new (base, NULL, "klarna_test_api_raw", NULL);
  dsp_client_refund_async (client, "o 1", 1250, "Agreed with the customer", "5b0c6a5e-key",
                           NULL, test_store_result, &result);
  id = dsp_client_refund_finish (client, test_wait_result (&result, 5000), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, "r-77");
  g_assert_cmpstr (seen->str, ==,
                   "POST /ordermanagement/v1/orders/o 1/refunds|application/json|5b0c6a5e-key|"
                   "{\"refunded_amount\":1250,\"description\":\"Agreed with the customer\"}");
}

/* 80,000 '[' hidden from a naive nesting count, for every kind of body the client reads. */
static void
hostile_handler (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  const char *prefix = g_str_has_prefix (path, "/ordermanagement/") ? "{\"order_id\": /* \" */ "
                     : g_str_has_suffix (path, "/disputes") ? "{\"disputes\": [], '\"': "
                     : "{'\"': ";
  GString *body = g_string_new (prefix);

  for (guint i = 0; i < 80000; i++)
    g_string_append_c (body, '[');
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body->str, body->len);
  g_string_free (body, FALSE);
}

static void
assert_refused_in_words (GError *error)
{
  g_assert_error (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_MALFORMED);
  g_assert_true (g_str_has_prefix (error->message, "Klarna sent a reply the app could not read"));
}

/* Hostile list, detail and order bodies are refused in words, never a crash. */
static void
test_hostile_bodies (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(DspClient) client = NULL;
  g_autoptr(GAsyncResult) r1 = NULL, r2 = NULL, r3 = NULL;
  g_autoptr(GError) e1 = NULL, e2 = NULL, e3 = NULL;
  g_autoptr(GPtrArray) disputes = NULL;
  g_autoptr(DspDispute) dispute = NULL;
  g_autoptr(DspOrder) order = NULL;
  g_autofree char *base = NULL;

  soup_server_add_handler (server, NULL, hostile_handler, NULL, NULL);
  base = listen_on_loopback (server, "");
  client = dsp_client_new (base, NULL, "klarna_test_api_raw", NULL);

  dsp_client_list_disputes_async (client, 0, NULL, NULL, NULL, test_store_result, &r1);
  disputes = dsp_client_list_disputes_finish (client, test_wait_result (&r1, 5000), &e1);
  g_assert_null (disputes);
  assert_refused_in_words (e1);

  dsp_client_get_dispute_async (client, "krn:payment:eu1:dispute:x", NULL, test_store_result, &r2);
  dispute = dsp_client_get_dispute_finish (client, test_wait_result (&r2, 5000), &e2);
  g_assert_null (dispute);
  assert_refused_in_words (e2);

  dsp_client_get_order_async (client, "o-1", NULL, test_store_result, &r3);
  order = dsp_client_get_order_finish (client, test_wait_result (&r3, 5000), &e3);
  g_assert_null (order);
  assert_refused_in_words (e3);
}

static GError *
error_for (guint       status,
           const char *body)
{
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  return dsp_client_status_to_error (status, bytes, 0);
}

/* Error bodies as Klarna sends them, and hostile ones: always a sentence, never a warning. */
static void
test_error_bodies (void)
{
  const char *hostile[] = { "{\"error_messages\":[{}]}", "{\"error_messages\":[42]}", "{\"error_messages\":{}}",
                            "[1]", "{\"validation_errors\":[7]}", "not json", "" };
  const char *unpaired[] = { "{\"error_message\":\"\\uDC00x\"}", "{\"error_messages\":[\"\\uD800\"]}",
                             "{\"error_message\":\"caf\xe9\"}",
                             "{\"validation_errors\":[{\"parameter\":\"\\uDFFF\",\"reason\":\"x\"}]}" };
  GError *error;

  error = error_for (403, "{\"error_code\":\"NOT_ALLOWED\",\"error_messages\":[\"Refund amount exceeds the captured amount.\"]}");
  g_assert_error (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "Klarna did not accept the request: Refund amount exceeds the captured amount.");
  g_clear_error (&error);

  error = error_for (403, "{\"error_code\":\"OPERATION_FORBIDDEN\"}");
  g_assert_error (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_FORBIDDEN);
  g_clear_error (&error);

  error = error_for (400, "{\"validation_errors\":[{\"parameter\":\"amount\",\"reason\":\"too high\"}]}");
  g_assert_cmpstr (error->message, ==, "Klarna did not accept the request: amount: too high");
  g_clear_error (&error);

  /* What Klarna wrote is shown as valid UTF-8, whatever it sent. */
  for (guint i = 0; i < G_N_ELEMENTS (unpaired); i++)
    {
      error = error_for (400, unpaired[i]);
      g_assert_error (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_INVALID_INPUT);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_clear_error (&error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      error = error_for (400, hostile[i]);
      g_assert_error (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_INVALID_INPUT);
      g_assert_cmpstr (error->message, ==, "Klarna did not accept the request.");
      g_clear_error (&error);
    }
}

int
main (int   argc,
      char *argv[])
{
  test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/client/list-all", test_list_all);
  ADD ("/client/updated-since", test_updated_since);
  ADD ("/client/get-dispute-and-order", test_get_dispute_and_order);
  ADD ("/client/wrong-key", test_wrong_key);
  ADD ("/client/username-and-key", test_username_and_key);
  ADD ("/client/faults", test_faults);
  ADD ("/client/fault-mid-paging", test_fault_mid_paging);
  ADD ("/client/timeout", test_timeout);
  ADD ("/client/slow-but-in-time", test_slow_but_in_time);
  ADD ("/client/rate-limit-retry", test_rate_limit_retry);
  ADD ("/client/rate-limit-gives-up", test_rate_limit_gives_up);
  ADD ("/client/cancel", test_cancel);
  ADD ("/client/odd-ids", test_odd_ids);
  ADD ("/client/refund", test_refund);
  ADD ("/client/represent", test_represent);
  ADD ("/client/accept-and-appeal", test_accept_and_appeal);
#undef ADD
  g_test_add_func ("/client/base-urls", test_base_urls);
  g_test_add_func ("/client/bare-server", test_bare_server);
  g_test_add_func ("/client/refund-wire", test_refund_wire);
  g_test_add_func ("/client/error-bodies", test_error_bodies);
  g_test_add_func ("/client/hostile-bodies", test_hostile_bodies);

  return g_test_run ();
}
