/* bench-app.c — the real app's start, as its owner starts it
 *
 * A throwaway desktop: HOME and the XDG directories in a temporary
 * directory; a private D-Bus session bus (tests/session.conf) with a real
 * gnome-keyring on it holding the account's key, stored there by the app's
 * own code (dsp-secrets.c, in a helper process on that bus); the account in
 * GSettings (the keyfile backend, in that home); and the store where the app
 * keeps it (XDG_DATA_HOME/disputes/disputes.db), filled with N disputes of
 * that account. `disputes` is started with no arguments and reports the
 * first frame it paints with rows in its list (DSP_REPORT_FIRST_ROWS, see
 * src/ui/dsp-window.c) as a CLOCK_MONOTONIC time, which is the whole
 * system's: from just before the spawn to that frame is the figure. The
 * account's server is unreachable (nothing listens on port 9), so the rows
 * come from the store, as offline.
 *
 * Every process started here dies with the benchmark (PR_SET_PDEATHSIG).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dsp-secrets.h"
#include "dsp-simulator.h"

#include "bench-app.h"

#define SMALL 1000
#define LARGE 100000
#define OFFLINE_SERVER "http://127.0.0.1:9"
#define WAIT_SECONDS 60

typedef struct {
  char            *home;
  char            *account_id;
  char           **env;          /* the app's, and every helper's */
  GPid             bus_pid;
  GPid             keyring_pid;
  GDBusConnection *bus;          /* ours on that bus: to watch names, to quit the app */
} Desktop;

/* A child of this process (no double fork), which dies with it. */
static GPid
spawn (const char * const *argv,
       char              **env,
       GSpawnFlags         flags,
       int                *in_fd,
       int                *out_fd)
{
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  if (!g_spawn_async_with_pipes (NULL, (char **) argv, env, flags | G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH,
                                 die_with_parent, NULL, &pid, in_fd, out_fd, NULL, &error))
    g_error ("Could not start %s: %s", argv[0], error->message);
  return pid;
}

static void
run_helper (Desktop            *desktop,
            const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, desktop->env, G_SPAWN_DEFAULT, die_with_parent, NULL,
                     NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("%s %s failed: %s", argv[0], argv[1], error->message);
}

static void
stop_child (GPid *pid)
{
  if (*pid == 0)
    return;
  kill (*pid, SIGTERM);
  waitpid (*pid, NULL, 0);
  g_spawn_close_pid (*pid);
  *pid = 0;
}

static gboolean
name_owned (GDBusConnection *bus,
            const char      *name)
{
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                           "org.freedesktop.DBus", "NameHasOwner",
                                                           g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                                           G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  gboolean owned = FALSE;

  if (reply)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

static void
wait_for_name (GDBusConnection *bus,
               const char      *name,
               gboolean         owned)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (name_owned (bus, name) != owned)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("%s still %s on the benchmark's bus", name, owned ? "not owned" : "owned");
      g_usleep (10000);
    }
}

/* dbus-daemon with the tests' configuration (no services to activate). */
static void
start_bus (Desktop *desktop)
{
  const char *argv[] = { "dbus-daemon", "--config-file=" DSP_SESSION_CONF, "--nofork", "--print-address=1", NULL };
  g_autoptr(GError) error = NULL;
  char address[512] = { 0 };
  int out_fd;
  FILE *out;

  /* (its stderr only says it may not raise its file limit) */
  desktop->bus_pid = spawn (argv, desktop->env, G_SPAWN_STDERR_TO_DEV_NULL, NULL, &out_fd);
  out = fdopen (out_fd, "r");
  if (fgets (address, sizeof address, out) == NULL)
    g_error ("dbus-daemon gave no address");
  fclose (out);
  g_strstrip (address);
  desktop->env = g_environ_setenv (desktop->env, "DBUS_SESSION_BUS_ADDRESS", address, TRUE);
  desktop->bus = g_dbus_connection_new_for_address_sync (address, G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                         G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                         NULL, NULL, &error);
  g_assert_no_error (error);
}

/* As tests/keyring-util.c: the login keyring unlocked by a password on
 * standard input, as at a real login (the daemon's criticals are its own). */
