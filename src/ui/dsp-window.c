/* dsp-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-dispute-row.h"
#include "dsp-clock.h"
#include "dsp-dispute-actions.h"
#include "dsp-source.h"
#include "dsp-window.h"

struct _DspWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  GPtrArray            *sources;
  GCancellable         *sync_cancellable;
  GPtrArray            *sync_errors;
  guint                 pending;
  guint                 loading;
  guint                 generation;
  DspDispute           *shown;
  gulong                shown_handler;
  guint                 poll_id;
  guint                 ticks;
  gint64                sync_started;
  GListStore           *store;
  GHashTable           *index;  /* source id → (dispute id → DspDispute shown) */
  GHashTable           *told;   /* source id → the problem last told while hidden */
  GtkCustomFilter      *store_filter;
  GtkStringList        *store_names;
  GtkSingleSelection   *selection;
  gboolean              demo;
  gboolean              sync_again;  /* an action took effect during a sync */
  DspDisputeActions    *dispute_actions;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwLeaflet           *leaflet;
  GtkWidget            *content;
  AdwWindowTitle       *list_title;
  GtkRevealer          *demo_revealer;
  GtkDropDown          *store_dropdown;
  GtkProgressBar       *progress_bar;
  GtkStack             *list_stack;
  AdwStatusPage        *error_page;
  GtkListView          *list_view;
  GtkStack             *detail_stack;
  DspDisputeDetail     *detail;
};

G_DEFINE_FINAL_TYPE (DspWindow, dsp_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  SOURCE_SYNCED,
  SYNC_PROBLEM,
  RESOLVED_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void refresh_sources    (DspWindow *self,
                                gboolean   only_due);
static void on_action_finished (DspWindow *self,
                                DspAction *action);

static void
show_toast (DspWindow  *self,
            const char *message,
            const char *button,
            const char *action)
{
  /* A toast's title is Pango markup in libadwaita 1.2; ours is plain text
   * (and may hold Klarna's words or a store's name). */
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 8);
  if (button)
    {
      adw_toast_set_button_label (toast, button);
      adw_toast_set_action_name (toast, action);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* "Updated at 14:03", "Offline · Updated 24 Nov, 18:10", "Demo · …": when
 * the least recently synced store was last brought up to date. */
static void
update_title (DspWindow *self)
{
  gint64 oldest = G_MAXINT64;
  gboolean offline = FALSE;
  guint waiting = 0;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *time = NULL;
  g_autoptr(GString) subtitle = g_string_new (self->demo ? _("Demo") : NULL);

  for (guint i = 0; i < self->sources->len; i++)
    {
      DspSource *source = g_ptr_array_index (self->sources, i);

      oldest = MIN (oldest, dsp_source_get_synced_at (source));
      offline |= dsp_source_is_offline (source);
      waiting += dsp_outbox_count_open (dsp_source_get_outbox (source));
    }
  if (offline)
    g_string_append_printf (subtitle, "%s%s", subtitle->len ? " · " : "", _("Offline"));
  if (oldest > 0 && oldest < G_MAXINT64)
    {
      gboolean today;
      g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (dsp_clock_now ());

      when = g_date_time_new_from_unix_local (oldest);
      today = g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now) &&
              g_date_time_get_year (when) == g_date_time_get_year (now);
      time = g_date_time_format (when, today ? "%H:%M" : _("%-d %b, %H:%M"));
      g_string_append_printf (subtitle, "%s", subtitle->len ? " · " : "");
      g_string_append_printf (subtitle, _("Updated at %s"), time);
    }
  if (waiting > 0)
    {
      g_string_append_printf (subtitle, "%s", subtitle->len ? " · " : "");
      g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%u action waiting to be sent",
                                                     "%u actions waiting to be sent", waiting), waiting);
    }
  adw_window_title_set_subtitle (self->list_title, subtitle->len ? subtitle->str : NULL);
}

static void
set_refreshing (DspWindow *self,
                gboolean   refreshing)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", !refreshing && self->sources->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), refreshing);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
}

