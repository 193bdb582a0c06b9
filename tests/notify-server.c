/* notify-server.c — records every Notify call, and can "click"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "notify-server.h"

static const char introspection[] =
  "<node><interface name='org.freedesktop.Notifications'>"
  "<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='as' direction='in'/><arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "<arg type='u' direction='out'/></method>"
  "<method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "<method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "<method name='GetServerInformation'><arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "<arg type='s' direction='out'/><arg type='s' direction='out'/></method>"
  "<signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
  "<signal name='NotificationClosed'><arg type='u'/><arg type='u'/></signal>"
  "</interface></node>";

static GDBusConnection *connection;
static GPtrArray *seen;
static guint32 next_id = 1;

static void
notification_free (gpointer data)
{
  TestNotification *n = data;

  g_free (n->summary);
  g_free (n->body);
  g_strfreev (n->actions);
  g_free (n);
}

static void
on_call (GDBusConnection       *conn,
         const char            *sender,
         const char            *path,
         const char            *interface,
         const char            *method,
         GVariant              *parameters,
         GDBusMethodInvocation *invocation,
         gpointer               user_data)
{
  if (g_str_equal (method, "Notify"))
    {
      TestNotification *n = g_new0 (TestNotification, 1);
      guint32 replaces;

      g_variant_get (parameters, "(&su&s&s&s^as@a{sv}i)", NULL, &replaces, NULL, NULL, NULL, NULL, NULL, NULL);
      g_variant_get_child (parameters, 3, "s", &n->summary);
      g_variant_get_child (parameters, 4, "s", &n->body);
      g_variant_get_child (parameters, 5, "^as", &n->actions);
      n->id = replaces ? replaces : next_id++;
      g_ptr_array_add (seen, n);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", n->id));
    }
  else if (g_str_equal (method, "CloseNotification"))
    {
      guint32 id;

      g_variant_get (parameters, "(u)", &id);
      for (guint i = 0; i < seen->len; i++)
        if (((TestNotification *) g_ptr_array_index (seen, i))->id == id)
          ((TestNotification *) g_ptr_array_index (seen, i))->closed = TRUE;
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method, "GetCapabilities"))
    {
      const char *caps[] = { "actions", "body", NULL };
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else if (g_str_equal (method, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ssss)", "test", "disputes", "1", "1.2"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

/* Owns the name on its own connection to @bus_address. */
void
test_notify_server_start (const char *bus_address)
{
  static const GDBusInterfaceVTable vtable = { on_call, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (introspection, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  seen = g_ptr_array_new_with_free_func (notification_free);
  connection = g_dbus_connection_new_for_address_sync (bus_address,
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (connection, "/org/freedesktop/Notifications", info->interfaces[0],
                                     &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.Notifications", 0),
                                       G_VARIANT_TYPE ("(u)"), 0, -1, NULL, &error);
  g_assert_no_error (error);
}

GPtrArray *
test_notify_server_seen (void)
{
  return seen;
}

/* As if the person clicked: "default" for the notification itself. */
void
test_notify_server_invoke (guint32     id,
                           const char *action_key)
{
  g_dbus_connection_emit_signal (connection, NULL, "/org/freedesktop/Notifications",
                                 "org.freedesktop.Notifications", "ActionInvoked",
                                 g_variant_new ("(us)", id, action_key), NULL);
  g_dbus_connection_flush_sync (connection, NULL, NULL);
}

void
test_notify_server_stop (void)
{
  g_clear_object (&connection);
  g_clear_pointer (&seen, g_ptr_array_unref);
}
