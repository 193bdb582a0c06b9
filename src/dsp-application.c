/* dsp-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-application"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-account-dialog.h"
#include "dsp-accounts.h"
#include "dsp-application.h"
#include "dsp-autostart.h"
#include "dsp-client.h"
#include "dsp-clock.h"
#include "dsp-demo.h"
#include "dsp-export-command.h"
#include "dsp-notifier.h"
#include "dsp-preferences-window.h"
#include "dsp-simulator.h"
#include "dsp-source.h"
#include "dsp-store.h"
#include "dsp-store-check.h"
#include "dsp-window.h"


struct _DspApplication
{
  AdwApplication  parent_instance;

  DspDemo        *demo;       /* the demo's Klarna, once the demo was opened */
  guint           arrival_id; /* a dispute arrives at the demo after a while */
  DspSource      *demo_source; /* the demo's, while it is shown */
  DspAccounts    *accounts;
  DspStore       *store;
  gboolean        store_ready;
  guint           check_id;   /* the store's whole look at its file, after the start */
  GCancellable   *checking;
  DspNotifier    *notifier;
  GSettings      *settings;
  GVariant       *pending_dispute;  /* (source id, dispute id) */
  GHashTable     *sources;
  DspDisputeList *list;       /* every store's disputes: the windows are views of them */
  DspRefresher   *refresher;  /* and when they are brought up to date */
  GHashTable     *told;       /* source id → the problem last told while no window showed */
  gboolean        held;       /* the background service runs with no window */
  char           *server;
  gboolean        demo_requested;
  gboolean        in_demo;
};

G_DEFINE_FINAL_TYPE (DspApplication, dsp_application, ADW_TYPE_APPLICATION)

static gboolean
select_ref (DspWindow *window,
            GVariant  *ref)
{
  const char *source_id, *dispute_id;

  g_variant_get (ref, "(&s&s)", &source_id, &dispute_id);
  return dsp_window_select_dispute (window, source_id, dispute_id);
}

/* Only real accounts notify: the demo and servers given on the command line
 * are not the owner's disputes. A dispute asked for by a notification is
 * selected as soon as its source shows it. */
static DspWindow *
shown_window (DspApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  return window && gtk_widget_get_visible (GTK_WIDGET (window)) ? DSP_WINDOW (window) : NULL;
}

/* With several stores, a notification says whose dispute it is. */
static char *
dup_store_label (DspApplication *self,
                 DspSource      *source)
{
  DspAccount *account = dsp_source_get_account (source);

  if (account == NULL || g_list_model_get_n_items (dsp_accounts_get_model (self->accounts)) < 2)
    return NULL;
  return dsp_account_dup_name (account);
}

static void
on_source_synced (DspApplication *self,
                  DspSource      *source,
                  GPtrArray      *disputes,
                  gboolean        reached)
{
  DspWindow *window = shown_window (self);
  g_autofree char *label = NULL;

  /* reached again: a problem, if it comes back, is told again */
  if (reached)
    g_hash_table_remove (self->told, dsp_source_get_id (source));
  if (self->pending_dispute && window && select_ref (window, self->pending_dispute))
    g_clear_pointer (&self->pending_dispute, g_variant_unref);
  /* the demo notifies while it is shown; --server's disputes never */
  if (source == self->demo_source && window)
    dsp_demo_review (self->demo, dsp_source_get_id (source), disputes);
  if (dsp_source_get_account (source) == NULL)
    return;
  if (self->notifier == NULL)
    self->notifier = dsp_notifier_new (G_APPLICATION (self), self->store_ready ? self->store : NULL);
  label = dup_store_label (self, source);
  dsp_notifier_review (self->notifier, dsp_source_get_id (source), label, disputes);
}

/* A dispute marked resolved takes its notification off the desktop. */
static void
on_resolved_changed (DspApplication *self,
                     DspSource      *source,
                     const char     *dispute_id,
                     gint64          resolved_at)
{
  g_autofree char *id = dsp_notifier_id (dsp_source_get_id (source), dispute_id);

  if (resolved_at != 0)
    g_application_withdraw_notification (G_APPLICATION (self), id);
}

