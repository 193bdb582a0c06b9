/* dsp-sim-server.c — the simulator on HTTP: credentials, faults, routing
 * to the handlers, and the loopback server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-simulator"

#include "config.h"

#include <string.h>

#include "dsp-sim-faults.h"
#include "dsp-sim-handlers.h"
#include "dsp-sim-reply.h"
#include "dsp-simulator-private.h"

static void
on_request_finished (SoupServer        *server,
                     SoupServerMessage *msg,
                     DspSimulator      *self)
{
  self->n_bytes += (guint64) soup_server_message_get_response_body (msg)->length;
}

/* Accepts the raw key ("Basic <key>", as Klarna documents it) and standard
 * Basic of "<username>:<key>"; a username, when set, must match. */
static gboolean
authorized (DspSimulator      *self,
            SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Authorization");
  g_autofree guchar *decoded = NULL;
  g_autofree char *pair = NULL;
  gsize length = 0;
  const char *colon;

  if (header == NULL || g_ascii_strncasecmp (header, "Basic ", 6) != 0)
    return FALSE;
  header += 6;
  if (self->username == NULL && strcmp (header, self->api_key) == 0)
    return TRUE;

  decoded = g_base64_decode (header, &length);
  pair = g_strndup ((const char *) decoded, length);
  colon = strchr (pair, ':');
  if (colon == NULL)
    return self->username == NULL && strcmp (pair, self->api_key) == 0;
  if (self->username && strncmp (pair, self->username, colon - pair) != 0)
    return FALSE;
  if (self->username && strlen (self->username) != (gsize) (colon - pair))
    return FALSE;
  return strcmp (colon + 1, self->api_key) == 0;
}

static char **
split_path (const char *path)
{
  g_auto(GStrv) raw = g_strsplit (path, "/", -1);
  GPtrArray *segments = g_ptr_array_new ();

  for (guint i = 0; raw[i]; i++)
    if (*raw[i])
      {
        char *segment = g_uri_unescape_string (raw[i], NULL);
        g_ptr_array_add (segments, segment ? segment : g_strdup (""));
      }
  g_ptr_array_add (segments, NULL);
  return (char **) g_ptr_array_free (segments, FALSE);
}

static void
route (DspSimulator      *self,
       SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  g_auto(GStrv) parts = split_path (g_uri_get_path (uri));
  guint n = g_strv_length (parts);

  if (!authorized (self, msg))
    {
      sim_reply_v4_error (msg, SOUP_STATUS_UNAUTHORIZED, "UNAUTHORIZED",
                          "Missing or invalid credentials.", NULL);
      return;
    }
  dsp_simulator_advance_all (self);

  if (n >= 3 && strcmp (parts[0], "v4") == 0 && strcmp (parts[1], "payment") == 0 &&
      strcmp (parts[2], "disputes") == 0)
    sim_handle_disputes (self, msg, (const char * const *) parts + 3);
  else if (n >= 4 && strcmp (parts[0], "ordermanagement") == 0 && strcmp (parts[1], "v1") == 0 &&
           strcmp (parts[2], "orders") == 0)
    sim_handle_orders (self, msg, (const char * const *) parts + 3);
  else
    sim_reply_v4_error (msg, SOUP_STATUS_NOT_FOUND, "RESOURCE_NOT_FOUND", "No such resource.", NULL);
}

typedef struct {
  DspSimulator      *self;
  SoupServerMessage *msg;
} Delayed;

static gboolean
on_delay_over (gpointer user_data)
{
  Delayed *delayed = user_data;

  route (delayed->self, delayed->msg);
  soup_server_message_unpause (delayed->msg);
  g_object_unref (delayed->msg);
  g_object_unref (delayed->self);
  g_free (delayed);
  return G_SOURCE_REMOVE;
}

static SimFault *
take_fault (DspSimulator *self,
            const char   *path)
{
  for (GList *l = self->faults.head; l; l = l->next)
    {
      SimFault *fault = l->data;

      if (fault->path_prefix && !g_str_has_prefix (path, fault->path_prefix))
        continue;
      if (--fault->remaining == 0)
        g_queue_delete_link (&self->faults, l);
      return fault;
    }
  return NULL;
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  DspSimulator *self = user_data;
  SimFault *fault;

  self->n_requests++;
  if (g_str_has_prefix (path, "/_simulator/"))
    {
      sim_handle_control (self, msg, path + strlen ("/_simulator/"));
      return;
    }

  fault = take_fault (self, path);
  if (fault && fault->kind == DSP_SIM_FAULT_DELAY)
    {
      Delayed *delayed = g_new0 (Delayed, 1);

      delayed->self = g_object_ref (self);
      delayed->msg = g_object_ref (msg);
      soup_server_message_pause (msg);
      g_timeout_add (fault->value, on_delay_over, delayed);
    }
  else if (fault && fault->kind == DSP_SIM_FAULT_LOSE_ANSWER)
    {
      route (self, msg);
      sim_fault_apply (fault, msg);
    }
  else if (fault)
    sim_fault_apply (fault, msg);
  else
    route (self, msg);

  if (fault && fault->remaining == 0)
    sim_fault_free (fault);
}

/* Listens on 127.0.0.1 only; port 0 picks a free one. */
gboolean
dsp_simulator_listen (DspSimulator  *self,
                      guint          port,
                      GError       **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  GSList *uris;

  g_return_val_if_fail (self->server == NULL, FALSE);

  self->server = soup_server_new ("server-header", "KlarnaSimulator/" PACKAGE_VERSION, NULL);
  soup_server_add_handler (self->server, NULL, on_request, self, NULL);
  g_signal_connect (self->server, "request-finished", G_CALLBACK (on_request_finished), self);
  if (!soup_server_listen (self->server, address, 0, error))
    return FALSE;

  uris = soup_server_get_uris (self->server);
  g_free (self->base_url);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return TRUE;
}
