/* dsp-sim-faults.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-simulator"

#include "config.h"

#include <string.h>

#include "dsp-sim-faults.h"
#include "dsp-sim-reply.h"
#include "klarna/dsp-client-error.h"

SimFault *
sim_fault_new (DspSimFaultKind  kind,
               guint            value,
               guint            times,
               const char      *path_prefix)
{
  SimFault *fault = g_new0 (SimFault, 1);

  fault->kind = kind;
  fault->value = value;
  fault->remaining = MAX (times, 1);
  fault->path_prefix = g_strdup (path_prefix);
  return fault;
}

void
sim_fault_free (gpointer data)
{
  SimFault *fault = data;

  g_free (fault->path_prefix);
  g_free (fault);
}

gboolean
sim_fault_parse (const char      *kind,
                 DspSimFaultKind *out)
{
  static const char *names[] = { "status", "delay", "truncate", "malformed", "drop", "lose-answer" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (kind, names[i]) == 0)
      {
        *out = (DspSimFaultKind) i;
        return TRUE;
      }
  return FALSE;
}

/* Writes a response by hand on the stolen connection, then hangs up. */
static void
write_raw_and_close (SoupServerMessage *msg,
                     const char        *raw)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream == NULL)
    return;
  if (raw)
    g_output_stream_write_all (g_io_stream_get_output_stream (stream), raw, strlen (raw),
                               NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static void
reply_status (SoupServerMessage *msg,
              guint              status)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  if (status == DSP_HTTP_TOO_MANY_REQUESTS)
    {
      soup_message_headers_replace (headers, "Retry-After", "1");
      sim_reply_v4_error (msg, status, "RATE_LIMITED", "Too many requests.", NULL);
    }
  else if (status >= 500)
    sim_reply_v4_error (msg, status, "INTERNAL_ERROR", "Temporary failure.", NULL);
  else if (status == SOUP_STATUS_UNAUTHORIZED)
    sim_reply_v4_error (msg, status, "UNAUTHORIZED", "Missing or invalid credentials.", NULL);
  else if (status == SOUP_STATUS_FORBIDDEN)
    sim_reply_v4_error (msg, status, "OPERATION_FORBIDDEN", "Not allowed.", NULL);
  else if (status == SOUP_STATUS_NOT_FOUND)
    sim_reply_v4_error (msg, status, "RESOURCE_NOT_FOUND", "No such resource.", NULL);
  else
    sim_reply_v4_error (msg, status, "VALIDATION_ERROR", "Rejected by fault injection.", NULL);
}

void
sim_fault_apply (SimFault          *fault,
                 SoupServerMessage *msg)
{
  static const char malformed[] = "{\"disputes\": [{\"payment_dispute_id\": \"krn:payment:eu1:dis";
  static const char truncated[] =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n"
    "Connection: close\r\n\r\n{\"disputes\": [{\"payment_dispute_id\": \"krn:";

  switch (fault->kind)
    {
    case DSP_SIM_FAULT_STATUS:
      reply_status (msg, fault->value ? fault->value : SOUP_STATUS_INTERNAL_SERVER_ERROR);
      break;
    case DSP_SIM_FAULT_MALFORMED:
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        malformed, strlen (malformed));
      break;
    case DSP_SIM_FAULT_TRUNCATE:
      write_raw_and_close (msg, truncated);
      break;
    case DSP_SIM_FAULT_DROP:
    case DSP_SIM_FAULT_LOSE_ANSWER:
      write_raw_and_close (msg, NULL);
      break;
    case DSP_SIM_FAULT_DELAY:
    default:
      g_assert_not_reached ();
    }
}