/* With no window shown, a problem the owner must fix comes as one
 * notification per store, said once (replaced, not repeated). */
static void
on_sync_problem (DspApplication *self,
                 DspSource      *source,
                 const char     *message)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = g_strconcat ("problem-", dsp_source_get_id (source), NULL);

  if (dsp_source_get_account (source) == NULL || shown_window (self) != NULL || dsp_source_is_offline (source) ||
      g_strcmp0 (g_hash_table_lookup (self->told, dsp_source_get_id (source)), message) == 0)
    return;
  g_hash_table_replace (self->told, g_strdup (dsp_source_get_id (source)), g_strdup (message));
  notification = g_notification_new (_("Disputes cannot check for new disputes"));
  g_notification_set_body (notification, message);
  g_notification_add_button (notification, _("Preferences"), "app.preferences");
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

/* Sent or given up while no window shows: a notification that opens the dispute. */
static void
on_action_finished (DspApplication *self,
                    DspSource      *source,
                    DspAction      *action)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *message = NULL, *id = NULL;
  gboolean demo;

  if (shown_window (self) != NULL)
    return;
  demo = dsp_refresher_get_demo (self->refresher);
  message = dsp_action_dup_outcome (action, demo);
  notification = g_notification_new (action->state != DSP_ACTION_DONE ? _("Not sent to Klarna")
                                     : demo ? _("Done in the demo") : _("Sent to Klarna"));
  g_notification_set_body (notification, message);
  g_notification_set_default_action_and_target_value (notification, "app.show-dispute",
                                                      dsp_dispute_ref_new (action->source, action->dispute_id));
  id = g_strdup_printf ("action-%" G_GINT64_FORMAT, action->id);
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

static void
on_notice (DspApplication *self,
           const char     *message)
{
  /* a window on screen says it in a toast */
  if (shown_window (self) == NULL)
    g_message ("%s", message);
}

static DspWindow *
ensure_window (DspApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (dsp_window_new (ADW_APPLICATION (self), self->refresher));
  return DSP_WINDOW (window);
}

/* The application's disputes and their schedule: they outlive any window. */
DspRefresher *
dsp_application_get_refresher (DspApplication *self)
{
  g_return_val_if_fail (DSP_IS_APPLICATION (self), NULL);
  return self->refresher;
}

static void
follow_refresher (DspApplication *self)
{
  self->list = dsp_dispute_list_new ();
  self->refresher = dsp_refresher_new (self->list);
  g_signal_connect_object (self->refresher, "synced", G_CALLBACK (on_source_synced), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->refresher, "problem", G_CALLBACK (on_sync_problem), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->refresher, "action-finished", G_CALLBACK (on_action_finished), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->refresher, "notice", G_CALLBACK (on_notice), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "resolved-changed", G_CALLBACK (on_resolved_changed), self,
                           G_CONNECT_SWAPPED);
}

/* After a while on the demo, while its window shows, a customer opens a
 * dispute: its notification comes as a real account's would. */
gboolean
dsp_application_demo_arrival (gpointer user_data)
{
  DspApplication *self = user_data;

  self->arrival_id = 0;
  if (self->demo_source == NULL || shown_window (self) == NULL ||
      !g_ptr_array_find (dsp_refresher_get_sources (self->refresher), self->demo_source, NULL))
    return G_SOURCE_REMOVE;
  dsp_demo_arrive (self->demo);
  dsp_refresher_refresh (self->refresher);
  return G_SOURCE_REMOVE;
}

static void
leave_demo (DspApplication *self)
{
  g_clear_handle_id (&self->arrival_id, g_source_remove);
  if (self->demo_source)
    dsp_demo_leave (self->demo);
  g_clear_object (&self->demo_source);
  self->in_demo = FALSE;
}

