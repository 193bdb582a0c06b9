/* keyring-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libsecret/secret.h>

#include "keyring-util.h"

static GPid bus_pid;
static char *bus_address;
static GPid keyring_pid;
static char *home;
static GDBusConnection *silent;

/* Runs in a daemon between fork and exec: it goes when the test goes. */
static void
die_with_test (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* The address the daemon prints on its standard output, one line. */
static char *
read_address (int fd)
{
  GString *line = g_string_new (NULL);
  char c;

  while (read (fd, &c, 1) == 1 && c != '\n')
    g_string_append_c (line, c);
  close (fd);
  return g_string_free (line, line->len == 0);
}

/* A fresh, empty bus with nothing on it, and a throwaway home. The daemon is
 * spawned, not GTestDBus: GTestDBus forks a copy of the test to watch over it,
 * and under ASan that copy runs the leak check at exit on locks other threads
 * held at the fork — it can hang there for ever, holding the test's output. */
void
test_keyring_start_bus (void)
{
  g_autofree char *data = NULL;
  g_autofree char *config = g_strdup_printf ("--config-file=%s", g_test_get_filename (G_TEST_DIST, "session.conf", NULL));
  const char *argv[] = { "dbus-daemon", config, "--nofork", "--print-address=1", NULL };
  g_autoptr(GError) error = NULL;
  int out_fd = -1;

  home = g_dir_make_tmp ("disputes-keyring-XXXXXX", NULL);
  data = g_build_filename (home, ".local", "share", NULL);
  g_assert_cmpint (g_mkdir_with_parents (data, 0700), ==, 0);
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_RUNTIME_DIR", home, TRUE);
  g_unsetenv ("GNOME_KEYRING_CONTROL");

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                           die_with_test, NULL, &bus_pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);
  bus_address = read_address (out_fd);
  g_assert_nonnull (bus_address);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", bus_address, TRUE);
  g_unsetenv ("DBUS_STARTER_ADDRESS");
  g_unsetenv ("DBUS_STARTER_BUS_TYPE");
}

static gboolean
name_owned (GDBusConnection *connection,
            const char      *name)
{
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus",
                                                           "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                                           "NameHasOwner", g_variant_new ("(s)", name),
                                                           G_VARIANT_TYPE ("(b)"), 0, -1, NULL, NULL);
  gboolean owned = FALSE;

  if (reply)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

/* gnome-keyring-daemon in the foreground, its login keyring unlocked by a
 * password on standard input, as at a real login. */
void
test_keyring_start (void)
{
  const char *argv[] = { "gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets", NULL };
  g_autoptr(GDBusConnection) connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GError) error = NULL;
  int in_fd = -1;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  /* The daemon has criticals of its own; the tests' fatal-criticals is not for it. */
  g_auto(GStrv) env = g_environ_unsetenv (g_get_environ (), "G_DEBUG");

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, env,
                                           G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_DO_NOT_REAP_CHILD,
                                           die_with_test, NULL, &keyring_pid, &in_fd, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (write (in_fd, "testpw", 6), ==, 6);
  close (in_fd);

  while (!name_owned (connection, "org.freedesktop.secrets"))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (20000);
    }
}

static GDBusMessage *
swallow (GDBusConnection *connection,
         GDBusMessage    *message,
         gboolean         incoming,
         gpointer         user_data)
{
  if (incoming && g_dbus_message_get_message_type (message) == G_DBUS_MESSAGE_TYPE_METHOD_CALL)
    {
      g_object_unref (message);
      return NULL;
    }
  return message;
}

/* Owns the Secret Service's name and never answers a call. */
void
test_keyring_own_silent (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;

  silent = g_dbus_connection_new_for_address_sync (bus_address,
                                                   G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                   G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                   NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (silent, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.secrets", 0),
                                       G_VARIANT_TYPE ("(u)"), 0, -1, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_add_filter (silent, swallow, NULL, NULL);
}

const char *
test_keyring_bus_address (void)
{
  return bus_address;
}

void
test_keyring_stop (void)
{
  if (keyring_pid)
    {
      kill (keyring_pid, SIGTERM);
      waitpid (keyring_pid, NULL, 0);
      g_spawn_close_pid (keyring_pid);
      keyring_pid = 0;
    }
  g_clear_object (&silent);
  /* libsecret holds the bus connection in a singleton; let it go first. */
  secret_service_disconnect ();
  if (bus_pid)
    {
      kill (bus_pid, SIGTERM);
      waitpid (bus_pid, NULL, 0);
      g_spawn_close_pid (bus_pid);
      bus_pid = 0;
      g_clear_pointer (&bus_address, g_free);
    }
  if (home)
    {
      g_autofree char *command = g_strdup_printf ("rm -rf '%s'", home);
      g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
      g_clear_pointer (&home, g_free);
    }
}
