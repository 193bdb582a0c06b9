/* klarna-simulator.c — run the Klarna simulator on loopback for development
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-simulator"

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "dsp-sim-faults.h"
#include "dsp-simulator.h"
#include "klarna/dsp-time.h"

static gboolean
add_faults (DspSimulator  *sim,
            char         **specs,
            GError       **error)
{
  for (guint i = 0; specs && specs[i]; i++)
    {
      g_auto(GStrv) parts = g_strsplit (specs[i], ":", 3);
      DspSimFaultKind kind;
      guint64 value = 0, times = 1;

      if (!sim_fault_parse (parts[0], &kind) ||
          (parts[1] && !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXUINT32, &value, NULL)) ||
          (parts[1] && parts[2] && !g_ascii_string_to_unsigned (parts[2], 10, 1, G_MAXUINT32, &times, NULL)))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "Bad --fault “%s”: use KIND[:VALUE[:TIMES]], KIND one of "
                       "status, delay, truncate, malformed, drop, lose-answer", specs[i]);
          return FALSE;
        }
      dsp_simulator_add_fault (sim, kind, (guint) value, (guint) times, NULL);
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  int port = 0, disputes = 40, seed = 1;
  g_autofree char *username = NULL, *api_key = NULL, *now_text = NULL;
  g_auto(GStrv) faults = NULL;
  GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Port on 127.0.0.1 (0 picks a free one)", "PORT" },
    { "disputes", 'n', 0, G_OPTION_ARG_INT, &disputes, "Number of disputes to generate (default 40)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT, &seed, "Seed for the generated data (default 1)", "SEED" },
    { "username", 'u', 0, G_OPTION_ARG_STRING, &username, "API username (UUID) to require", "NAME" },
    { "api-key", 'k', 0, G_OPTION_ARG_STRING, &api_key, "Test API key to accept (default: the demo key)", "KEY" },
    { "now", 0, 0, G_OPTION_ARG_STRING, &now_text, "Pin the clock to this RFC 3339 time", "TIME" },
    { "fault", 'f', 0, G_OPTION_ARG_STRING_ARRAY, &faults, "Inject a fault: KIND[:VALUE[:TIMES]]", "FAULT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— a local Klarna Disputes V4 server");
  g_autoptr(GError) error = NULL;
  g_autoptr(DspSimulator) sim = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  gint64 now = 0;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "Control while running: POST /_simulator/clock?advance=SECONDS, "
    "/_simulator/disputes?count=N, /_simulator/faults?kind=K&value=V&times=N; GET /_simulator/status");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    goto fail;
  if (disputes < 0 || disputes > 1000000 || port < 0 || port > 65535)
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "Out-of-range --disputes or --port");
      goto fail;
    }
  if (now_text && (now = dsp_time_parse (now_text)) == 0)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "Bad --now “%s”", now_text);
      goto fail;
    }

  sim = dsp_simulator_new ((guint) disputes, (guint32) seed, now);
  if (api_key)
    dsp_simulator_set_credentials (sim, username, api_key);
  if (!add_faults (sim, faults, &error) || !dsp_simulator_listen (sim, (guint) port, &error))
    goto fail;

  printf ("%s\n", dsp_simulator_get_base_url (sim));
  fflush (stdout);
  loop = g_main_loop_new (NULL, FALSE);
  g_main_loop_run (loop);
  return 0;

fail:
  fprintf (stderr, "klarna-simulator: %s\n", error->message);
  return 1;
}