static DspSource *
find_source (DspWindow  *self,
             const char *source_id)
{
  for (guint i = 0; i < self->sources->len; i++)
    if (g_strcmp0 (dsp_source_get_id (g_ptr_array_index (self->sources, i)), source_id) == 0)
      return g_ptr_array_index (self->sources, i);
  return NULL;
}

static DspDispute *
dup_selected (DspWindow *self)
{
  DspDispute *dispute = gtk_single_selection_get_selected_item (self->selection);

  return dispute ? g_object_ref (dispute) : NULL;
}

/* The dispute that was selected before the list changed is selected again. */
static void
reselect (DspWindow  *self,
          DspDispute *kept)
{
  if (kept && gtk_single_selection_get_selected_item (self->selection) != (gpointer) kept)
    dsp_window_select_dispute (self, dsp_dispute_get_source_id (kept), dsp_dispute_get_id (kept));
}

/* Re-inserting the same object lets the sorted view move it. The store drops
 * its reference before taking the new one: hold one across. */
static void
resort (DspWindow  *self,
        DspDispute *dispute)
{
  g_autoptr(DspDispute) held = g_object_ref (dispute);
  guint position;

  if (g_list_store_find (self->store, held, &position))
    g_list_store_splice (self->store, position, 1, (gpointer *) &held, 1);
}

/* The disputes shown from one source, by id (the dispute's own string: no copy). */
static GHashTable *
index_for (DspWindow  *self,
           const char *source_id,
           gboolean    create)
{
  GHashTable *shown = g_hash_table_lookup (self->index, source_id ? source_id : "");

  if (shown == NULL && create)
    {
      shown = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_insert (self->index, g_strdup (source_id ? source_id : ""), shown);
    }
  return shown;
}

/* Disputes due within a week get their customer's name first; a hundred
 * at most at a time, so a large store never sets off a flood of requests. */
#define PREFETCH_LIMIT 100
#define PREFETCH_HORIZON (7 * 24 * 3600)

static void
prefetch_customers (DspSource *source,
                    GPtrArray *disputes)
{
  gint64 horizon = dsp_clock_now () + PREFETCH_HORIZON;
  guint asked = 0;

  for (guint i = 0; i < disputes->len && asked < PREFETCH_LIMIT; i++)
    {
      DspDispute *dispute = g_ptr_array_index (disputes, i);
      gint64 deadline = dsp_dispute_get_deadline (dispute);

      if (deadline != 0 && deadline < horizon && dsp_source_lookup_order (source, dispute) == NULL)
        {
          dsp_source_request_order (source, dispute, FALSE);
          asked++;
        }
    }
}

/* New disputes are added; changed ones update in place, so the row, the
 * selection and the scroll position stay where they are. */
static void
merge_disputes (DspWindow *self,
                DspSource *source,
                GPtrArray *disputes)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  g_autoptr(DspDispute) keep = dup_selected (self);

  for (guint i = 0; i < disputes->len; i++)
    {
      DspDispute *dispute = g_ptr_array_index (disputes, i);
      GHashTable *index = index_for (self, dsp_dispute_get_source_id (dispute), TRUE);
      DspDispute *shown = g_hash_table_lookup (index, dsp_dispute_get_id (dispute));

      if (shown == NULL)
        {
          g_hash_table_insert (index, (gpointer) dsp_dispute_get_id (dispute), dispute);
          g_ptr_array_add (added, dispute);
          continue;
        }
      dsp_dispute_update_from (shown, dispute);
      resort (self, shown);
    }
  g_list_store_splice (self->store, g_list_model_get_n_items (G_LIST_MODEL (self->store)), 0,
                       added->pdata, added->len);
  reselect (self, keep);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  prefetch_customers (source, disputes);
}

typedef struct {
  DspWindow *self;
  DspSource *source;
  guint      generation;
} SyncCall;

static SyncCall *
sync_call_new (DspWindow *self,
               DspSource *source)
{
  SyncCall *call = g_new0 (SyncCall, 1);

  call->self = g_object_ref (self);
  call->source = g_object_ref (source);
  call->generation = self->generation;
  return call;
}

static void
sync_call_free (SyncCall *call)
{
  g_object_unref (call->self);
  g_object_unref (call->source);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncCall, sync_call_free)