static void
start_keyring (Desktop *desktop)
{
  const char *argv[] = { "gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets", NULL };
  g_auto(GStrv) env = g_environ_unsetenv (g_strdupv (desktop->env), "G_DEBUG");
  int in_fd = -1;

  desktop->keyring_pid = spawn (argv, env, G_SPAWN_STDOUT_TO_DEV_NULL, &in_fd, NULL);
  g_assert_cmpint (write (in_fd, "benchpw", 7), ==, 7);
  close (in_fd);
  wait_for_name (desktop->bus, "org.freedesktop.secrets", TRUE);
}

/* The account as the app keeps it: its id in "accounts", its settings
 * under /com/example/Disputes/accounts/ID/. */
static void
write_settings (Desktop *desktop)
{
  g_autofree char *dir = g_build_filename (desktop->home, ".config", "glib-2.0", "settings", NULL);
  g_autofree char *path = g_build_filename (dir, "keyfile", NULL);
  g_autofree char *text = g_strdup_printf ("[com/example/Disputes]\naccounts=['%s']\n\n"
                                           "[com/example/Disputes/accounts/%s]\nname='Bench Shop'\nserver='%s'\n",
                                           desktop->account_id, desktop->account_id, OFFLINE_SERVER);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static void
desktop_start (Desktop    *desktop,
               const char *self_path)
{
  const char *dirs[][2] = {
    { "HOME", "" }, { "XDG_CONFIG_HOME", ".config" }, { "XDG_DATA_HOME", ".local/share" },
    { "XDG_CACHE_HOME", ".cache" }, { "XDG_RUNTIME_DIR", "run" },
  };
  const char *unset[] = { "DSP_DATA_DIR", "DSP_BENCH_JSON", "GNOME_KEYRING_CONTROL", "SESSION_MANAGER" };

  desktop->home = g_dir_make_tmp ("bench-app-XXXXXX", NULL);
  desktop->account_id = g_uuid_string_random ();
  desktop->env = g_get_environ ();
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (desktop->home, dirs[i][1], NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      desktop->env = g_environ_setenv (desktop->env, dirs[i][0], dir, TRUE);
    }
  for (guint i = 0; i < G_N_ELEMENTS (unset); i++)
    desktop->env = g_environ_unsetenv (desktop->env, unset[i]);
  desktop->env = g_environ_setenv (desktop->env, "GSETTINGS_BACKEND", "keyfile", TRUE);
  /* read only by the window (the helpers have none) */
  desktop->env = g_environ_setenv (desktop->env, "DSP_REPORT_FIRST_ROWS", "1", TRUE);
  write_settings (desktop);
  start_bus (desktop);
  start_keyring (desktop);
  {
    const char *argv[] = { self_path, "store-key", desktop->account_id, NULL };

    run_helper (desktop, argv);
  }
}

static void
desktop_stop (Desktop *desktop)
{
  stop_child (&desktop->keyring_pid);
  if (desktop->bus)
    g_dbus_connection_close_sync (desktop->bus, NULL, NULL);
  g_clear_object (&desktop->bus);
  stop_child (&desktop->bus_pid);
  remove_dir (desktop->home);
  g_clear_pointer (&desktop->home, g_free);
  g_clear_pointer (&desktop->account_id, g_free);
  g_clear_pointer (&desktop->env, g_strfreev);
}

/* The store where the app looks for it, with @n disputes of the account. */
static void
fill (Desktop    *desktop,
      const char *self_path,
      guint       n)
{
  g_autofree char *dir = g_build_filename (desktop->home, ".local", "share", "disputes", NULL);
  g_autofree char *count = g_strdup_printf ("%u", n);
  const char *argv[] = { self_path, "fill", count, dir, desktop->account_id, NULL };

  remove_dir (dir);
  run_helper (desktop, argv);
}

/* The app's "first-rows USEC" line, or 0 if it ends or takes too long. */
static gint64
read_first_rows (int fd)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
  struct pollfd ready = { fd, POLLIN, 0 };
  const char *found;

  while ((found = strstr (text->str, "first-rows ")) == NULL || strchr (found, '\n') == NULL)
    {
      gint64 left_ms = (deadline - g_get_monotonic_time ()) / 1000;
      char buffer[256];
      ssize_t got;

      if (left_ms <= 0 || poll (&ready, 1, (int) left_ms) <= 0 || (got = read (fd, buffer, sizeof buffer)) <= 0)
        return 0;
      g_string_append_len (text, buffer, got);
    }
  return g_ascii_strtoll (found + strlen ("first-rows "), NULL, 10);
}

