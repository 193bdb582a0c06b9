/* dsp-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-client"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "dsp-background.h"
#include "dsp-client.h"
#include "dsp-client-private.h"
#include "dsp-client-status.h"
#include "dsp-clock.h"
#include "dsp-json-split.h"
#include "dsp-json.h"
#include "dsp-time.h"

#define PAGE_SIZE 100
#define MAX_PAGES 100000
#define MAX_RETRY_AFTER_WAIT 60

struct _DspClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *base_url;
  char        *authorization;
  guint        backoff_base_ms;
  guint        max_retries;
  guint        retry_after;
};

G_DEFINE_FINAL_TYPE (DspClient, dsp_client, G_TYPE_OBJECT)


static void request_send (GTask *task);

static void
request_free (Request *request)
{
  g_free (request->method);
  g_free (request->uri);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_clear_pointer (&request->reply, g_bytes_unref);
  g_clear_pointer (&request->texts, g_ptr_array_unref);
  g_free (request->idempotency_key);
  g_free (request->content_type);
  g_clear_object (&request->message);
  g_free (request);
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  bare = g_strdup (host);
  if (bare[0] == '[')
    {
      memmove (bare, bare + 1, strlen (bare));
      bare[strcspn (bare, "]")] = '\0';
    }
  address = g_inet_address_new_from_string (bare);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* HTTPS always; plain HTTP only to this computer (the simulator). */
gboolean
dsp_client_check_base_url (const char  *base_url,
                           GError     **error)
{
  g_autoptr(GUri) uri = base_url ? g_uri_parse (base_url, SOUP_HTTP_URI_FLAGS, NULL) : NULL;
  const char *scheme = uri ? g_uri_get_scheme (uri) : NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_INSECURE,
                   _("“%s” is not a valid server address."), base_url ? base_url : "");
      return FALSE;
    }
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") == 0 && host_is_loopback (g_uri_get_host (uri)))
    return TRUE;

  g_set_error_literal (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_INSECURE,
                       _("The server address must start with https://. Unencrypted http:// is only allowed on this computer."));
  return FALSE;
}

/* Klarna documents "Basic <API key>" for a bare key; with a username it is
 * standard Basic. The header is built once and never logged. */
static char *
build_authorization (const char *username,
                     const char *api_key,
                     gboolean    encode_key)
{
  g_autofree char *pair = NULL;
  g_autofree char *encoded = NULL;
  char *header;

  if ((username == NULL || *username == '\0') && !encode_key)
    return g_strconcat ("Basic ", api_key, NULL);

  pair = username && *username ? g_strconcat (username, ":", api_key, NULL) : g_strdup (api_key);
  encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  header = g_strconcat ("Basic ", encoded, NULL);
  memset (pair, 0, strlen (pair));
  memset (encoded, 0, strlen (encoded));
  return header;
}

DspClient *
dsp_client_new (const char  *base_url,
                const char  *username,
                const char  *api_key,
                GError     **error)
{
  return dsp_client_new_full (base_url, username, api_key, FALSE, error);
}

/* @encode_key: send a key without username base64-encoded, for setups that
 * read Klarna's ambiguous "Basic <API key>" that way. */
DspClient *
dsp_client_new_full (const char  *base_url,
                     const char  *username,
                     const char  *api_key,
                     gboolean     encode_key,
                     GError     **error)
{
  DspClient *self;
  g_autofree char *user_agent = NULL;

  g_return_val_if_fail (api_key != NULL, NULL);

  if (!dsp_client_check_base_url (base_url, error))
    return NULL;

  self = g_object_new (DSP_TYPE_CLIENT, NULL);
  self->base_url = g_strdup (base_url);
  while (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';
  self->authorization = build_authorization (username, api_key, encode_key);
  user_agent = g_strdup_printf ("Disputes/%s (%s; GNOME)", PACKAGE_VERSION, APP_ID);
  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "timeout", 30,
                                                 "idle-timeout", 60,
                                                 NULL);
  return self;
}