static void
on_sync_page (GPtrArray *disputes,
              guint      fetched,
              guint      total,
              gpointer   user_data)
{
  SyncCall *call = user_data;
  DspWindow *self = call->self;

  if (call->generation != self->generation)
    return;
  merge_disputes (self, call->source, disputes);
  if (total > 0 && self->pending == 1)
    gtk_progress_bar_set_fraction (self->progress_bar, MIN (1.0, (double) fetched / total));
  else
    gtk_progress_bar_pulse (self->progress_bar);
}

static void
finish_refresh (DspWindow *self)
{
  g_autofree char *errors = NULL;

  g_clear_object (&self->sync_cancellable);
  set_refreshing (self, FALSE);
  g_ptr_array_add (self->sync_errors, NULL);
  errors = g_strjoinv ("\n", (char **) self->sync_errors->pdata);
  g_ptr_array_set_size (self->sync_errors, 0);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else if (*errors)
    {
      adw_status_page_set_description (self->error_page, errors);
      gtk_stack_set_visible_child_name (self->list_stack, "error");
    }
  else
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  update_title (self);
  g_debug ("Refreshed in %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - self->sync_started) / 1000);
  if (self->sync_again)
    {
      self->sync_again = FALSE;
      refresh_sources (self, FALSE);
    }
}

static void report_sync_error (DspWindow    *self,
                               DspSource    *source,
                               const GError *error);

/* "Shop EU: Klarna rejected the API key…"; the demo needs no name. */
static char *
with_store_name (DspSource  *source,
                 const char *message)
{
  g_autofree char *name = dsp_source_dup_name (source);

  /* Translators: store name, then what went wrong with it */
  return name ? g_strdup_printf (_("%s: %s"), name, message) : g_strdup (message);
}

/* Everything now known of @source, for whoever watches for news. */
static void
announce_synced (DspWindow *self,
                 DspSource *source)
{
  g_autoptr(GPtrArray) disputes = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model = G_LIST_MODEL (self->store);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      DspDispute *dispute = g_list_model_get_item (model, i);

      if (g_strcmp0 (dsp_dispute_get_source_id (dispute), dsp_source_get_id (source)) == 0)
        g_ptr_array_add (disputes, dispute);
      else
        g_object_unref (dispute);
    }
  g_signal_emit (self, signals[SOURCE_SYNCED], 0, source, disputes);
}

static void
on_source_synced (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SyncCall) call = user_data;
  DspWindow *self = call->self;
  DspSource *source = DSP_SOURCE (object);
  g_autoptr(GError) error = NULL;

  dsp_source_sync_finish (source, result, &error);
  /* A reply that raced a cancel belongs to sources no longer shown. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || call->generation != self->generation)
    return;

  self->pending--;
  if (error != NULL)
    report_sync_error (self, source, error);
  else
    g_hash_table_remove (self->told, dsp_source_get_id (source));
  /* Offline too: reminders for deadlines already known still fall due. */
  announce_synced (self, source);
  if (self->pending == 0)
    finish_refresh (self);
}

/* Offline is said quietly in the header; everything else in a toast, or on
 * the error page when there is nothing to show. */
static void
report_sync_error (DspWindow    *self,
                   DspSource    *source,
                   const GError *error)
{
  char *message = with_store_name (source, error->message);

  g_debug ("Sync of %s failed: %s", dsp_source_get_id (source), error->message);
  g_ptr_array_add (self->sync_errors, message);
  /* Hidden (running in the background): say it once, through whoever listens. */
  if (!gtk_widget_get_visible (GTK_WIDGET (self)) && !dsp_source_is_offline (source) &&
      g_strcmp0 (g_hash_table_lookup (self->told, dsp_source_get_id (source)), message) != 0)
    {
      g_hash_table_replace (self->told, g_strdup (dsp_source_get_id (source)), g_strdup (message));
      g_signal_emit (self, signals[SYNC_PROBLEM], 0, source, message);
    }
  if (dsp_source_is_offline (source) && g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0)
    return;
  if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0 || self->sources->len > 1)
    show_toast (self, message, dsp_source_get_account (source) ? _("_Preferences") : NULL,
                "app.preferences");
}

