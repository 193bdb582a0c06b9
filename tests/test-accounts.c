/* test-accounts.c — the account flow end to end: the add-account dialog
 * against two simulated stores, a real gnome-keyring, a restart, a rejected
 * key, removal — and the key found nowhere but in the keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <libsecret/secret.h>
#include <sqlite3.h>
#include <string.h>

#include "dsp-account-dialog.h"
#include "dsp-application.h"
#include "dsp-dispute-detail.h"
#include "dsp-query-bar.h"
#include "dsp-clock.h"
#include "dsp-time.h"
#include "dsp-secrets.h"
#include "dsp-simulator.h"
#include "dsp-source.h"
#include "dsp-store.h"
#include "dsp-window.h"
#include "keyring-util.h"
#include "notify-server.h"
#include "test-util.h"

#define KEY_EU "klarna_test_api_ZXUtc2VjcmV0LWtleS0xMjM0NTY3ODkw"
#define KEY_NA "klarna_test_api_bmEtc2VjcmV0LWtleS0wOTg3NjU0MzIx"
#define USER_NA "6f1c3f0e-9b7a-4c2d-8e5f-1a2b3c4d5e6f"

/* Everything logged, from every thread (the store's and GLib's workers log
 * too): appended under a lock. */
static GString *captured_log;
G_LOCK_DEFINE_STATIC (captured_log);

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_autofree char *line = g_log_writer_format_fields (level, fields, n_fields, FALSE);

  G_LOCK (captured_log);
  g_string_append_printf (captured_log, "%s\n", line);
  G_UNLOCK (captured_log);
  /* what went wrong is said where a failing run shows it */
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_standard_streams (level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

static void
type_into (DspAccountDialog *dialog,
           const char       *row,
           const char       *text)
{
  gtk_editable_set_text (GTK_EDITABLE (test_template_child (dialog, DSP_TYPE_ACCOUNT_DIALOG, row)), text);
}

static gboolean
dialog_idle (gpointer data)
{
  return !dsp_account_dialog_is_busy (data);
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
window_idle (gpointer data)
{
  return !dsp_window_is_refreshing (data);
}

static const char *
test_connection (DspAccountDialog *dialog)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "account.test", NULL));
  test_wait_until (dialog_idle, dialog, 20000);
  return dsp_account_dialog_get_status (dialog);
}

static void
save_and_wait (DspAccountDialog *dialog)
{
  gpointer watch = dialog;

  g_object_add_weak_pointer (G_OBJECT (dialog), &watch);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "account.save", NULL));
  test_wait_until (pointer_cleared, &watch, 20000);
}

static guint
count_from (GListModel *model,
            const char *store)
{
  guint n = g_list_model_get_n_items (model), count = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DspDisputeItem) dispute = g_list_model_get_item (model, i);
      count += g_strcmp0 (dsp_dispute_item_get_store_name (dispute), store) == 0;
    }
  return count;
}

static void
assert_secret_nowhere (const char *secret)
{
  g_autofree char *command = g_strdup_printf ("grep -rlF --exclude-dir=keyrings -- '%s' '%s'",
                                              secret, g_get_home_dir ());
  g_autofree char *found = NULL;
  int status = 0;

  G_LOCK (captured_log);
  g_assert_null (strstr (captured_log->str, secret));
  G_UNLOCK (captured_log);
  g_assert_true (g_spawn_command_line_sync (command, &found, NULL, &status, NULL));
  g_assert_cmpstr (found, ==, "");
}

static GtkApplication *the_app;

static gboolean
store_opened (gpointer app)
{
  return dsp_application_get_store (app) != NULL;
}

static gboolean
selected_is (gpointer data)
{
  DspWindow *window = DSP_WINDOW (gtk_application_get_active_window (the_app));
  DspDisputeItem *selected = test_selected_item (dsp_window_get_disputes (window));

  return selected && g_strcmp0 (dsp_dispute_item_get_id (selected), data) == 0;
}

static gboolean
opened_is (gpointer data)
{
  DspWindow *window = DSP_WINDOW (gtk_application_get_active_window (the_app));
  DspDispute *shown = dsp_window_get_dispute (window);

  return shown && g_strcmp0 (dsp_dispute_get_id (shown), data) == 0;
}

static DspDisputeItem *
find_in_window (DspWindow  *window,
                const char *id)
{
  GListModel *model = dsp_window_get_disputes (window);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DspDisputeItem) dispute = g_list_model_get_item (model, i);

      if (g_strcmp0 (dsp_dispute_item_get_id (dispute), id) == 0)
        return dispute;
    }
  return NULL;
}

