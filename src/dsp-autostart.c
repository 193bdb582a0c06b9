/* dsp-autostart.c
 *
 * Outside Flatpak: an XDG autostart file, written or removed. Inside: the
 * Background portal, which writes the file for the sandboxed app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-autostart"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dsp-autostart.h"

static const char autostart_entry[] =
  "[Desktop Entry]\n"
  "Type=Application\n"
  "Name=Disputes\n"
  "Comment=Klarna dispute reminders\n"
  "Exec=disputes --gapplication-service\n"
  "Icon=" APP_ID "\n"
  "X-GNOME-Autostart-enabled=true\n"
  "NoDisplay=true\n";

char *
dsp_autostart_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart", APP_ID ".desktop", NULL);
}

/* Inside Flatpak: the Background portal writes the entry for us. Runs on a
 * worker thread, like everything else here: no bus, file or stat call may
 * wait on the main loop. */
static gboolean
request_background (gboolean       enable,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, cancellable, error);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) call_error = NULL;
  GVariantBuilder options;
  const char *command[] = { "disputes", "--gapplication-service", NULL };

  if (bus == NULL)
    return FALSE;
  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("Remind you of Klarna dispute deadlines")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (enable));
  g_variant_builder_add (&options, "{sv}", "commandline", g_variant_new_strv (command, -1));
  g_variant_builder_add (&options, "{sv}", "dbus-activatable", g_variant_new_boolean (FALSE));
  /* The portal answers later with a Response signal; the request stands. */
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop",
                                       "org.freedesktop.portal.Background", "RequestBackground",
                                       g_variant_new ("(sa{sv})", "", &options), NULL, G_DBUS_CALL_FLAGS_NONE, -1,
                                       cancellable, &call_error);
  if (reply == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("The desktop did not allow Disputes to start at login (%s)."), call_error->message);
  return reply != NULL;
}

/* Outside Flatpak: the XDG autostart entry, written whole or removed; a
 * file that is already as wanted is fine. */
static gboolean
write_entry (gboolean   enable,
             GError   **error)
{
  g_autofree char *path = dsp_autostart_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  if (!enable)
    {
      if (g_unlink (path) == 0 || errno == ENOENT)
        return TRUE;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", path, g_strerror (errno));
      return FALSE;
    }
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", dir, g_strerror (errno));
      return FALSE;
    }
  return g_file_set_contents (path, autostart_entry, sizeof autostart_entry - 1, error);
}

static void
autostart_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  gboolean enable = GPOINTER_TO_INT (task_data);
  g_autoptr(GError) error = NULL;
  gboolean done = g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS)
                    ? request_background (enable, cancellable, &error)
                    : write_entry (enable, &error);

  if (done)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* Adds or removes the login start. */
void
dsp_autostart_async (gboolean             enable,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, dsp_autostart_async);
  g_task_set_task_data (task, GINT_TO_POINTER (enable), NULL);
  g_task_run_in_thread (task, autostart_thread);
}

gboolean
dsp_autostart_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dsp_autostart_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