static void
note_needs_new_key (DspWindow *self,
                    DspSource *source)
{
  g_autofree char *message = with_store_name (source, _("Klarna rejected the API key. Enter a new one in Preferences."));

  g_ptr_array_add (self->sync_errors, g_steal_pointer (&message));
}

/* Every account syncs on its own; one failing hides none of the others.
 * With @only_due, those still waiting out a back-off are left alone. */
static void
refresh_sources (DspWindow *self,
                 gboolean   only_due)
{
  gint64 now = dsp_clock_now ();

  if (self->sources->len == 0 || self->sync_cancellable != NULL || self->loading > 0)
    return;
  /* On a metered connection only the owner's own refresh goes out, unless allowed. */
  if (only_due && g_network_monitor_get_network_metered (g_network_monitor_get_default ()) &&
      !g_settings_get_boolean (self->settings, "poll-on-metered"))
    return;

  self->sync_cancellable = g_cancellable_new ();
  self->sync_started = g_get_monotonic_time ();
  set_refreshing (self, TRUE);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "loading");

  for (guint i = 0; i < self->sources->len; i++)
    {
      DspSource *source = g_ptr_array_index (self->sources, i);
      SyncCall *call;

      if (!dsp_source_can_sync (source))
        {
          note_needs_new_key (self, source);
          continue;
        }
      if (only_due && !dsp_source_is_due (source, now))
        continue;
      call = sync_call_new (self, source);
      self->pending++;
      dsp_source_sync_async (source, on_sync_page, call, self->sync_cancellable, on_source_synced, call);
    }
  if (self->pending == 0)
    finish_refresh (self);
}

void
dsp_window_refresh (DspWindow *self)
{
  g_return_if_fail (DSP_IS_WINDOW (self));
  refresh_sources (self, FALSE);
}

/* Every half minute: whichever store is due catches up on its own; every
 * five minutes, reminders are looked at even when nothing was synced. */
static gboolean
on_poll (gpointer user_data)
{
  DspWindow *self = user_data;

  refresh_sources (self, TRUE);
  if (++self->ticks % 10 == 0 && self->sync_cancellable == NULL && self->loading == 0)
    for (guint i = 0; i < self->sources->len; i++)
      announce_synced (self, g_ptr_array_index (self->sources, i));
  return G_SOURCE_CONTINUE;
}