static void
dsp_client_dispose (GObject *object)
{
  DspClient *self = DSP_CLIENT (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (dsp_client_parent_class)->dispose (object);
}

static void
dsp_client_finalize (GObject *object)
{
  DspClient *self = DSP_CLIENT (object);

  if (self->authorization)
    memset (self->authorization, 0, strlen (self->authorization));
  g_free (self->authorization);
  g_free (self->base_url);

  G_OBJECT_CLASS (dsp_client_parent_class)->finalize (object);
}

static void
dsp_client_class_init (DspClientClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = dsp_client_dispose;
  G_OBJECT_CLASS (klass)->finalize = dsp_client_finalize;
}

static void
dsp_client_init (DspClient *self)
{
  self->backoff_base_ms = 1000;
  self->max_retries = 3;
}

const char *
dsp_client_get_base_url (DspClient *self)
{
  g_return_val_if_fail (DSP_IS_CLIENT (self), NULL);
  return self->base_url;
}

void
dsp_client_set_timeout (DspClient *self,
                        guint      seconds)
{
  g_return_if_fail (DSP_IS_CLIENT (self));
  soup_session_set_timeout (self->session, seconds);
}

/* How long to wait after a 429 without Retry-After, and how often to retry. */
void
dsp_client_set_backoff (DspClient *self,
                        guint      base_ms,
                        guint      max_retries)
{
  g_return_if_fail (DSP_IS_CLIENT (self));
  self->backoff_base_ms = base_ms;
  self->max_retries = max_retries;
}

/* Seconds Klarna asked us to wait in its last 429, 0 if none. */
guint
dsp_client_get_retry_after (DspClient *self)
{
  g_return_val_if_fail (DSP_IS_CLIENT (self), 0);
  return self->retry_after;
}

static guint
parse_retry_after (SoupMessage *message)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                    "Retry-After");
  guint64 seconds;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (value == NULL)
    return 0;
  if (g_ascii_string_to_unsigned (value, 10, 0, 86400, &seconds, NULL))
    return (guint) seconds;
  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return 0;
  now = g_date_time_new_from_unix_utc (dsp_clock_now ());
  return (guint) CLAMP (g_date_time_difference (when, now) / G_USEC_PER_SEC, 0, 86400);
}

/* Retry-After when Klarna gives one, otherwise exponential with jitter. */
static guint
retry_delay_ms (DspClient *self,
                guint      retry_after,
                guint      attempt)
{
  guint base;

  if (retry_after > 0)
    return retry_after * 1000;
  base = self->backoff_base_ms << MIN (attempt, 10);
  return base / 2 + g_random_int_range (0, (gint32) MAX (base / 2, 1) + 1);
}

/* A GSourceFunc, not an async callback: the timeout source owns the
 * reference to @user_data and drops it, so this one only borrows it. */
static gboolean
on_retry_timeout (gpointer user_data)
{
  GTask *task = user_data;

  if (!g_task_return_error_if_cancelled (task))
    request_send (g_object_ref (task));
  return G_SOURCE_REMOVE;
}

static gboolean
on_retry_cancelled (GCancellable *cancellable,
                    gpointer      user_data)
{
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (GTask *task,
                guint  delay_ms)
{
  g_autoptr(GSource) timeout = g_timeout_source_new (delay_ms);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (cancellable)
    {
      /* Dispatching the child wakes the timeout early; it then sees the cancellation. */
      g_autoptr(GSource) cancel = g_cancellable_source_new (cancellable);

      g_source_set_callback (cancel, G_SOURCE_FUNC (on_retry_cancelled), NULL, NULL);
      g_source_add_child_source (timeout, cancel);
      g_source_set_ready_time (cancel, -1);
    }
  g_source_set_callback (timeout, on_retry_timeout, g_object_ref (task), g_object_unref);
  g_source_attach (timeout, g_main_context_get_thread_default ());
}

static void
return_body (GTask  *task,
             GBytes *body)
{
  Request *request = g_task_get_task_data (task);
  gsize length = 0;
  const char *data = g_bytes_get_data (body, &length);
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  if (length == 0)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  root = dsp_json_parse (data, length, &error);
  if (root == NULL)
    {
      g_debug ("Unreadable reply: %s", error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (request->split)
    request->texts = dsp_json_split_array (data, length, request->split);
  g_task_return_pointer (task, root, (GDestroyNotify) json_node_unref);
}

/* A reply this large (a page of disputes is some 300 KB) is parsed on a
 * worker: parsing it on the window's thread takes longer than a frame. */
#define PARSE_APART_BYTES (16 * 1024)

static void
parse_reply (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Request *request = task_data;
  g_autoptr(GBytes) reply = g_steal_pointer (&request->reply);

  return_body (task, reply);
}

/* libsoup hands over a body cut short by a closed connection as if whole. */
static gboolean
body_is_truncated (SoupMessage *message,
                   GBytes      *body)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);

  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH)
    return FALSE;
  return (goffset) g_bytes_get_size (body) < soup_message_headers_get_content_length (headers);
}

