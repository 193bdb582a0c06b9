/* dsp-autostart.c
 *
 * Outside Flatpak: an XDG autostart file, written or removed. Inside: the
 * Background portal, which writes the file for the sandboxed app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-autostart"

#include "config.h"

#include <glib/gi18n.h>

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

static gboolean
in_flatpak (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

static void
on_portal_reply (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);

  /* The portal answers later with a Response signal; the request stands. */
  if (reply == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                             _("The desktop did not allow Disputes to start at login (%s)."), error->message);
  else
    g_task_return_boolean (task, TRUE);
}

static void
request_background (GTask    *task,
                    gboolean  enable)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  GVariantBuilder options;
  const char *command[] = { "disputes", "--gapplication-service", NULL };

  if (bus == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, _("No session bus."));
      g_object_unref (task);
      return;
    }
  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("Remind you of Klarna dispute deadlines")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (enable));
  g_variant_builder_add (&options, "{sv}", "commandline", g_variant_new_strv (command, -1));
  g_variant_builder_add (&options, "{sv}", "dbus-activatable", g_variant_new_boolean (FALSE));
  g_dbus_connection_call (bus, "org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop",
                          "org.freedesktop.portal.Background", "RequestBackground",
                          g_variant_new ("(sa{sv})", "", &options), NULL, G_DBUS_CALL_FLAGS_NONE, -1,
                          g_task_get_cancellable (task), on_portal_reply, task);
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
on_deleted (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (g_file_delete_finish (G_FILE (source), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* Adds or removes the login start; a file that is already as wanted is fine. */
void
dsp_autostart_async (gboolean             enable,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *path = dsp_autostart_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_task_set_source_tag (task, dsp_autostart_async);
  if (in_flatpak ())
    {
      request_background (task, enable);
      return;
    }
  if (!enable)
    {
      g_file_delete_async (file, G_PRIORITY_DEFAULT, cancellable, on_deleted, task);
      return;
    }
  g_mkdir_with_parents (dir, 0700);
  g_file_replace_contents_async (file, autostart_entry, sizeof autostart_entry - 1, NULL, FALSE,
                                 G_FILE_CREATE_NONE, cancellable, on_written, task);
}

gboolean
dsp_autostart_finish (GAsyncResult  *result,
                      GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