gboolean
dsp_window_is_refreshing (DspWindow *self)
{
  g_return_val_if_fail (DSP_IS_WINDOW (self), FALSE);
  return self->sync_cancellable != NULL || self->loading > 0;
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
show_in_detail (DspWindow  *self,
                DspDispute *dispute)
{
  DspSource *source = dispute ? find_source (self, dsp_dispute_get_source_id (dispute)) : NULL;

  dsp_dispute_detail_set_dispute (self->detail, dispute, source ? dsp_source_get_outbox (source) : NULL);
  dsp_dispute_actions_set_dispute (self->dispute_actions, dispute, source);
}

static void
on_shown_changed (DspWindow *self)
{
  DspSource *source = find_source (self, dsp_dispute_get_source_id (self->shown));
  DspOrder *order = source ? dsp_source_lookup_order (source, self->shown) : NULL;

  show_in_detail (self, self->shown);
  if (order)
    dsp_dispute_detail_set_order (self->detail, order);
  else if (source)
    dsp_source_request_order (source, self->shown, TRUE);
}

static void
follow_shown (DspWindow  *self,
              DspDispute *dispute)
{
  if (self->shown)
    g_clear_signal_handler (&self->shown_handler, self->shown);
  g_set_object (&self->shown, dispute);
  if (dispute)
    self->shown_handler = g_signal_connect_swapped (dispute, "changed", G_CALLBACK (on_shown_changed), self);
}

static void
on_selection_changed (DspWindow *self)
{
  DspDispute *dispute = gtk_single_selection_get_selected_item (self->selection);
  DspSource *source;
  DspOrder *order;

  if (dispute == self->shown)
    return;
  follow_shown (self, dispute);
  show_in_detail (self, dispute);
  gtk_stack_set_visible_child_name (self->detail_stack, dispute ? "detail" : "none");
  if (dispute == NULL)
    return;

  adw_leaflet_set_visible_child (self->leaflet, self->content);
  source = find_source (self, dsp_dispute_get_source_id (dispute));
  if (source == NULL)
    return;
  order = dsp_source_lookup_order (source, dispute);
  if (order)
    dsp_dispute_detail_set_order (self->detail, order);
  else
    dsp_source_request_order (source, dispute, TRUE);
}

/* Cancels the sync and every order fetch; nothing arrives from these sources afterwards. */
static void
stop_network (DspWindow *self)
{
  g_cancellable_cancel (self->sync_cancellable);
  g_clear_object (&self->sync_cancellable);
  self->pending = 0;
  self->loading = 0;
  self->generation++;
  g_ptr_array_set_size (self->sync_errors, 0);
  for (guint i = 0; i < self->sources->len; i++)
    {
      DspSource *source = g_ptr_array_index (self->sources, i);

      g_signal_handlers_disconnect_by_data (source, self);
      g_signal_handlers_disconnect_by_data (dsp_source_get_outbox (source), self);
      dsp_source_cancel (source);
    }
  g_ptr_array_set_size (self->sources, 0);
}

static void
update_store_filter (DspWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store_names));

  gtk_string_list_splice (self->store_names, 0, n, NULL);
  gtk_string_list_append (self->store_names, _("All Stores"));
  for (guint i = 0; i < self->sources->len; i++)
    {
      g_autofree char *name = dsp_source_dup_name (g_ptr_array_index (self->sources, i));
      gtk_string_list_append (self->store_names, name ? name : _("Demo"));
    }
  gtk_drop_down_set_selected (self->store_dropdown, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->store_dropdown), self->sources->len > 1);
}

static void
on_stored_page (GPtrArray *disputes,
                guint      loaded,
                guint      total,
                gpointer   user_data)
{
  SyncCall *call = user_data;

  gint64 start = g_get_monotonic_time ();

  if (call->generation != call->self->generation)
    return;
  merge_disputes (call->self, call->source, disputes);
  g_debug ("Showed %u stored disputes in %" G_GINT64_FORMAT " ms", disputes->len,
           (g_get_monotonic_time () - start) / 1000);
}

static void
on_source_loaded (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SyncCall) call = user_data;
  DspWindow *self = call->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;

  if (!dsp_source_load_finish (DSP_SOURCE (object), result, &notice, &error))
    g_debug ("Not everything stored could be shown: %s", error->message);
  if (call->generation != self->generation)
    return;
  if (notice)
    dsp_window_show_notice (self, notice);
  if (--self->loading == 0)
    {
      g_debug ("Stored disputes shown after %" G_GINT64_FORMAT " ms",
               (g_get_monotonic_time () - self->sync_started) / 1000);
      update_title (self);
      dsp_window_refresh (self);
    }
}

/* What is on disk shows at once; then each source catches up with Klarna. */
static void
load_stored (DspWindow *self)
{
  self->loading = self->sources->len;
  self->sync_started = g_get_monotonic_time ();
  for (guint i = 0; i < self->sources->len; i++)
    {
      DspSource *source = g_ptr_array_index (self->sources, i);
      SyncCall *call = sync_call_new (self, source);

      dsp_source_load_async (source, on_stored_page, call, NULL, on_source_loaded, call);
    }
}

static gboolean
same_sources (DspWindow *self,
              GPtrArray *sources,
              gboolean   demo)
{
  if (sources == NULL || sources->len == 0 || sources->len != self->sources->len || demo != self->demo)
    return FALSE;
  for (guint i = 0; i < sources->len; i++)
    if (g_ptr_array_index (sources, i) != g_ptr_array_index (self->sources, i))
      return FALSE;
  return TRUE;
}

/* The accounts (or the demo) whose disputes the window shows; the list is
 * rebuilt from them. An empty list, outside the demo, shows the welcome.
 * The same ones again (a hidden window shown) change nothing: the list,
 * and the syncs under way, stay. */