/* What came back for @request (@body, or @error: both taken). */
static void
take_reply (GTask  *task,
            GBytes *body,
            GError *error)
{
  DspClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) reply = body;
  guint status;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }
  if (error != NULL)
    {
      g_debug ("%s %s failed: %s", request->method, request->uri, error->message);
      g_task_return_error (task, dsp_client_error_from_transport (error));
      g_error_free (error);
      return;
    }

  if (body_is_truncated (request->message, reply))
    {
      g_autoptr(GError) partial = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT, "truncated");
      g_task_return_error (task, dsp_client_error_from_transport (partial));
      return;
    }

  status = soup_message_get_status (request->message);
  g_debug ("%s %s → %u", request->method, request->uri, status);
  if (status == DSP_HTTP_TOO_MANY_REQUESTS)
    {
      self->retry_after = parse_retry_after (request->message);
      if (request->attempt < self->max_retries && self->retry_after <= MAX_RETRY_AFTER_WAIT)
        {
          schedule_retry (task, retry_delay_ms (self, self->retry_after, request->attempt));
          request->attempt++;
          return;
        }
    }

  if (SOUP_STATUS_IS_SUCCESSFUL (status) && g_bytes_get_size (reply) >= PARSE_APART_BYTES)
    {
      request->reply = g_steal_pointer (&reply);
      g_task_run_in_thread (task, parse_reply);
    }
  else if (SOUP_STATUS_IS_SUCCESSFUL (status))
    return_body (task, reply);
  else
    g_task_return_error (task, dsp_client_status_to_error (status, reply, self->retry_after));
}

static void
on_request_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GBytes *body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);

  take_reply (task, body, error);
}

static void
on_wrote_body_data (SoupMessage *message,
                    guint        chunk,
                    Request     *request)
{
  request->sent += chunk;
  request->progress (request->sent, g_bytes_get_size (request->body), request->progress_data);
}

/* ---- a large body, sent from a worker ----
 * libsoup's asynchronous writes move a body 8 kB a turn of the window's
 * main loop: an evidence file of 7 MB went out at half the wire's speed.
 * Since libsoup 3.2 a session sends from any thread; the worker blocks on
 * the socket instead, and its progress is told on the request's thread,
 * one report at a time. */
#define SEND_APART_BYTES (1024 * 1024)

static gboolean
tell_progress (gpointer data)
{
  GTask *task = data;
  Request *request = g_task_get_task_data (task);

  g_atomic_int_set (&request->progress_due, 0);
  if (!g_task_get_completed (task))
    request->progress (g_atomic_int_get (&request->sent_apart), g_bytes_get_size (request->body),
                       request->progress_data);
  return G_SOURCE_REMOVE;
}

/* On the worker. */
static void
on_wrote_apart (SoupMessage *message,
                guint        chunk,
                GTask       *task)
{
  Request *request = g_task_get_task_data (task);

  g_atomic_int_add (&request->sent_apart, (int) chunk);
  if (request->progress && g_atomic_int_compare_and_exchange (&request->progress_due, 0, 1))
    g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT, tell_progress,
                                g_object_ref (task), g_object_unref);
}