static gint64
resident_kb_of (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents (path, &status, NULL, NULL) || (line = strstr (status, "VmRSS:")) == NULL)
    return 0;
  return g_ascii_strtoll (line + 6, NULL, 10);
}

/* Asked to quit as the owner would (app.quit), so that the store closes and
 * the next start has no journal to replay; killed if it does not. */
static void
quit_app (Desktop *desktop,
          GPid     pid)
{
  g_autofree char *object_path = g_strdelimit (g_strconcat ("/", APP_ID, NULL), ".", '/');
  g_autoptr(GVariant) reply = NULL;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  reply = g_dbus_connection_call_sync (desktop->bus, APP_ID, object_path, "org.gtk.Actions", "Activate",
                                       g_variant_new ("(sava{sv})", "quit", NULL, NULL), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, 5000, NULL, NULL);
  while (waitpid (pid, NULL, WNOHANG) == 0)
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_printerr ("The app did not quit within 10 s; killed\n");
          kill (pid, SIGKILL);
          waitpid (pid, NULL, 0);
          break;
        }
      g_usleep (10000);
    }
  g_spawn_close_pid (pid);
  /* the next start must not find this one still on the bus */
  wait_for_name (desktop->bus, APP_ID, FALSE);
}

/* One start of the app as its owner starts it (no arguments): ms from the
 * spawn to its first frame with rows, and its resident memory then. */
static void
run_app (Desktop    *desktop,
         const char *app_path,
         double     *ms,
         gint64     *rss_kb)
{
  const char *argv[] = { app_path, NULL };
  gint64 start, painted;
  int out_fd;
  GPid pid;

  start = g_get_monotonic_time ();
  pid = spawn (argv, desktop->env, G_SPAWN_DEFAULT, NULL, &out_fd);
  painted = read_first_rows (out_fd);
  *rss_kb = resident_kb_of (pid);
  quit_app (desktop, pid);
  close (out_fd);
  if (painted == 0)
    g_error ("The app showed no rows within %d s", WAIT_SECONDS);
  *ms = (painted - start) / 1000.0;
}

/* The medians of RUNS starts on one store of @n disputes. */
static void
measure (Desktop    *desktop,
         const char *self_path,
         const char *app_path,
         guint       n,
         double     *ms,
         double     *rss_mb)
{
  double times[RUNS], rss[RUNS];

  fill (desktop, self_path, n);
  for (guint i = 0; i < RUNS; i++)
    {
      gint64 kb = 0;

      run_app (desktop, app_path, &times[i], &kb);
      rss[i] = kb / 1024.0;
    }
  *ms = median (times, RUNS);
  *rss_mb = median (rss, RUNS);
}

void
bench_app (const char *self_path,
           const char *app_path)
{
  Desktop desktop = { 0 };
  double small_ms, large_ms, small_mb, large_mb;

  desktop_start (&desktop, self_path);
  measure (&desktop, self_path, app_path, SMALL, &small_ms, &small_mb);
  measure (&desktop, self_path, app_path, LARGE, &large_ms, &large_mb);
  desktop_stop (&desktop);

  printf ("first rows of the real app with %d stored: %.0f ms; with %d: %.0f ms; ratio %.2f (target < 400 ms and <= 1.2)\n",
          LARGE, large_ms, SMALL, small_ms, large_ms / small_ms);
  printf ("resident memory of the real app once rows show, %d stored: %.0f MB; %d stored: %.0f MB; extra %.0f MB\n",
          LARGE, large_mb, SMALL, small_mb, large_mb - small_mb);
  figure ("first_rows_100k_ms", large_ms);
  figure ("first_rows_1k_ms", small_ms);
  figure ("first_rows_100k_vs_1k_ratio", large_ms / small_ms);
  figure ("app_memory_100k_extra_mb", large_mb - small_mb);
}

static void
on_key_stored (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* In a process on the benchmark's bus: the key, stored by the app's own
 * code, so under the same schema and attributes the app looks it up by. */
int
bench_app_store_key (const char *account_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  dsp_secrets_store_async (account_id, "Bench Shop", DSP_SIMULATOR_DEMO_KEY, NULL, on_key_stored, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!dsp_secrets_store_finish (result, &error))
    {
      g_printerr ("Could not store the key: %s\n", error->message);
      return 1;
    }
  return 0;
}
