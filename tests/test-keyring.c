/* test-keyring.c — API keys in a real gnome-keyring, and every way it fails
 *
 * Each case runs in its own subprocess with its own private bus: libsecret
 * keeps one connection per process.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsecret/secret.h>

#include "dsp-account.h"
#include "dsp-secrets.h"
#include "dsp-source.h"
#include "keyring-util.h"
#include "test-util.h"

static void
store (const char *account,
       const char *key)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  dsp_secrets_store_async (account, "Shop EU", key, NULL, test_store_result, &result);
  g_assert_true (dsp_secrets_store_finish (test_wait_result (&result, 20000), &error));
  g_assert_no_error (error);
}

static char *
lookup (const char  *account,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dsp_secrets_lookup_async (account, NULL, test_store_result, &result);
  return dsp_secrets_lookup_finish (test_wait_result (&result, 20000), error);
}

static gboolean
clear (const char  *account,
       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dsp_secrets_clear_async (account, NULL, test_store_result, &result);
  return dsp_secrets_clear_finish (test_wait_result (&result, 20000), error);
}

static guint
count_items (void)
{
  g_autoptr(GError) error = NULL;
  static const SecretSchema schema = {
    "com.example.Disputes.ApiKey", SECRET_SCHEMA_NONE,
    { { "account", SECRET_SCHEMA_ATTRIBUTE_STRING }, { NULL, 0 } }
  };
  GList *items = secret_password_search_sync (&schema, SECRET_SEARCH_ALL, NULL, &error, NULL);
  guint n = g_list_length (items);

  g_assert_no_error (error);
  g_list_free_full (items, g_object_unref);
  return n;
}

static void
case_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DspSecret) first = NULL, second = NULL, other = NULL, gone = NULL;

  test_keyring_start ();
  store ("account-1", "klarna_test_api_first");
  first = lookup ("account-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "klarna_test_api_first");

  /* Replacing a key keeps one item, not two. */
  store ("account-1", "klarna_test_api_second");
  second = lookup ("account-1", &error);
  g_assert_cmpstr (second, ==, "klarna_test_api_second");
  g_assert_cmpuint (count_items (), ==, 1);

  store ("account-2", "klarna_test_api_other");
  other = lookup ("account-2", &error);
  g_assert_cmpstr (other, ==, "klarna_test_api_other");
  g_assert_cmpuint (count_items (), ==, 2);

  g_assert_true (clear ("account-1", &error));
  gone = lookup ("account-1", &error);
  g_assert_null (gone);
  g_assert_error (error, DSP_SECRETS_ERROR, DSP_SECRETS_ERROR_NOT_FOUND);
  g_assert_cmpuint (count_items (), ==, 1);
}

static void
case_missing_item (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DspSecret) key = NULL;

  test_keyring_start ();
  key = lookup ("never-stored", &error);
  g_assert_null (key);
  g_assert_error (error, DSP_SECRETS_ERROR, DSP_SECRETS_ERROR_NOT_FOUND);
  /* Clearing what is not there is fine. */
  g_clear_error (&error);
  g_assert_true (clear ("never-stored", &error));
}

static void
case_no_service (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DspSecret) key = NULL;
  gint64 start = g_get_monotonic_time ();

  key = lookup ("account-1", &error);
  g_assert_null (key);
  g_assert_error (error, DSP_SECRETS_ERROR, DSP_SECRETS_ERROR_NO_SERVICE);
  g_clear_error (&error);
  dsp_secrets_store_async ("account-1", "Shop EU", "klarna_test_api_x", NULL, test_store_result, &result);
  g_assert_false (dsp_secrets_store_finish (test_wait_result (&result, 20000), &error));
  g_assert_error (error, DSP_SECRETS_ERROR, DSP_SECRETS_ERROR_NO_SERVICE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
}

