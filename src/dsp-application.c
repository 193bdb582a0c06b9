/* dsp-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-application"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-application.h"
#include "dsp-client.h"
#include "dsp-simulator.h"
#include "dsp-window.h"

#define DEMO_DISPUTES 60
#define DEMO_SEED 2026

struct _DspApplication
{
  AdwApplication  parent_instance;

  DspSimulator   *simulator;
  char           *server;
  gboolean        demo_requested;
};

G_DEFINE_FINAL_TYPE (DspApplication, dsp_application, ADW_TYPE_APPLICATION)

static DspWindow *
ensure_window (DspApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (dsp_window_new (ADW_APPLICATION (self)));
  return DSP_WINDOW (window);
}

/* The demo talks HTTP to a simulator on loopback, exactly as to Klarna.
 * With --server it uses a simulator (or compatible server) already running. */
gboolean
dsp_application_start_demo (DspApplication  *self,
                            GError         **error)
{
  g_autoptr(DspClient) client = NULL;
  const char *base_url = self->server;

  if (base_url == NULL)
    {
      if (self->simulator == NULL)
        {
          g_autoptr(DspSimulator) simulator = dsp_simulator_new (DEMO_DISPUTES, DEMO_SEED, 0);

          if (!dsp_simulator_listen (simulator, 0, error))
            return FALSE;
          self->simulator = g_steal_pointer (&simulator);
        }
      base_url = dsp_simulator_get_base_url (self->simulator);
    }

  client = dsp_client_new (base_url, NULL, DSP_SIMULATOR_DEMO_KEY, error);
  if (client == NULL)
    return FALSE;
  dsp_window_set_client (ensure_window (self), client, TRUE);
  return TRUE;
}

static void
demo_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  DspApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!dsp_application_start_demo (self, &error))
    g_warning ("Could not start the demo: %s", error->message);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  const char *developers[] = { "The Disputes developers", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  adw_show_about_window (parent,
                         "application-name", _("Disputes"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Every Klarna dispute of your shops in one place"),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", "© 2026 The Disputes developers",
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "demo", demo_action },
  { "about", about_action },
  { "quit", quit_action },
};

static void
dsp_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *refresh_accels[] = { "<Control>r", "F5", NULL };
  static const char *back_accels[] = { "<Alt>Left", NULL };

  G_APPLICATION_CLASS (dsp_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.refresh", refresh_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.back", back_accels);
}

static void
dsp_application_activate (GApplication *application)
{
  DspApplication *self = DSP_APPLICATION (application);
  DspWindow *window = ensure_window (self);
  g_autoptr(GError) error = NULL;

  if (self->demo_requested)
    {
      self->demo_requested = FALSE;
      if (!dsp_application_start_demo (self, &error))
        g_printerr ("%s\n", error->message);
    }
  gtk_window_present (GTK_WINDOW (window));
}

static int
dsp_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  DspApplication *self = DSP_APPLICATION (application);
  const char *server = NULL;
  g_autoptr(GError) error = NULL;

  if (g_variant_dict_lookup (options, "demo", "b", &self->demo_requested) && self->demo_requested)
    g_debug ("Starting on the demo account");
  if (g_variant_dict_lookup (options, "server", "&s", &server))
    {
      if (!dsp_client_check_base_url (server, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_free (self->server);
      self->server = g_strdup (server);
      self->demo_requested = TRUE;
    }
  return -1;
}

static void
dsp_application_finalize (GObject *object)
{
  DspApplication *self = DSP_APPLICATION (object);

  g_clear_object (&self->simulator);
  g_free (self->server);

  G_OBJECT_CLASS (dsp_application_parent_class)->finalize (object);
}

static void
dsp_application_class_init (DspApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = dsp_application_finalize;
  app_class->startup = dsp_application_startup;
  app_class->activate = dsp_application_activate;
  app_class->handle_local_options = dsp_application_handle_local_options;
}

static void
dsp_application_init (DspApplication *self)
{
  const GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Open the demo account with simulated disputes"), NULL },
    { "server", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Use the Klarna-compatible server at URL for the demo account (http:// only on this computer)"), N_("URL") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

DspApplication *
dsp_application_new (void)
{
  return g_object_new (DSP_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/com/example/Disputes",
                       NULL);
}
