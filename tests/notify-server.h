/* notify-server.h — an org.freedesktop.Notifications server a test owns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  guint32  id;
  char    *summary;
  char    *body;
  char   **actions;
  gboolean closed;    /* taken off the desktop by the app */
} TestNotification;

void              test_notify_server_start  (const char *bus_address);
GPtrArray        *test_notify_server_seen   (void);
void              test_notify_server_invoke (guint32     id,
                                             const char *action_key);
void              test_notify_server_stop   (void);

G_END_DECLS
