/* dsp-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-dispute-row.h"
#include "dsp-order-cache.h"
#include "dsp-window.h"

struct _DspWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  DspClient            *client;
  DspOrderCache        *orders;
  GCancellable         *sync_cancellable;
  gint64                sync_started;
  GListStore           *store;
  GtkSingleSelection   *selection;
  gboolean              demo;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwLeaflet           *leaflet;
  GtkWidget            *content;
  AdwWindowTitle       *list_title;
  GtkRevealer          *demo_revealer;
  GtkProgressBar       *progress_bar;
  GtkStack             *list_stack;
  AdwStatusPage        *error_page;
  GtkListView          *list_view;
  GtkStack             *detail_stack;
  DspDisputeDetail     *detail;
};

G_DEFINE_FINAL_TYPE (DspWindow, dsp_window, ADW_TYPE_APPLICATION_WINDOW)

static void
show_toast (DspWindow  *self,
            const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
update_title (DspWindow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%H:%M");
  g_autofree char *updated = g_strdup_printf (_("Updated at %s"), time);
  g_autofree char *subtitle = NULL;

  subtitle = self->demo ? g_strdup_printf (_("Demo · %s"), updated) : g_steal_pointer (&updated);
  adw_window_title_set_subtitle (self->list_title, subtitle);
}

static void
set_refreshing (DspWindow *self,
                gboolean   refreshing)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", !refreshing && self->client);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), refreshing);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
}

static void
on_list_progress (guint    fetched,
                  guint    total,
                  gpointer user_data)
{
  DspWindow *self = user_data;

  if (total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, MIN (1.0, (double) fetched / total));
  else
    gtk_progress_bar_pulse (self->progress_bar);
}

static const char *
selected_id (DspWindow *self)
{
  DspDispute *dispute = gtk_single_selection_get_selected_item (self->selection);

  return dispute ? dsp_dispute_get_id (dispute) : NULL;
}

/* Disputes that need an answer get their customer's name first. */
static void
prefetch_customers (DspWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DspDispute) dispute = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (dsp_dispute_get_deadline (dispute) != 0)
        dsp_order_cache_request (self->orders, dispute, FALSE);
    }
}

static void
replace_disputes (DspWindow *self,
                  GPtrArray *disputes)
{
  g_autofree char *keep = g_strdup (selected_id (self));

  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       disputes->pdata, disputes->len);
  if (keep == NULL || !dsp_window_select_dispute (self, keep))
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_stack_set_visible_child_name (self->list_stack, disputes->len ? "list" : "empty");
  prefetch_customers (self);
}

static void
on_disputes_listed (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(DspWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) disputes = dsp_client_list_disputes_finish (DSP_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->sync_cancellable);
  set_refreshing (self, FALSE);
  if (error != NULL)
    {
      g_debug ("Listing disputes failed: %s", error->message);
      if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0)
        {
          adw_status_page_set_description (self->error_page, error->message);
          gtk_stack_set_visible_child_name (self->list_stack, "error");
        }
      else
        show_toast (self, error->message);
      return;
    }
  replace_disputes (self, disputes);
  update_title (self);
  g_debug ("Listed %u disputes in %" G_GINT64_FORMAT " ms", disputes->len,
           (g_get_monotonic_time () - self->sync_started) / 1000);
}

/* Fetches every dispute again; a refresh already running is left to finish. */
void
dsp_window_refresh (DspWindow *self)
{
  g_return_if_fail (DSP_IS_WINDOW (self));

  if (self->client == NULL || self->sync_cancellable != NULL)
    return;

  self->sync_cancellable = g_cancellable_new ();
  self->sync_started = g_get_monotonic_time ();
  set_refreshing (self, TRUE);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "loading");
  dsp_client_list_disputes_async (self->client, 0, on_list_progress, self, self->sync_cancellable,
                                  on_disputes_listed, g_object_ref (self));
}

gboolean
dsp_window_is_refreshing (DspWindow *self)
{
  g_return_val_if_fail (DSP_IS_WINDOW (self), FALSE);
  return self->sync_cancellable != NULL;
}

static void
on_order_loaded (DspWindow  *self,
                 const char *order_id,
                 DspOrder   *order)
{
  DspDispute *shown = dsp_dispute_detail_get_dispute (self->detail);

  if (shown && g_strcmp0 (dsp_dispute_get_order_id (shown), order_id) == 0)
    dsp_dispute_detail_set_order (self->detail, order);
}

static void
on_order_failed (DspWindow  *self,
                 const char *order_id,
                 const char *message)
{
  DspDispute *shown = dsp_dispute_detail_get_dispute (self->detail);

  if (shown && g_strcmp0 (dsp_dispute_get_order_id (shown), order_id) == 0)
    dsp_dispute_detail_set_order_error (self->detail, message);
}

