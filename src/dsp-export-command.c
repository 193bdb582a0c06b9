/* dsp-export-command.c
 *
 * Every stored dispute of the accounts set up, read from the store on
 * disk (nothing is fetched: it is the owner's record as the app last saw
 * it); with --demo (or --server), the demo's disputes, fetched from its
 * Klarna first. The file is written whole or not at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-export"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-accounts.h"
#include "dsp-client.h"
#include "dsp-demo.h"
#include "dsp-export-command.h"
#include "dsp-export.h"
#include "dsp-simulator.h"
#include "dsp-source.h"

typedef struct {
  GMainLoop *loop;
  GFile     *file;
  GPtrArray *sources;
  GError    *error;
  guint      rows;
} Command;

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Command *command = user_data;
  g_autoptr(GBytes) csv = dsp_export_finish (result, &command->rows, &command->error);

  if (csv)
    g_file_replace_contents (command->file, g_bytes_get_data (csv, NULL), g_bytes_get_size (csv), NULL, FALSE,
                             G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &command->error);
  g_main_loop_quit (command->loop);
}

static void
export (Command *command)
{
  g_autoptr(DspQuery) everything = dsp_query_new ();

  dsp_export_async (command->sources, everything, NULL, on_exported, command);
}

static void
on_synced (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Command *command = user_data;

  if (!dsp_source_sync_finish (DSP_SOURCE (object), result, &command->error))
    g_main_loop_quit (command->loop);
  else
    export (command);
}

static void
on_opened (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Command *command = user_data;

  if (!dsp_store_open_finish (DSP_STORE (object), result, NULL, &command->error))
    g_main_loop_quit (command->loop);
  else
    export (command);
}

/* The demo's Klarna (or --server's), fetched into a store in memory. */
static gboolean
start_demo (Command     *command,
            const char  *server,
            DspDemo    **demo)
{
  g_autoptr(DspClient) client = NULL;

  if (server == NULL && (*demo = dsp_demo_new (NULL, &command->error)) == NULL)
    return FALSE;
  client = dsp_client_new (server ? server : dsp_demo_get_base_url (*demo), NULL, DSP_SIMULATOR_DEMO_KEY,
                           &command->error);
  if (client == NULL)
    return FALSE;
  g_ptr_array_add (command->sources, dsp_source_new_for_client (client, "demo", NULL));
  dsp_source_sync_async (g_ptr_array_index (command->sources, 0), NULL, NULL, NULL, on_synced, command);
  return TRUE;
}

/* The accounts set up, from the store on disk. */
static gboolean
start_stored (Command    *command,
              const char *store_path)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(DspAccounts) accounts = dsp_accounts_new (settings);
  GListModel *model = dsp_accounts_get_model (accounts);
  /* the app may be running: its file is read beside it, never moved aside */
  g_autoptr(DspStore) store = dsp_store_new_shared (store_path);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DspAccount) account = g_list_model_get_item (model, i);

      g_ptr_array_add (command->sources, dsp_source_new_for_account (account, store));
    }
  if (command->sources->len == 0)
    {
      g_set_error_literal (&command->error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("No Klarna account is set up, so there is nothing to export. "
                             "Use --demo to export the demo’s disputes."));
      return FALSE;
    }
  dsp_store_open_async (store, NULL, on_opened, command);
  return TRUE;
}

/* Writes @file; says how it went on standard output or error; the exit status. */
int
dsp_export_command_run (const char *file,
                        const char *store_path,
                        gboolean    demo,
                        const char *server)
{
  Command command = { g_main_loop_new (NULL, FALSE), g_file_new_for_commandline_arg (file),
                      g_ptr_array_new_with_free_func (g_object_unref), NULL, 0 };
  g_autoptr(DspDemo) simulated = NULL;
  g_autofree char *where = g_file_get_parse_name (command.file);
  gboolean started = demo || server ? start_demo (&command, server, &simulated)
                                    : start_stored (&command, store_path);

  if (started)
    g_main_loop_run (command.loop);
  if (command.error)
    g_printerr (_("Could not export to %s: %s\n"), where, command.error->message);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %u dispute to %s\n", "Exported %u disputes to %s\n",
                          command.rows), command.rows, where);
  g_main_loop_unref (command.loop);
  g_object_unref (command.file);
  g_ptr_array_unref (command.sources);
  if (command.error == NULL)
    return 0;
  g_error_free (command.error);
  return 1;
}