static gboolean
dispute_resolved (gpointer id)
{
  DspWindow *window = DSP_WINDOW (gtk_application_get_active_window (the_app));
  GListModel *model = dsp_window_get_disputes (window);

  DspDisputeItem *dispute = find_in_window (window, id);

  (void) model;
  return dispute && dsp_dispute_item_get_status (dispute) == DSP_STATUS_RESOLVED;
}

static gboolean
seen_at_least (gpointer data)
{
  return test_notify_server_seen ()->len >= GPOINTER_TO_UINT (data);
}

/* The first sync says it in one summary; a dispute opened later gets its
 * own notification, and clicking it opens that dispute. */
static void
check_notifications (DspSimulator *eu,
                     DspWindow    *window)
{
  GPtrArray *seen = test_notify_server_seen ();
  TestNotification *last;
  const char *added;
  guint before;

  test_wait_until (seen_at_least, GUINT_TO_POINTER (1), 10000);
  g_assert_nonnull (strstr (((TestNotification *) g_ptr_array_index (seen, 0))->summary, "Klarna dispute"));
  g_assert_cmpuint (seen->len, ==, 1);

  /* Closing the window leaves the app running, and checking (the refresh
   * stands in for the 30-second poll). */
  gtk_window_close (GTK_WINDOW (window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (gtk_application_get_active_window (the_app) == GTK_WINDOW (window));

  before = seen->len;
  added = dsp_simulator_add_dispute (eu, "PRODUCTS_OR_SERVICES_NOT_RECEIVED");
  dsp_window_refresh (window);
  test_wait_until (window_idle, window, 20000);
  test_wait_until (seen_at_least, GUINT_TO_POINTER (before + 1), 10000);
  last = g_ptr_array_index (seen, seen->len - 1);
  g_assert_true (g_str_has_prefix (last->summary, "New Klarna dispute — "));
  g_assert_null (strchr (last->body, '<'));
  g_assert_true (g_strv_contains ((const char * const *) last->actions, "default"));

  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (dsp_window_get_disputes (window)));
  {
    g_autoptr(DspDisputeItem) shown = g_object_ref (find_in_window (window, added));

    test_notify_server_invoke (last->id, "default");
    test_wait_until (selected_is, (gpointer) added, 10000);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
    /* shown again as it was: not emptied and read back from the disk */
    g_assert_true (find_in_window (window, added) == shown);
  }

  /* As time passes, the reminders: each arrives once (as one summary when
   * several fall due together). */
  {
    DspDisputeItem *first = find_in_window (window, added);
    gint64 deadline = dsp_dispute_item_get_deadline (first);
    guint told;

    g_assert_cmpint (deadline, >, 0);
    dsp_clock_set_fixed (deadline - 2 * 86400);
    told = seen->len;
    dsp_window_refresh (window);
    test_wait_until (window_idle, window, 20000);
    test_wait_until (seen_at_least, GUINT_TO_POINTER (told + 1), 10000);
    g_assert_cmpuint (seen->len, ==, told + 1);
    dsp_window_refresh (window);
    test_wait_until (window_idle, window, 20000);
    g_assert_cmpuint (seen->len, ==, told + 1);
    test_clock_reset ();
  }

  /* Another one: its "Mark Resolved" button marks it without opening it. */
  before = seen->len;
  added = dsp_simulator_add_dispute (eu, "INCORRECT_AMOUNT");
  dsp_window_refresh (window);
  test_wait_until (window_idle, window, 20000);
  test_wait_until (seen_at_least, GUINT_TO_POINTER (before + 1), 10000);
  last = g_ptr_array_index (seen, seen->len - 1);
  for (guint i = 0; last->actions[i] && last->actions[i + 1]; i += 2)
    if (g_str_has_prefix (last->actions[i], "app.mark-resolved"))
      test_notify_server_invoke (last->id, last->actions[i]);
  test_wait_until (dispute_resolved, (gpointer) added, 10000);
}

/* Written whole, not merely created (a new file is filled in place). */
static gboolean
autostart_written (gpointer path)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (path, &contents, NULL, NULL) &&
         strstr (contents, "Exec=disputes --gapplication-service") != NULL;
}

static gboolean
file_gone (gpointer path)
{
  return !g_file_test (path, G_FILE_TEST_EXISTS);
}