void
dsp_window_set_sources (DspWindow *self,
                        GPtrArray *sources,
                        gboolean   demo)
{
  g_return_if_fail (DSP_IS_WINDOW (self));

  if (same_sources (self, sources, demo))
    return;
  stop_network (self);
  g_hash_table_remove_all (self->index);
  g_list_store_remove_all (self->store);
  for (guint i = 0; sources && i < sources->len; i++)
    {
      DspSource *source = g_ptr_array_index (sources, i);

      g_ptr_array_add (self->sources, g_object_ref (source));
      dsp_source_set_poll_interval (source, 60 * (gint64) g_settings_get_int (self->settings, "poll-interval"));
      g_signal_connect_swapped (source, "order-loaded", G_CALLBACK (on_order_loaded), self);
      g_signal_connect_swapped (source, "order-failed", G_CALLBACK (on_order_failed), self);
      g_signal_connect_swapped (dsp_source_get_outbox (source), "finished", G_CALLBACK (on_action_finished), self);
      g_signal_connect_swapped (dsp_source_get_outbox (source), "changed", G_CALLBACK (update_title), self);
    }

  self->demo = demo;
  gtk_revealer_set_reveal_child (self->demo_revealer, demo);
  gtk_window_set_title (GTK_WINDOW (self), demo ? _("Disputes — Demo") : _("Disputes"));
  adw_window_title_set_subtitle (self->list_title, demo ? _("Demo") : NULL);
  update_store_filter (self);
  set_refreshing (self, FALSE);
  if (self->sources->len == 0)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "welcome");
      return;
    }
  gtk_stack_set_visible_child_name (self->main_stack, "main");
  gtk_stack_set_visible_child_name (self->list_stack, "loading");
  load_stored (self);
}

/* One ready client: the demo, or a server given on the command line. */
void
dsp_window_set_client (DspWindow *self,
                       DspClient *client,
                       gboolean   demo)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);

  if (client)
    g_ptr_array_add (sources, dsp_source_new_for_client (client, "demo", NULL));
  dsp_window_set_sources (self, sources, demo);
}

/* Said once, in words: e.g. that a damaged store was moved aside. */
void
dsp_window_show_notice (DspWindow  *self,
                        const char *message)
{
  g_return_if_fail (DSP_IS_WINDOW (self));

  show_toast (self, message, NULL, NULL);
}

static DspDispute *
find_dispute (DspWindow   *self,
              const char  *source_id,
              const char  *dispute_id,
              DspSource  **source)
{
  GHashTable *index = index_for (self, source_id, FALSE);

  *source = find_source (self, source_id);
  return *source && index ? g_hash_table_lookup (index, dispute_id) : NULL;
}

/* The owner's mark: it moves the dispute out of "Needs your response" at
 * once, stops its reminders, and can be undone from the toast. */
gboolean
dsp_window_set_resolved (DspWindow  *self,
                         const char *source_id,
                         const char *dispute_id,
                         gboolean    resolved)
{
  DspSource *source = NULL;
  DspDispute *dispute = find_dispute (self, source_id, dispute_id, &source);
  g_autoptr(DspDispute) keep = NULL;
  AdwToast *toast;

  g_return_val_if_fail (DSP_IS_WINDOW (self), FALSE);

  if (dispute == NULL || (dsp_dispute_get_resolved_at (dispute) != 0) == resolved)
    return dispute != NULL;
  keep = dup_selected (self);
  dsp_source_set_resolved (source, dispute, resolved);
  resort (self, dispute);
  reselect (self, keep);

  toast = adw_toast_new (resolved ? _("Marked resolved") : _("No longer marked resolved"));
  if (resolved)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_detailed_action_name (toast, "win.unresolve");
      adw_toast_set_action_target_value (toast, dsp_dispute_to_ref (dispute));
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  g_signal_emit (self, signals[RESOLVED_CHANGED], 0, source, dispute);
  return TRUE;
}