static void
on_selection_changed (DspWindow *self)
{
  DspDispute *dispute = gtk_single_selection_get_selected_item (self->selection);
  DspOrder *order;

  dsp_dispute_detail_set_dispute (self->detail, dispute);
  gtk_stack_set_visible_child_name (self->detail_stack, dispute ? "detail" : "none");
  if (dispute == NULL)
    return;

  adw_leaflet_set_visible_child (self->leaflet, self->content);
  order = dsp_order_cache_lookup (self->orders, dsp_dispute_get_order_id (dispute));
  if (order)
    dsp_dispute_detail_set_order (self->detail, order);
  else
    dsp_order_cache_request (self->orders, dispute, TRUE);
}

/* Cancels the sync and every order fetch; nothing arrives for this client afterwards. */
static void
stop_network (DspWindow *self)
{
  g_cancellable_cancel (self->sync_cancellable);
  g_clear_object (&self->sync_cancellable);
  if (self->orders)
    {
      g_signal_handlers_disconnect_by_data (self->orders, self);
      dsp_order_cache_cancel (self->orders);
    }
  g_clear_object (&self->orders);
}

/* A different account (or the demo) replaces everything shown. */
void
dsp_window_set_client (DspWindow *self,
                       DspClient *client,
                       gboolean   demo)
{
  g_return_if_fail (DSP_IS_WINDOW (self));

  stop_network (self);
  g_list_store_remove_all (self->store);

  g_set_object (&self->client, client);
  self->demo = demo;
  gtk_revealer_set_reveal_child (self->demo_revealer, demo);
  gtk_window_set_title (GTK_WINDOW (self), demo ? _("Disputes — Demo") : _("Disputes"));
  adw_window_title_set_subtitle (self->list_title, demo ? _("Demo") : NULL);
  set_refreshing (self, FALSE);
  if (client == NULL)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "welcome");
      return;
    }

  self->orders = dsp_order_cache_new (client);
  g_signal_connect_swapped (self->orders, "order-loaded", G_CALLBACK (on_order_loaded), self);
  g_signal_connect_swapped (self->orders, "order-failed", G_CALLBACK (on_order_failed), self);
  gtk_stack_set_visible_child_name (self->main_stack, "main");
  dsp_window_refresh (self);
}

GListModel *
dsp_window_get_disputes (DspWindow *self)
{
  g_return_val_if_fail (DSP_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->selection);
}

DspDisputeDetail *
dsp_window_get_detail (DspWindow *self)
{
  g_return_val_if_fail (DSP_IS_WINDOW (self), NULL);
  return self->detail;
}

gboolean
dsp_window_select_dispute (DspWindow  *self,
                           const char *dispute_id)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DspDispute) dispute = g_list_model_get_item (model, i);

      if (g_strcmp0 (dsp_dispute_get_id (dispute), dispute_id) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          return TRUE;
        }
    }
  return FALSE;
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  dsp_window_refresh (DSP_WINDOW (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DspWindow *self = DSP_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  gtk_list_item_set_child (item, dsp_dispute_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  dsp_dispute_row_set_dispute (DSP_DISPUTE_ROW (gtk_list_item_get_child (item)),
                               gtk_list_item_get_item (item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item)
{
  dsp_dispute_row_set_dispute (DSP_DISPUTE_ROW (gtk_list_item_get_child (item)), NULL);
}

static int
compare_urgency (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return dsp_dispute_compare_urgency ((DspDispute *) a, (DspDispute *) b);
}

static void
setup_list (DspWindow *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (compare_urgency, NULL, NULL));
  GtkSortListModel *sorted;

  self->store = g_list_store_new (DSP_TYPE_DISPUTE);
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->store)), sorter);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (on_selection_changed), self);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_object_unref (factory);
}

static void
dsp_window_dispose (GObject *object)
{
  DspWindow *self = DSP_WINDOW (object);

  stop_network (self);
  if (self->selection)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), DSP_TYPE_WINDOW);
  g_clear_object (&self->selection);
  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dsp_window_parent_class)->dispose (object);
}

static void
dsp_window_class_init (DspWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dsp_window_dispose;

  g_type_ensure (DSP_TYPE_DISPUTE_DETAIL);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Disputes/ui/dsp-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, DspWindow, name)
  BIND (toast_overlay);
  BIND (main_stack);
  BIND (leaflet);
  BIND (content);
  BIND (list_title);
  BIND (demo_revealer);
  BIND (progress_bar);
  BIND (list_stack);
  BIND (error_page);
  BIND (list_view);
  BIND (detail_stack);
  BIND (detail);
#undef BIND
  /* Reachable by name for tests, not kept in the struct. */
  gtk_widget_class_bind_template_child_full (widget_class, "demo_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "sidebar", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
}

static void
dsp_window_init (DspWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  setup_list (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", FALSE);

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

DspWindow *
dsp_window_new (AdwApplication *application)
{
  return g_object_new (DSP_TYPE_WINDOW, "application", application, NULL);
}