/* "Start at login" writes an autostart entry that starts the app hidden. */
static void
check_autostart (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "autostart", APP_ID ".desktop", NULL);
  g_autofree char *contents = NULL;

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_settings_set_boolean (settings, "start-at-login", TRUE);
  test_wait_until (autostart_written, path, 10000);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "X-GNOME-Autostart-enabled=true"));
  g_settings_set_boolean (settings, "start-at-login", FALSE);
  test_wait_until (file_gone, path, 10000);
}

static DspSimulator *
simulator (guint       n,
           const char *username,
           const char *key)
{
  DspSimulator *sim = dsp_simulator_new (n, n, dsp_clock_now ());

  dsp_simulator_set_credentials (sim, username, key);
  g_assert_true (dsp_simulator_listen (sim, 0, NULL));
  return sim;
}

/* The app's file, as a damaged disk leaves it: written by the app (a
 * thousand orders of a shop no longer set up), then three pages in its
 * middle overwritten — its first pages whole, so it opens. */
static void
damage_store_file (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "disputes", "disputes.db", NULL);
  DspStore *store = dsp_store_new (path);
  g_autoptr(GAsyncResult) result = NULL;
  sqlite3 *db = NULL;

  dsp_store_open_async (store, NULL, test_store_result, &result);
  g_assert_true (dsp_store_open_finish (store, test_wait_result (&result, 10000), NULL, NULL));
  g_clear_object (&result);
  test_store_close (store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) "
                                     "INSERT INTO orders (source, order_id, json, fetched_at) "
                                     "SELECT 'old-shop', 'order-' || i, json_object ('padding', printf ('%.1000c', 'x')), i FROM n",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  test_damage_inside (path);
}

/* The file a damaged store was moved aside as, or NULL. */
static char *
moved_aside (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "disputes", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing && (name = g_dir_read_name (listing)))
    if (strstr (name, ".unreadable-") != NULL && !g_str_has_suffix (name, "-wal") && !g_str_has_suffix (name, "-shm"))
      return g_build_filename (dir, name, NULL);
  return NULL;
}

static gboolean
store_replaced (gpointer data)
{
  g_autofree char *aside = moved_aside ();

  return aside != NULL;
}