/* The demo's Klarna is a simulator on loopback (dsp-demo.c); with --server,
 * a simulator (or compatible server) already running. */
gboolean
dsp_application_start_demo (DspApplication  *self,
                            GError         **error)
{
  g_autoptr(DspClient) client = NULL;
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);
  const char *base_url = self->server;

  if (base_url == NULL)
    {
      if (self->demo == NULL)
        self->demo = dsp_demo_new (G_APPLICATION (self), error);
      if (self->demo == NULL)
        return FALSE;
      base_url = dsp_demo_get_base_url (self->demo);
    }
  client = dsp_client_new (base_url, NULL, DSP_SIMULATOR_DEMO_KEY, error);
  if (client == NULL)
    return FALSE;
  self->in_demo = TRUE;
  g_clear_handle_id (&self->arrival_id, g_source_remove);
  self->arrival_id = g_timeout_add_seconds (DSP_DEMO_ARRIVAL_SECONDS, dsp_application_demo_arrival, self);
  g_ptr_array_add (sources, dsp_source_new_for_client (client, "demo", NULL));
  /* only the app's own demo Klarna notifies: --server's disputes are not the demo's;
   * each time the demo opens, what is due by then is not news */
  g_clear_object (&self->demo_source);
  if (self->demo)
    {
      self->demo_source = g_object_ref (g_ptr_array_index (sources, 0));
      dsp_demo_enter (self->demo);
    }
  dsp_refresher_set_sources (self->refresher, sources, TRUE);
  return TRUE;
}

static void
on_forgotten (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!dsp_store_write_finish (DSP_STORE (source), result, &error))
    g_warning ("Could not remove a store's saved disputes: %s", error->message);
}

/* A removed account's saved disputes and orders go with it. */
static void
forget_removed (DspApplication *self,
                GHashTable     *kept)
{
  GHashTableIter iter;
  const char *id;

  g_hash_table_iter_init (&iter, self->sources);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    if (!g_hash_table_contains (kept, id) && dsp_accounts_find (self->accounts, id) == NULL && self->store)
      dsp_store_forget_async (self->store, id, on_forgotten, NULL);
}

/* Sources are kept per account id, so an account's client (and the key
 * inside it) survives another account being added or removed. */
static void
show_accounts (DspApplication *self)
{
  GListModel *model = dsp_accounts_get_model (self->accounts);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) keep = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DspAccount) account = g_list_model_get_item (model, i);
      const char *id = dsp_account_get_id (account);
      DspSource *source = g_hash_table_lookup (self->sources, id);

      source = source ? g_object_ref (source) : dsp_source_new_for_account (account, self->store);
      g_ptr_array_add (sources, g_object_ref (source));
      g_hash_table_insert (keep, g_strdup (id), source);
    }
  forget_removed (self, keep);
  g_hash_table_unref (self->sources);
  self->sources = g_steal_pointer (&keep);
  leave_demo (self);
  dsp_refresher_set_sources (self->refresher, sources, FALSE);
}

/* A real account, once added, takes over from the demo. */
static void
on_accounts_changed (DspApplication *self)
{
  if (!self->in_demo || g_list_model_get_n_items (dsp_accounts_get_model (self->accounts)) > 0)
    show_accounts (self);
}

static void
leave_demo_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  show_accounts (DSP_APPLICATION (user_data));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  DspApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (dsp_preferences_window_new (parent, self->accounts)));
}

static void
add_account_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  DspApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (dsp_account_dialog_new (parent, self->accounts, NULL)));
}

/* NULL until opened, or when the disk cannot keep a store. */
DspStore *
dsp_application_get_store (DspApplication *self)
{
  g_return_val_if_fail (DSP_IS_APPLICATION (self), NULL);
  return self->store_ready ? self->store : NULL;
}