static void
toggle_resolved_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  DspWindow *self = DSP_WINDOW (widget);
  DspDispute *dispute = gtk_single_selection_get_selected_item (self->selection);

  if (dispute)
    dsp_window_set_resolved (self, dsp_dispute_get_source_id (dispute), dsp_dispute_get_id (dispute),
                             dsp_dispute_get_resolved_at (dispute) == 0);
}

/* The window is closed (the app works on in the background): a notification
 * that opens the dispute. */
static void
tell_in_background (DspWindow  *self,
                    DspAction  *action,
                    const char *message)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = NULL;

  if (app == NULL)
    return;
  notification = g_notification_new (action->state == DSP_ACTION_DONE ? _("Sent to Klarna") : _("Not sent to Klarna"));
  g_notification_set_body (notification, message);
  g_notification_set_default_action_and_target_value (notification, "app.show-dispute",
                                                      dsp_dispute_ref_new (action->source, action->dispute_id));
  id = g_strdup_printf ("action-%" G_GINT64_FORMAT, action->id);
  g_application_send_notification (app, id, notification);
}

/* Said in a toast (or a notification when the window is closed); what
 * changed at Klarna comes with the next sync. */
static void
on_action_finished (DspWindow *self,
                    DspAction *action)
{
  g_autofree char *title = dsp_action_dup_title (action);
  g_autofree char *message = NULL;
  DspSource *source = find_source (self, action->source);

  if (action->state == DSP_ACTION_DONE)
    /* Translators: %s is e.g. “Refund of €12.00” */
    message = g_strdup_printf (_("%s: sent to Klarna"), title);
  else
    /* Translators: what was not sent, then why */
    message = g_strdup_printf (_("%s not sent. %s"), title, action->message ? action->message : "");
  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    show_toast (self, message, NULL, NULL);
  else
    tell_in_background (self, action, message);
  /* The source has forgotten the refunded order: the one on screen is read again. */
  if (source && action->kind == DSP_ACTION_REFUND && self->shown &&
      dsp_dispute_is (self->shown, action->source, action->dispute_id))
    dsp_source_request_order (source, self->shown, TRUE);
  if (self->sync_cancellable)
    self->sync_again = TRUE;
  else
    refresh_sources (self, FALSE);
}

/* The targets name a dispute as (source id, dispute id): dsp_dispute_to_ref(). */
static void
unresolve_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  const char *source_id, *dispute_id;

  g_variant_get (parameter, "(&s&s)", &source_id, &dispute_id);
  dsp_window_set_resolved (DSP_WINDOW (widget), source_id, dispute_id, FALSE);
}

static void
mark_resolved_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  const char *source_id, *dispute_id;

  g_variant_get (parameter, "(&s&s)", &source_id, &dispute_id);
  dsp_window_set_resolved (DSP_WINDOW (widget), source_id, dispute_id, TRUE);
}

static void
open_dispute_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DspWindow *self = DSP_WINDOW (widget);
  const char *source_id, *dispute_id;

  g_variant_get (parameter, "(&s&s)", &source_id, &dispute_id);
  if (dsp_window_select_dispute (self, source_id, dispute_id))
    adw_leaflet_set_visible_child (self->leaflet, self->content);
}

/* Shift+F10 or the Menu key: the context menu of the focused row. */
static void
row_menu_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (widget));
  GtkWidget *child = focus ? gtk_widget_get_first_child (focus) : NULL;

  if (child && DSP_IS_DISPUTE_ROW (child))
    dsp_dispute_row_popup_menu (DSP_DISPUTE_ROW (child), -1, -1);
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
                           const char *source_id,
                           const char *dispute_id)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DspDispute) dispute = g_list_model_get_item (model, i);

      if (dsp_dispute_is (dispute, source_id, dispute_id))
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

static gboolean
in_chosen_store (gpointer item,
                 gpointer user_data)
{
  DspWindow *self = user_data;
  guint chosen = self->store_dropdown ? gtk_drop_down_get_selected (self->store_dropdown) : 0;
  DspSource *source;

  if (self->store_dropdown == NULL || chosen == 0 || chosen == GTK_INVALID_LIST_POSITION ||
      chosen > self->sources->len)
    return TRUE;
  source = g_ptr_array_index (self->sources, chosen - 1);
  return g_strcmp0 (dsp_dispute_get_source_id (item), dsp_source_get_id (source)) == 0;
}