static void
send_apart (GTask        *apart,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GTask *task = task_data;
  DspClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  GError *error = NULL;
  GBytes *body = soup_session_send_and_read (self->session, request->message, cancellable, &error);

  if (body)
    g_task_return_pointer (apart, body, (GDestroyNotify) g_bytes_unref);
  else
    g_task_return_error (apart, error);
}

static void
on_sent_apart (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GBytes *body = g_task_propagate_pointer (G_TASK (result), &error);

  take_reply (task, body, error);
}

static void
request_send_apart (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  /* the task's reference goes to on_sent_apart(), as to on_request_done() */
  g_autoptr(GTask) apart = g_task_new (NULL, g_task_get_cancellable (task), on_sent_apart, task);

  g_atomic_int_set (&request->sent_apart, 0);
  g_signal_connect (request->message, "wrote-body-data", G_CALLBACK (on_wrote_apart), task);
  g_task_set_task_data (apart, g_object_ref (task), g_object_unref);
  g_task_run_in_thread (apart, send_apart);
}

static void
request_send (GTask *task)
{
  DspClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  g_clear_object (&request->message);
  request->sent = 0;
  request->message = soup_message_new (request->method, request->uri);
  headers = soup_message_get_request_headers (request->message);
  soup_message_headers_replace (headers, "Authorization", self->authorization);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (request->idempotency_key)
    soup_message_headers_replace (headers, "Klarna-Idempotency-Key", request->idempotency_key);
  if (request->body)
    soup_message_set_request_body_from_bytes (request->message,
                                              request->content_type ? request->content_type : "application/json",
                                              request->body);
  if (request->body && g_bytes_get_size (request->body) >= SEND_APART_BYTES)
    {
      request_send_apart (task);
      return;
    }
  if (request->progress)
    g_signal_connect (request->message, "wrote-body-data", G_CALLBACK (on_wrote_body_data), request);

  soup_session_send_and_read_async (self->session, request->message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_request_done, task);
}

/* Sends @request (taken); the task's result is the parsed JSON (NULL for an empty body). */
void
dsp_client_send (DspClient           *self,
              Request             *request,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  g_task_set_source_tag (task, dsp_client_request_json_async);

  if (!g_uri_is_valid (request->uri, SOUP_HTTP_URI_FLAGS, NULL))
    {
      g_task_return_new_error (task, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_FAILED,
                               _("The app built an invalid address for Klarna."));
      g_object_unref (task);
      return;
    }
  request_send (task);
}

Request *
dsp_client_request_new (DspClient  *self,
             const char *method,
             const char *path_and_query)
{
  Request *request = g_new0 (Request, 1);

  request->method = g_strdup (method);
  request->uri = g_strconcat (self->base_url, path_and_query, NULL);
  return request;
}

/* Sends one call; the result is the parsed JSON (NULL for an empty body). */
void
dsp_client_request_json_async (DspClient           *self,
                               const char          *method,
                               const char          *path_and_query,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  dsp_client_send (self, dsp_client_request_new (self, method, path_and_query), cancellable, callback, user_data);
}

JsonNode *
dsp_client_request_json_finish (DspClient     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dsp_client_request_json_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Identifiers contain colons: escape what a path segment cannot hold. */
char *
dsp_client_escape_segment (const char *segment)
{
  return g_uri_escape_string (segment, ":@!$&'()*+,;=", FALSE);
}


typedef struct {
  GPtrArray       *disputes;
  GHashTable      *seen;
  char            *updated_since;
  char            *cursor;
  guint            pages;
  DspListPage      page_func;
  gpointer         page_data;
  guint            fetched;
} ListState;

static void
list_state_free (ListState *state)
{
  g_ptr_array_unref (state->disputes);
  /* a hundred thousand ids: let go of off the window's thread */
  dsp_background_release (g_steal_pointer (&state->seen), (GDestroyNotify) g_hash_table_unref);
  g_free (state->updated_since);
  g_free (state->cursor);
  g_free (state);
}

static void list_fetch_page (GTask *task);

/* Adds the page's disputes; a broken entry is skipped, not fatal. With
 * @texts (the caller keeps each dispute's JSON), each one's text as
 * received (@received, when the reply could be cut up), else written out. */
static void
list_take_page (ListState *state,
                JsonArray *disputes,
                GPtrArray *received,
                GPtrArray *page,
                GPtrArray *texts)
{
  guint n = json_array_get_length (disputes);

  if (received && received->len != n)
    received = NULL;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (disputes, i);
      g_autoptr(GError) error = NULL;
      DspDispute *dispute;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      dispute = dsp_dispute_new_from_json (json_node_get_object (node), &error);
      if (dispute == NULL)
        {
          g_debug ("Skipping a dispute: %s", error->message);
          continue;
        }
      if (!g_hash_table_add (state->seen, g_strdup (dsp_dispute_get_id (dispute))))
        {
          g_object_unref (dispute);
          continue;
        }
      /* With a page callback the caller keeps what it needs; holding every
       * dispute here too would double the memory of a large account. */
      if (state->page_func == NULL)
        g_ptr_array_add (state->disputes, g_object_ref (dispute));
      g_ptr_array_add (page, dispute);
      state->fetched++;
      if (texts)
        g_ptr_array_add (texts, received ? g_strdup (g_ptr_array_index (received, i)) : dsp_json_to_string (node));
    }
}