DspAccounts *
dsp_application_get_accounts (DspApplication *self)
{
  g_return_val_if_fail (DSP_IS_APPLICATION (self), NULL);
  return self->accounts;
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

/* From a notification's button: marked without opening anything. */
static void
mark_resolved_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer      user_data)
{
  DspApplication *self = user_data;
  DspWindow *window = shown_window (self);
  const char *source_id, *dispute_id;

  g_variant_get (parameter, "(&s&s)", &source_id, &dispute_id);
  /* with a window showing it, it says so, with Undo; else quietly */
  if (window && dsp_window_set_resolved (window, source_id, dispute_id, TRUE))
    return;
  if (!dsp_dispute_list_set_resolved (self->list, source_id, dispute_id, TRUE))
    g_debug ("No store %s to mark %s in", source_id, dispute_id);
}

/* From a notification: the app may only now be starting (D-Bus activation). */
static void
show_dispute_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  DspApplication *self = user_data;
  DspWindow *window = ensure_window (self);

  if (!self->in_demo && self->store_ready)
    show_accounts (self);
  gtk_window_present (GTK_WINDOW (window));
  if (!select_ref (window, parameter))
    {
      g_clear_pointer (&self->pending_dispute, g_variant_unref);
      self->pending_dispute = g_variant_ref (parameter);
    }
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
  { "leave-demo", leave_demo_action },
  { "preferences", preferences_action },
  { "add-account", add_account_action },
  { "about", about_action },
  { "show-dispute", show_dispute_action, "(ss)" },
  { "mark-resolved", mark_resolved_action, "(ss)" },
  { "quit", quit_action },
};

/* What the store's opening or its look at the file says, once: without a
 * file the accounts' disputes are fetched from Klarna each time; a file
 * replaced by an empty one is filled again from Klarna by new sources
 * (nothing synced yet). Then the accounts are shown (not over the demo). */
static void
store_changed (DspApplication *self,
               const GError   *error,
               const char     *notice,
               gboolean        replaced)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (error)
    {
      g_warning ("%s", error->message);
      g_clear_object (&self->store);
    }
  if (error || replaced)
    g_hash_table_remove_all (self->sources);
  if (!self->in_demo)
    show_accounts (self);
  if ((error || notice) && window != NULL)
    dsp_window_show_notice (DSP_WINDOW (window), error ? error->message : notice);
}

/* The store's file looked at whole once the window shows its rows. */
#define STORE_CHECK_DELAY_S 5