static void
on_store_chosen (DspWindow *self)
{
  gtk_filter_changed (GTK_FILTER (self->store_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
setup_list (DspWindow *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (compare_urgency, NULL, NULL));
  GtkFilterListModel *filtered;
  GtkSortListModel *sorted;

  self->store = g_list_store_new (DSP_TYPE_DISPUTE);
  self->store_filter = gtk_custom_filter_new (in_chosen_store, self, NULL);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                        GTK_FILTER (g_object_ref (self->store_filter)));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (filtered), sorter);
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

  self->store_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->store_dropdown, G_LIST_MODEL (self->store_names));
  g_signal_connect_swapped (self->store_dropdown, "notify::selected", G_CALLBACK (on_store_chosen), self);
}

static void
on_poll_interval_changed (DspWindow *self)
{
  gint64 seconds = 60 * (gint64) g_settings_get_int (self->settings, "poll-interval");

  for (guint i = 0; i < self->sources->len; i++)
    dsp_source_set_poll_interval (g_ptr_array_index (self->sources, i), seconds);
}

static void
dsp_window_dispose (GObject *object)
{
  DspWindow *self = DSP_WINDOW (object);

  if (self->sources)
    stop_network (self);
  follow_shown (self, NULL);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->selection)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->store_dropdown)
    g_signal_handlers_disconnect_by_data (self->store_dropdown, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), DSP_TYPE_WINDOW);
  g_clear_object (&self->selection);
  g_clear_object (&self->store);
  g_clear_object (&self->store_filter);
  g_clear_object (&self->store_names);
  g_clear_pointer (&self->index, g_hash_table_unref);
  g_clear_pointer (&self->told, g_hash_table_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->sync_errors, g_ptr_array_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->dispute_actions);

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
  BIND (store_dropdown);
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

  /* A source was synced (or tried), or reminders are due a look: its
   * disputes (a GPtrArray) as the window has them. */
  signals[SOURCE_SYNCED] = g_signal_new ("source-synced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                         DSP_TYPE_SOURCE, G_TYPE_PTR_ARRAY);

  /* Something the owner must fix (a rejected key, a locked keyring), while hidden. */
  signals[SYNC_PROBLEM] = g_signal_new ("sync-problem", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2, DSP_TYPE_SOURCE, G_TYPE_STRING);

  /* The owner marked a dispute resolved, or took the mark back. */
  signals[RESOLVED_CHANGED] = g_signal_new ("resolved-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 2, DSP_TYPE_SOURCE, DSP_TYPE_DISPUTE);

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-resolved", NULL, toggle_resolved_action);
  gtk_widget_class_install_action (widget_class, "win.unresolve", "(ss)", unresolve_action);
  gtk_widget_class_install_action (widget_class, "win.mark-resolved", "(ss)", mark_resolved_action);
  gtk_widget_class_install_action (widget_class, "win.open-dispute", "(ss)", open_dispute_action);
  gtk_widget_class_install_action (widget_class, "win.row-menu", NULL, row_menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "win.row-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "win.row-menu", NULL);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
}

static void
dsp_window_init (DspWindow *self)
{
  self->sources = g_ptr_array_new_with_free_func (g_object_unref);
  self->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
  self->told = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->sync_errors = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->dispute_actions = dsp_dispute_actions_new (self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "dispute",
                                  dsp_dispute_actions_get_group (self->dispute_actions));
  setup_list (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", FALSE);

  self->poll_id = g_timeout_add_seconds (30, on_poll, self);
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  /* Closed, the window only hides: syncs and reminders carry on. */
  g_settings_bind (self->settings, "run-in-background", self, "hide-on-close", G_SETTINGS_BIND_GET);
  g_signal_connect_swapped (self->settings, "changed::poll-interval", G_CALLBACK (on_poll_interval_changed), self);
}

DspWindow *
dsp_window_new (AdwApplication *application)
{
  return g_object_new (DSP_TYPE_WINDOW, "application", application, NULL);
}