/* Klarna's last page has last_item null; a missing next link also ends it. */
static const char *
list_next_cursor (ListState  *state,
                  JsonObject *pagination,
                  guint       page_length)
{
  const char *last = dsp_json_string (pagination, "last_item");
  JsonObject *links = dsp_json_object (pagination, "_links");

  if (last == NULL || *last == '\0' || page_length == 0)
    return NULL;
  if (links != NULL && dsp_json_object (links, "next") == NULL)
    return NULL;
  if (g_strcmp0 (last, state->cursor) == 0 || state->pages >= MAX_PAGES)
    return NULL;
  return last;
}

static void
on_list_page (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ListState *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object, *pagination;
  JsonArray *disputes;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  const char *next;
  gint64 total = 0;
  guint length;

  root = dsp_client_request_json_finish (DSP_CLIENT (source), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  object = root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  disputes = dsp_json_array (object, "disputes");
  if (disputes == NULL)
    {
      g_task_return_error (task, dsp_client_error_malformed ());
      return;
    }

  state->pages++;
  pagination = dsp_json_object (object, "pagination");
  dsp_json_int (pagination, "total", &total);
  length = json_array_get_length (disputes);

  /* Ask for the next page first: Klarna prepares it while this one is read. */
  next = list_next_cursor (state, pagination, length);
  if (next != NULL)
    {
      g_free (state->cursor);
      state->cursor = g_strdup (next);
      list_fetch_page (g_object_ref (task));
    }

  page = g_ptr_array_new_with_free_func (g_object_unref);
  texts = state->page_func ? g_ptr_array_new_with_free_func (g_free) : NULL;
  list_take_page (state, disputes, ((Request *) g_task_get_task_data (G_TASK (result)))->texts, page, texts);
  if (state->page_func)
    state->page_func (page, texts, state->fetched, (guint) CLAMP (total, 0, G_MAXUINT), state->page_data);
  if (next == NULL)
    g_task_return_pointer (task, g_ptr_array_ref (state->disputes), (GDestroyNotify) g_ptr_array_unref);
  /* a page's tree is some thousand nodes: let go of off the window's thread */
  dsp_background_release (g_steal_pointer (&root), (GDestroyNotify) json_node_unref);
}

static void
list_fetch_page (GTask *task)
{
  ListState *state = g_task_get_task_data (task);
  g_autoptr(GString) query = g_string_new ("/v4/payment/disputes?size=");
  Request *request;

  g_string_append_printf (query, "%d", PAGE_SIZE);
  if (state->updated_since)
    {
      g_string_append (query, "&updated_at_start=");
      g_string_append_uri_escaped (query, state->updated_since, NULL, FALSE);
    }
  if (state->cursor)
    {
      g_string_append (query, "&starting_after=");
      g_string_append_uri_escaped (query, state->cursor, NULL, FALSE);
    }
  request = dsp_client_request_new (g_task_get_source_object (task), "GET", query->str);
  /* each dispute's JSON kept as received */
  request->split = "disputes";
  dsp_client_send (g_task_get_source_object (task), request, g_task_get_cancellable (task), on_list_page, task);
}

/* Every page of disputes (changed since @updated_since, if not 0). */
void
dsp_client_list_disputes_async (DspClient           *self,
                                gint64               updated_since,
                                DspListPage          page_func,
                                gpointer             page_data,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  ListState *state;

  g_return_if_fail (DSP_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dsp_client_list_disputes_async);
  state = g_new0 (ListState, 1);
  state->disputes = g_ptr_array_new_with_free_func (g_object_unref);
  state->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  state->updated_since = updated_since ? dsp_time_format_rfc3339 (updated_since) : NULL;
  state->page_func = page_func;
  state->page_data = page_data;
  g_task_set_task_data (task, state, (GDestroyNotify) list_state_free);
  list_fetch_page (task);
}

GPtrArray *
dsp_client_list_disputes_finish (DspClient     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dsp_client_list_disputes_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef gpointer (*ParseFunc) (JsonObject *object, GError **error);

static void
on_object_fetched (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ParseFunc parse = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  gpointer object;

  root = dsp_client_request_json_finish (DSP_CLIENT (source), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_task_return_error (task, dsp_client_error_malformed ());
      return;
    }
  object = parse (json_node_get_object (root), NULL);
  if (object == NULL)
    g_task_return_error (task, dsp_client_error_malformed ());
  else
    g_task_return_pointer (task, object, g_object_unref);
}

static void
fetch_object_async (DspClient           *self,
                    const char          *prefix,
                    const char          *id,
                    ParseFunc            parse,
                    gpointer             source_tag,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *segment = dsp_client_escape_segment (id);
  g_autofree char *path = g_strconcat (prefix, segment, NULL);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, parse, NULL);
  dsp_client_request_json_async (self, "GET", path, cancellable, on_object_fetched, task);
}

void
dsp_client_get_dispute_async (DspClient           *self,
                              const char          *dispute_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (DSP_IS_CLIENT (self));
  g_return_if_fail (dispute_id != NULL);

  fetch_object_async (self, "/v4/payment/disputes/", dispute_id,
                      (ParseFunc) dsp_dispute_new_from_json, dsp_client_get_dispute_async,
                      cancellable, callback, user_data);
}

DspDispute *
dsp_client_get_dispute_finish (DspClient     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dsp_client_get_dispute_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
dsp_client_get_order_async (DspClient           *self,
                            const char          *order_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (DSP_IS_CLIENT (self));
  g_return_if_fail (order_id != NULL);

  fetch_object_async (self, "/ordermanagement/v1/orders/", order_id,
                      (ParseFunc) dsp_order_new_from_json, dsp_client_get_order_async,
                      cancellable, callback, user_data);
}

DspOrder *
dsp_client_get_order_finish (DspClient     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dsp_client_get_order_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Completes the task in @user_data with TRUE, or the call's error. */
void
dsp_client_on_simple_done (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = dsp_client_request_json_finish (DSP_CLIENT (source), result, &error);

  if (error)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* One small real call: proves host, key and access together. */
void
dsp_client_test_connection_async (DspClient           *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, dsp_client_test_connection_async);
  dsp_client_request_json_async (self, "GET", "/v4/payment/disputes?size=1", cancellable,
                                 dsp_client_on_simple_done, task);
}

gboolean
dsp_client_test_connection_finish (DspClient     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dsp_client_test_connection_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Enrolls the merchant for V4 disputes; Klarna answers 204 also when already enrolled. */
void
dsp_client_enroll_async (DspClient           *self,
                         const char          *merchant_id,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *segment = dsp_client_escape_segment (merchant_id);
  g_autofree char *path = g_strdup_printf ("/v4/payment/disputes/merchants/%s/enroll", segment);

  g_task_set_source_tag (task, dsp_client_enroll_async);
  dsp_client_request_json_async (self, "POST", path, cancellable, dsp_client_on_simple_done, task);
}

gboolean
dsp_client_enroll_finish (DspClient     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dsp_client_enroll_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