static void
on_store_checked (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(DspApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;

  if (dsp_store_check_finish (DSP_STORE (source), result, &notice, &error) && notice == NULL)
    return;
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    store_changed (self, error, notice, TRUE);
}

/* Looks at the store's file whole now (the app does, a few seconds after
 * its start); one found damaged is replaced, the owner told. */
void
dsp_application_check_store (DspApplication *self)
{
  g_return_if_fail (DSP_IS_APPLICATION (self));

  g_clear_handle_id (&self->check_id, g_source_remove);
  if (self->store)
    dsp_store_check_async (self->store, self->checking, on_store_checked, g_object_ref (self));
}

static gboolean
check_store (gpointer user_data)
{
  DspApplication *self = user_data;

  self->check_id = 0;
  dsp_application_check_store (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_opened (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DspApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;

  dsp_store_open_finish (DSP_STORE (source), result, &notice, &error);
  self->store_ready = TRUE;
  if (error == NULL && notice == NULL)
    self->check_id = g_timeout_add_seconds (STORE_CHECK_DELAY_S, check_store, self);
  store_changed (self, error, notice, FALSE);
}

/* The data directory can be replaced by tests (DSP_DATA_DIR). */
static char *
store_path (void)
{
  const char *dir = g_getenv ("DSP_DATA_DIR");

  if (dir && *dir)
    return g_build_filename (dir, "disputes.db", NULL);
  return g_build_filename (g_get_user_data_dir (), "disputes", "disputes.db", NULL);
}

static void
on_autostart_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DspApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (!dsp_autostart_finish (result, &error) && window != NULL)
    dsp_window_show_notice (DSP_WINDOW (window), error->message);
}

/* Turning "Start at login" on or off writes or removes the autostart entry. */
static void
on_start_at_login_changed (DspApplication *self)
{
  dsp_autostart_async (g_settings_get_boolean (self->settings, "start-at-login"), NULL,
                       on_autostart_done, g_object_ref (self));
}

static void
dsp_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *refresh_accels[] = { "<Control>r", "F5", NULL };
  static const char *back_accels[] = { "<Alt>Left", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *resolved_accels[] = { "<Control>d", NULL };
  static const char *refund_accels[] = { "<Control><Shift>r", NULL };
  static const char *respond_accels[] = { "<Control><Shift>e", NULL };
  DspApplication *self = DSP_APPLICATION (application);
  g_autoptr(GSettings) settings = NULL;

  G_APPLICATION_CLASS (dsp_application_parent_class)->startup (application);

  settings = g_settings_new (APP_ID);
  self->settings = g_object_ref (settings);
  g_signal_connect_swapped (settings, "changed::start-at-login", G_CALLBACK (on_start_at_login_changed), self);
  self->accounts = dsp_accounts_new (settings);
  {
    g_autofree char *path = store_path ();

    self->store = dsp_store_new (path);
    dsp_store_open_async (self->store, NULL, on_store_opened, g_object_ref (self));
  }
  /* Started at login (--gapplication-service): a window that stays hidden
   * does the syncing and keeps the app running; no window is shown. */
  follow_refresher (self);
  if (g_application_get_flags (application) & G_APPLICATION_IS_SERVICE)
    {
      /* released at shutdown: the app lives as long as the service */
      g_application_hold (application);
      self->held = TRUE;
    }
  g_signal_connect_swapped (dsp_accounts_get_model (self->accounts), "items-changed",
                            G_CALLBACK (on_accounts_changed), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.toggle-resolved", resolved_accels);
  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.refresh", refresh_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.back", back_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "dispute.refund", refund_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "dispute.respond", respond_accels);
}

static void
dsp_application_shutdown (GApplication *application)
{
  DspApplication *self = DSP_APPLICATION (application);

  if (self->held)
    g_application_release (application);
  self->held = FALSE;
  g_clear_handle_id (&self->check_id, g_source_remove);
  g_cancellable_cancel (self->checking);
  leave_demo (self);
  G_APPLICATION_CLASS (dsp_application_parent_class)->shutdown (application);
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
  else if (!self->in_demo && self->store_ready)
    show_accounts (self);
  gtk_window_present (GTK_WINDOW (window));
}

static int
dsp_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  DspApplication *self = DSP_APPLICATION (application);
  const char *server = NULL;
  const char *export = NULL;
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
  /* done here, in this process, with no window */
  if (g_variant_dict_lookup (options, "export", "^&ay", &export))
    {
      g_autofree char *path = store_path ();

      return dsp_export_command_run (export, path, self->demo_requested, server);
    }
  return -1;
}

static void
dsp_application_finalize (GObject *object)
{
  DspApplication *self = DSP_APPLICATION (object);

  g_clear_object (&self->demo_source);
  g_clear_object (&self->demo);
  g_clear_object (&self->accounts);
  g_clear_pointer (&self->sources, g_hash_table_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->checking);
  g_clear_object (&self->notifier);
  g_clear_object (&self->refresher);
  g_clear_object (&self->list);
  g_clear_pointer (&self->told, g_hash_table_unref);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->pending_dispute, g_variant_unref);
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
  app_class->shutdown = dsp_application_shutdown;
  app_class->handle_local_options = dsp_application_handle_local_options;
}

static void
dsp_application_init (DspApplication *self)
{
  self->sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->told = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->checking = g_cancellable_new ();

  const GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Open the demo account with simulated disputes"), NULL },
    { "server", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Use the Klarna-compatible server at URL for the demo account (http:// only on this computer)"), N_("URL") },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Write every stored dispute (the demo’s with --demo) to FILE as CSV, and quit"), N_("FILE") },
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
