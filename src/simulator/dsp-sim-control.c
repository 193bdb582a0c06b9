/* dsp-sim-control.c — /_simulator/…: how tests outside the process drive it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-simulator"

#include "config.h"

#include <string.h>

#include "dsp-sim-faults.h"
#include "dsp-sim-handlers.h"
#include "dsp-sim-reply.h"
#include "klarna/dsp-time.h"

static const char *
param (GHashTable *query,
       const char *name)
{
  return query ? g_hash_table_lookup (query, name) : NULL;
}

static guint
uint_param (GHashTable *query,
            const char *name,
            guint       fallback)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (param (query, name), 10, 0, G_MAXUINT32, &value, NULL))
    return fallback;
  return (guint) value;
}

static void
reply_status (DspSimulator      *sim,
              SoupServerMessage *msg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autofree char *now = dsp_time_format_rfc3339 (dsp_simulator_get_now (sim));
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "now");
  json_builder_add_string_value (builder, now);
  json_builder_set_member_name (builder, "disputes");
  json_builder_add_int_value (builder, dsp_simulator_get_n_disputes (sim));
  json_builder_set_member_name (builder, "requests");
  json_builder_add_int_value (builder, dsp_simulator_get_n_requests (sim));
  json_builder_set_member_name (builder, "bytes");
  json_builder_add_int_value (builder, (gint64) dsp_simulator_get_n_bytes (sim));
  json_builder_set_member_name (builder, "examined");
  json_builder_add_int_value (builder, (gint64) dsp_simulator_get_n_examined (sim));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  sim_reply_json (msg, SOUP_STATUS_OK, root);
}

static gboolean
control_clock (DspSimulator *sim,
               GHashTable   *query)
{
  gint64 advance = 0;
  gint64 now = dsp_time_parse (param (query, "now"));

  if (now)
    dsp_simulator_set_now (sim, now);
  else if (g_ascii_string_to_signed (param (query, "advance"), 10, 0, G_MAXINT32, &advance, NULL))
    dsp_simulator_advance (sim, advance);
  else
    return FALSE;
  return TRUE;
}

static gboolean
control_faults (DspSimulator *sim,
                GHashTable   *query)
{
  DspSimFaultKind kind;

  if (g_strcmp0 (param (query, "kind"), "clear") == 0)
    {
      dsp_simulator_clear_faults (sim);
      return TRUE;
    }
  if (!sim_fault_parse (param (query, "kind"), &kind))
    return FALSE;
  dsp_simulator_add_fault (sim, kind, uint_param (query, "value", 0), uint_param (query, "times", 1),
                           param (query, "path"));
  return TRUE;
}

/* POST clock?advance=S|now=T, disputes?count=N&reason=R, faults?kind=K&value=V&times=N&path=P;
 * GET status. Only reachable on loopback, like the whole simulator. */
void
sim_handle_control (DspSimulator      *sim,
                    SoupServerMessage *msg,
                    const char        *command)
{
  const char *raw = g_uri_get_query (soup_server_message_get_uri (msg));
  g_autoptr(GHashTable) query = raw ? soup_form_decode (raw) : NULL;
  gboolean ok = TRUE;

  if (strcmp (command, "status") == 0)
    ;
  else if (strcmp (command, "clock") == 0)
    ok = control_clock (sim, query);
  else if (strcmp (command, "faults") == 0)
    ok = control_faults (sim, query);
  else if (strcmp (command, "disputes") == 0)
    for (guint i = 0, n = uint_param (query, "count", 1); i < n && i < 100000; i++)
      dsp_simulator_add_dispute (sim, param (query, "reason"));
  else
    ok = FALSE;

  if (ok)
    reply_status (sim, msg);
  else
    sim_reply_v4_error (msg, SOUP_STATUS_BAD_REQUEST, "VALIDATION_ERROR", "Unknown control request.", NULL);
}