static void
flow (void)
{
  g_autoptr(DspSimulator) eu = simulator (30, NULL, KEY_EU);
  g_autoptr(DspSimulator) na = simulator (12, USER_NA, KEY_NA);
  g_autoptr(DspApplication) app = dsp_application_new ();
  DspAccounts *accounts;
  DspWindow *window;
  DspAccountDialog *dialog;
  GListModel *disputes;
  g_autoptr(GError) error = NULL;

  the_app = GTK_APPLICATION (app);
  damage_store_file ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  accounts = dsp_application_get_accounts (app);
  g_application_activate (G_APPLICATION (app));
  window = DSP_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  disputes = dsp_window_get_disputes (window);
  test_wait_until (store_opened, app, 20000);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (test_template_child (window, DSP_TYPE_WINDOW, "main_stack")), ==, "welcome");

  /* The file was damaged inside: it opened at once, and the app's look at
   * it after the start moves it aside, says so, and goes on with a new one. */
  g_assert_false (store_replaced (NULL));
  dsp_application_check_store (app);
  test_wait_until (store_replaced, NULL, 20000);
  {
    g_autofree char *aside = moved_aside ();
    g_autofree char *told = g_strdup_printf ("The disputes saved on this computer could not be read (the file is "
                                             "damaged). The file was kept as %s and everything is fetched from Klarna "
                                             "again.", aside);

    test_wait_toast (window, told, 10000);
  }

  /* Shop EU: a wrong key first, then the right one. */
  dialog = dsp_account_dialog_new (GTK_WINDOW (window), accounts, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  type_into (dialog, "name_row", "Shop EU");
  type_into (dialog, "server_row", dsp_simulator_get_base_url (eu));
  type_into (dialog, "key_row", "klarna_test_api_not_the_right_one");
  g_assert_nonnull (strstr (test_connection (dialog), "rejected this API key"));
  type_into (dialog, "key_row", KEY_EU);
  g_assert_cmpstr (test_connection (dialog), ==, "Connected. Klarna accepted the key.");
  save_and_wait (dialog);
  test_wait_until (window_idle, window, 20000);
  g_assert_cmpuint (g_list_model_get_n_items (disputes), ==, 30);
  check_notifications (eu, window);

  /* Shop US: North America, with a username and a Merchant ID to enroll. */
  dialog = dsp_account_dialog_new (GTK_WINDOW (window), accounts, NULL);
  type_into (dialog, "name_row", "Shop US");
  adw_combo_row_set_selected (test_template_child (dialog, DSP_TYPE_ACCOUNT_DIALOG, "region_row"), DSP_REGION_NORTH_AMERICA);
  type_into (dialog, "server_row", dsp_simulator_get_base_url (na));
  type_into (dialog, "username_row", USER_NA);
  type_into (dialog, "key_row", KEY_NA);
  type_into (dialog, "merchant_row", "N123456");
  save_and_wait (dialog);
  test_wait_until (window_idle, window, 20000);
  /* 30, and the two opened while the app was watching */
  g_assert_cmpuint (count_from (disputes, "Shop EU"), ==, 32);
  g_assert_cmpuint (count_from (disputes, "Shop US"), ==, 12);
  g_assert_true (gtk_widget_get_visible (test_template_child (test_template_child (window, DSP_TYPE_WINDOW, "query_bar"), DSP_TYPE_QUERY_BAR, "store_dropdown")));
  gtk_drop_down_set_selected (test_template_child (test_template_child (window, DSP_TYPE_WINDOW, "query_bar"), DSP_TYPE_QUERY_BAR, "store_dropdown"), 2);
  test_wait_until (window_idle, window, 20000);
  g_assert_cmpuint (g_list_model_get_n_items (disputes), ==, 12);
  gtk_drop_down_set_selected (test_template_child (test_template_child (window, DSP_TYPE_WINDOW, "query_bar"), DSP_TYPE_QUERY_BAR, "store_dropdown"), 0);

  /* A restart: the accounts come back from settings, the keys from the keyring. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_autoptr(DspAccounts) again = dsp_accounts_new (settings);
    GListModel *model = dsp_accounts_get_model (again);
    g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
    for (guint i = 0; i < 2; i++)
      {
        g_autoptr(DspAccount) account = g_list_model_get_item (model, i);
        g_ptr_array_add (sources, dsp_source_new_for_account (account, NULL));
      }
    dsp_window_set_sources (window, sources, FALSE);
    test_wait_until (window_idle, window, 20000);
    g_assert_cmpuint (g_list_model_get_n_items (disputes), ==, 44);
    g_application_activate (G_APPLICATION (app));
    test_wait_until (window_idle, window, 20000);
  }

  /* Klarna stops accepting the EU key: that store waits for a new one, the other carries on. */
  {
    g_autoptr(DspAccount) shop_eu = g_list_model_get_item (dsp_accounts_get_model (accounts), 0);
    guint requests;

    GPtrArray *seen = test_notify_server_seen ();
    guint told;

    /* In the background: the owner hears of it once, by notification. */
    gtk_window_close (GTK_WINDOW (window));
    told = seen->len;
    dsp_simulator_set_credentials (eu, NULL, "klarna_test_api_rotated");
    dsp_window_refresh (window);
    test_wait_until (window_idle, window, 20000);
    g_assert_true (dsp_account_get_needs_new_key (shop_eu));
    test_wait_until (seen_at_least, GUINT_TO_POINTER (told + 1), 10000);
    g_assert_cmpstr (((TestNotification *) g_ptr_array_index (seen, seen->len - 1))->summary, ==,
                     "Disputes cannot check for new disputes");
    g_assert_nonnull (strstr (((TestNotification *) g_ptr_array_index (seen, seen->len - 1))->body, "Shop EU"));
    gtk_window_present (GTK_WINDOW (window));
    g_assert_cmpuint (count_from (disputes, "Shop US"), ==, 12);
    requests = dsp_simulator_get_n_requests (eu);
    dsp_window_refresh (window);
    test_wait_until (window_idle, window, 20000);
    g_assert_cmpuint (dsp_simulator_get_n_requests (eu), ==, requests);
  }

  /* With two stores, a notification says whose dispute it is, and so do the
   * detail pane and "Offline" in the header. */
  {
    GPtrArray *seen = test_notify_server_seen ();
    guint before = seen->len;
    const char *added = dsp_simulator_add_dispute (na, "INCORRECT_AMOUNT");
    AdwWindowTitle *title = test_template_child (window, DSP_TYPE_WINDOW, "list_title");
    DspDisputeDetail *detail = dsp_window_get_detail (window);

    dsp_window_refresh (window);
    test_wait_until (window_idle, window, 20000);
    test_wait_until (seen_at_least, GUINT_TO_POINTER (before + 1), 10000);
    g_assert_true (g_str_has_prefix (((TestNotification *) g_ptr_array_index (seen, seen->len - 1))->summary,
                                     "Shop US: New Klarna dispute — "));
    g_assert_true (dsp_window_select_dispute (window, dsp_dispute_item_get_source_id (find_in_window (window, added)),
                                              added));
    test_wait_until (opened_is, (gpointer) added, 10000);
    g_assert_true (gtk_widget_get_visible (test_template_child (detail, DSP_TYPE_DISPUTE_DETAIL, "store_row")));
    g_assert_cmpstr (adw_action_row_get_subtitle (test_template_child (detail, DSP_TYPE_DISPUTE_DETAIL, "store_row")),
                     ==, "Shop US");

    dsp_simulator_add_fault (na, DSP_SIM_FAULT_DROP, 0, 100, "/");
    dsp_window_refresh (window);
    test_wait_until (window_idle, window, 20000);
    g_test_message ("%s", adw_window_title_get_subtitle (title));
    g_assert_nonnull (strstr (adw_window_title_get_subtitle (title), "Offline: Shop US"));
    dsp_simulator_clear_faults (na);
  }

  /* Remove Shop US: its key leaves the keyring. */
  {
    g_autoptr(DspAccount) shop_us = g_list_model_get_item (dsp_accounts_get_model (accounts), 1);
    g_autofree char *id = g_strdup (dsp_account_get_id (shop_us));
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GAsyncResult) looked = NULL;
    g_autofree char *gone = NULL;

    dsp_accounts_remove_async (accounts, shop_us, NULL, test_store_result, &result);
    g_assert_true (dsp_accounts_remove_finish (accounts, test_wait_result (&result, 20000), &error));
    g_assert_cmpuint (g_list_model_get_n_items (dsp_accounts_get_model (accounts)), ==, 1);
    dsp_secrets_lookup_async (id, NULL, test_store_result, &looked);
    gone = dsp_secrets_lookup_finish (test_wait_result (&looked, 20000), &error);
    g_assert_error (error, DSP_SECRETS_ERROR, DSP_SECRETS_ERROR_NOT_FOUND);
    g_clear_error (&error);

    /* Its saved disputes went with it; Shop EU's stay. */
    {
      g_autoptr(GAsyncResult) loaded = NULL;
      g_autoptr(DspStoreSnapshot) snapshot = NULL;
      DspStore *store = dsp_application_get_store (app);

      g_assert_nonnull (store);
      dsp_store_load_async (store, id, NULL, -1, NULL, test_store_result, &loaded);
      snapshot = dsp_store_load_finish (store, test_wait_result (&loaded, 20000), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (snapshot->disputes->len, ==, 0);
    }
  }

  check_autostart ();
  g_settings_sync ();
  assert_secret_nowhere (KEY_EU);
  assert_secret_nowhere (KEY_NA);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_flow (void)
{
  if (g_test_subprocess ())
    {
      test_keyring_start_bus ();
      test_keyring_start ();
      test_notify_server_start (test_keyring_bus_address ());
      captured_log = g_string_new (NULL);
      g_log_set_writer_func (capture_writer, NULL, NULL);
      g_log_set_debug_enabled (TRUE);
      flow ();
      g_log_set_debug_enabled (FALSE);
      test_notify_server_stop ();
      test_keyring_stop ();
      return;
    }
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Settings on disk, in a throwaway home, as on a real desktop — set before
 * GLib looks at the environment, which it does only once. */
static char *
use_throwaway_home (void)
{
  char *home = g_dir_make_tmp ("disputes-accounts-XXXXXX", NULL);
  g_autofree char *config = g_build_filename (home, ".config", NULL);
  g_autofree char *data = g_build_filename (home, ".local", "share", NULL);
  g_autofree char *cache = g_build_filename (home, ".cache", NULL);

  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  g_unsetenv ("DSP_DATA_DIR");
  return home;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = use_throwaway_home ();
  g_autofree char *cleanup = g_strdup_printf ("rm -rf '%s'", home);
  int status;

  test_gtk_init (&argc, &argv);
  g_log_set_debug_enabled (FALSE);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/accounts/flow", test_flow);
  status = g_test_run ();
  g_spawn_command_line_sync (cleanup, NULL, NULL, NULL, NULL);
  return status;
}