static void
case_never_answers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DspSecret) key = NULL;
  gint64 start = g_get_monotonic_time ();

  test_keyring_own_silent ();
  dsp_secrets_set_timeout (1000);
  key = lookup ("account-1", &error);
  g_assert_null (key);
  g_assert_error (error, DSP_SECRETS_ERROR, DSP_SECRETS_ERROR_TIMEOUT);
  /* Our own timeout, long before D-Bus's. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

static void
lock_all (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = secret_service_get_sync (SECRET_SERVICE_LOAD_COLLECTIONS, NULL, &error);
  GList *collections;
  GList *locked = NULL;

  g_assert_no_error (error);
  collections = secret_service_get_collections (service);
  g_assert_cmpint (secret_service_lock_sync (service, collections, NULL, &locked, &error), >, 0);
  g_assert_no_error (error);
  g_list_free_full (locked, g_object_unref);
  g_list_free_full (collections, g_object_unref);
}

/* The login keyring locked, and its unlock prompt cannot be answered
 * (no prompter here, as when the owner dismisses it). */
static void
case_locked (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DspSecret) key = NULL;

  test_keyring_start ();
  store ("account-1", "klarna_test_api_x");
  lock_all ();
  dsp_secrets_set_timeout (5000);

  key = lookup ("account-1", &error);
  g_assert_null (key);
  g_test_message ("locked lookup: %s", error->message);
  g_assert_error (error, DSP_SECRETS_ERROR, DSP_SECRETS_ERROR_LOCKED);
  g_clear_error (&error);

  dsp_secrets_store_async ("account-1", "Shop EU", "klarna_test_api_y", NULL, test_store_result, &result);
  g_assert_false (dsp_secrets_store_finish (test_wait_result (&result, 20000), &error));
  g_test_message ("locked store: %s", error->message);
  g_assert_error (error, DSP_SECRETS_ERROR, DSP_SECRETS_ERROR_LOCKED);
}

static void
case_cancelled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *key = NULL;

  test_keyring_own_silent ();
  dsp_secrets_lookup_async ("account-1", cancellable, test_store_result, &result);
  g_cancellable_cancel (cancellable);
  key = dsp_secrets_lookup_finish (test_wait_result (&result, 5000), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The sync and the outbox ask for the client at once (as at start): one
 * look-up, so one unlock prompt, and one client for both. */
static void
case_one_lookup (void)
{
  g_autoptr(DspAccount) account = dsp_account_new ("account-1");
  g_autoptr(DspSource) source = dsp_source_new_for_account (account, NULL);
  DspConnection *connection = dsp_source_get_connection (source);
  g_autoptr(GAsyncResult) first = NULL, second = NULL;
  g_autoptr(DspClient) a = NULL, b = NULL, again = NULL;
  g_autoptr(GAsyncResult) third = NULL;
  g_autoptr(GError) error = NULL;

  test_keyring_start ();
  store ("account-1", "klarna_test_api_first");
  dsp_connection_get_client_async (connection, NULL, test_store_result, &first);
  dsp_connection_get_client_async (connection, NULL, test_store_result, &second);
  a = dsp_connection_get_client_finish (connection, test_wait_result (&first, 20000), &error);
  g_assert_no_error (error);
  b = dsp_connection_get_client_finish (connection, test_wait_result (&second, 20000), &error);
  g_assert_no_error (error);
  g_assert_nonnull (a);
  g_assert_true (a == b);
  /* and kept: no look-up at all the next time */
  dsp_connection_get_client_async (connection, NULL, test_store_result, &third);
  again = dsp_connection_get_client_finish (connection, test_wait_result (&third, 20000), &error);
  g_assert_true (again == a);
}

typedef struct {
  const char *name;
  void      (*body) (void);
} Case;

static const Case cases[] = {
  { "round-trip", case_round_trip },
  { "missing-item", case_missing_item },
  { "no-service", case_no_service },
  { "never-answers", case_never_answers },
  { "locked", case_locked },
  { "cancelled", case_cancelled },
  { "one-lookup", case_one_lookup },
};

static void
run_case (gconstpointer data)
{
  const Case *c = data;

  if (g_test_subprocess ())
    {
      test_keyring_start_bus ();
      c->body ();
      test_keyring_stop ();
      return;
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  test_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/keyring/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], run_case);
    }
  return g_test_run ();
}
