/* dsp-window.c
 *
 * A view: the disputes, their schedule and their connections belong to the
 * application (DspDisputeList, DspRefresher); the window shows the list,
 * the one selected in detail, and says in toasts what happened.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-window"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "dsp-dispute-row.h"
#include "dsp-dispute-actions.h"
#include "dsp-export-chooser.h"
#include "dsp-insight-window.h"
#include "dsp-marker.h"
#include "dsp-labels.h"
#include "dsp-query-bar.h"
#include "dsp-sidebar.h"
#include "dsp-refresher.h"
#include "dsp-window.h"

struct _DspWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  DspRefresher         *refresher;
  DspDisputeList       *list;
  GPtrArray            *outboxes;   /* whose "changed" the title follows */
  DspDisputeItem       *kept;       /* selected when the list began to change */
  DspDispute           *shown;      /* the selected one, read whole */
  GCancellable         *opening;    /* while it is read */
  gboolean              keyed;      /* the selection moved by the arrow keys */
  gboolean              updating;
  gboolean              at_top;     /* the list was scrolled to its top then */
  GtkMultiSelection    *selection;  /* Ctrl/Shift-click, Ctrl+A: several marked at once */
  DspDisputeActions    *dispute_actions;

  AdwToastOverlay      *toast_overlay;
  DspMarker            *marker;     /* the marks, their toasts and Ctrl+Z */
  GtkStack             *main_stack;
  AdwLeaflet           *leaflet;
  GtkWidget            *content;
  AdwWindowTitle       *list_title;
  GtkRevealer          *demo_revealer;
  DspQueryBar          *query_bar;
  GtkToggleButton      *search_button;
  GtkProgressBar       *progress_bar;
  GtkLabel             *progress_label;
  guint                 progress_source;  /* while on, the sync's words wait */
  gboolean              progress_due;
  GtkStack             *list_stack;
  AdwStatusPage        *error_page;
  GtkGridView          *list_view;
  GtkStack             *detail_stack;
  DspDisputeDetail     *detail;
  AdwStatusPage        *several_page;
};

G_DEFINE_FINAL_TYPE (DspWindow, dsp_window, ADW_TYPE_APPLICATION_WINDOW)

enum { PROP_0, PROP_REFRESHER, N_PROPS };
static GParamSpec *properties[N_PROPS];

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

static GPtrArray *
sources_of (DspWindow *self)
{
  return dsp_refresher_get_sources (self->refresher);
}

/* The one dispute selected, or NULL for none or several. */
static DspDisputeItem *
selected_item (DspWindow *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  g_autoptr(DspDisputeItem) item = NULL;

  if (gtk_bitset_get_size (selected) != 1)
    return NULL;
  item = g_list_model_get_item (G_LIST_MODEL (self->selection), gtk_bitset_get_nth (selected, 0));
  /* the list holds it */
  return item;
}

static guint64
n_selected (DspWindow *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  return gtk_bitset_get_size (selected);
}

static guint
n_shown (DspWindow *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->list));
}

static void
update_title (DspWindow *self)
{
  g_autofree char *status = dsp_refresher_dup_status (self->refresher);

  adw_window_title_set_subtitle (self->list_title, status);
}

/* Accounts are set up, even before the app has shown them (it opens its
 * store first): the window waits for them instead of welcoming. */
static gboolean
expects_accounts (DspWindow *self)
{
  g_auto(GStrv) accounts = g_settings_get_strv (self->settings, "accounts");

  return accounts[0] != NULL && !dsp_refresher_get_demo (self->refresher);
}

static gboolean
is_filtered (DspWindow *self)
{
  const DspQuery *query = dsp_dispute_list_get_query (self->list);

  return query->group != DSP_QUERY_ALL || query->source_id || query->reason || dsp_query_has_text (query);
}

/* The list's page: the rows, or why there are none. */
static void
update_list_page (DspWindow *self)
{
  const char *errors = dsp_refresher_get_errors (self->refresher);

  if (n_shown (self) > 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      /* the first rows: the keyboard starts in the list, arrows move at once */
      if (gtk_window_get_focus (GTK_WINDOW (self)) == NULL)
        gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
    }
  else if (dsp_window_is_refreshing (self) || sources_of (self)->len == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "loading");
  else if (is_filtered (self))
    gtk_stack_set_visible_child_name (self->list_stack, "no-match");
  else if (errors)
    {
      adw_status_page_set_description (self->error_page, errors);
      gtk_stack_set_visible_child_name (self->list_stack, "error");
    }
  else
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

static void
on_refreshing_changed (DspWindow *self)
{
  gboolean refreshing = dsp_refresher_is_refreshing (self->refresher);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", !refreshing && sources_of (self)->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), refreshing);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  if (!refreshing)
    {
      g_clear_handle_id (&self->progress_source, g_source_remove);
      gtk_widget_set_visible (GTK_WIDGET (self->progress_label), FALSE);
    }
  update_list_page (self);
}

/* More than a page to fetch: "1,200 of 10,000 disputes · about 2 minutes left". */
#define LONG_SYNC 100

/* The sync's words change with every page; each change lays the window out
 * anew (a frame's work beside a list of new rows): said at most this often. */
#define PROGRESS_INTERVAL_MS 250

static void
show_progress_text (DspWindow *self)
{
  guint fetched, total;
  gint64 elapsed_ms;

  dsp_refresher_get_progress (self->refresher, &fetched, &total, &elapsed_ms);
  if (total > LONG_SYNC && fetched < total)
    {
      g_autofree char *text = dsp_sync_progress_to_string (fetched, total, elapsed_ms);

      gtk_widget_set_visible (GTK_WIDGET (self->progress_label), TRUE);
      gtk_label_set_text (self->progress_label, text);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->progress_label), FALSE);
}

static gboolean
on_progress_due (gpointer data)
{
  DspWindow *self = data;

  if (!self->progress_due)
    {
      self->progress_source = 0;
      return G_SOURCE_REMOVE;
    }
  self->progress_due = FALSE;
  show_progress_text (self);
  return G_SOURCE_CONTINUE;
}

static void
on_progress (DspWindow *self,
             double     fraction)
{
  if (fraction >= 0)
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  else
    gtk_progress_bar_pulse (self->progress_bar);
  if (self->progress_source != 0)
    {
      self->progress_due = TRUE;
      return;
    }
  show_progress_text (self);
  self->progress_source = g_timeout_add (PROGRESS_INTERVAL_MS, on_progress_due, self);
}

static void
on_finished (DspWindow *self)
{
  update_list_page (self);
  update_title (self);
}

/* Offline is said quietly in the header; everything else in a toast, or on
 * the error page when there is nothing to show. Hidden, the app tells. */
static void
on_problem (DspWindow  *self,
            DspSource  *source,
            const char *message)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    return;
  if (dsp_source_is_offline (source) && n_shown (self) > 0)
    return;
  if (n_shown (self) > 0 || sources_of (self)->len > 1)
    show_toast (self, message, dsp_source_get_account (source) ? _("_Preferences") : NULL, "app.preferences");
}

/* Sent or given up: said in a toast; with the window closed, the app says
 * it in a notification. */
static void
on_action_finished (DspWindow *self,
                    DspSource *source,
                    DspAction *action)
{
  g_autofree char *message = NULL;

  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    return;
  message = dsp_action_dup_outcome (action, dsp_refresher_get_demo (self->refresher));
  show_toast (self, message, NULL, NULL);
}

static void
follow_outboxes (DspWindow *self)
{
  GPtrArray *sources = sources_of (self);

  for (guint i = 0; i < self->outboxes->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->outboxes, i), self);
  g_ptr_array_set_size (self->outboxes, 0);
  for (guint i = 0; i < sources->len; i++)
    {
      DspOutbox *outbox = dsp_source_get_outbox (g_ptr_array_index (sources, i));

      g_ptr_array_add (self->outboxes, g_object_ref (outbox));
      g_signal_connect_swapped (outbox, "changed", G_CALLBACK (update_title), self);
    }
}

/* The accounts (or the demo) shown changed. An empty list, outside the
 * demo, shows the welcome. */
static void
on_sources_changed (DspWindow *self)
{
  gboolean demo = dsp_refresher_get_demo (self->refresher);

  follow_outboxes (self);
  gtk_revealer_set_reveal_child (self->demo_revealer, demo);
  gtk_window_set_title (GTK_WINDOW (self), demo ? _("Disputes — Demo") : _("Disputes"));
  adw_window_title_set_subtitle (self->list_title, demo ? _("Demo") : NULL);
  on_refreshing_changed (self);
  gtk_stack_set_visible_child_name (self->main_stack,
                                    sources_of (self)->len > 0 || expects_accounts (self) ? "main" : "welcome");
}

/* Around a change of the list: what was selected stays selected. */
static GtkAdjustment *
list_adjustment (DspWindow *self)
{
  GtkWidget *scroller = gtk_widget_get_parent (GTK_WIDGET (self->list_view));

  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
}

static void
on_list_updating (DspWindow *self)
{
  DspDisputeItem *selected = selected_item (self);

  self->updating = TRUE;
  self->at_top = gtk_adjustment_get_value (list_adjustment (self)) == 0;
  g_set_object (&self->kept, selected);
}

static void
on_list_updated (DspWindow *self)
{
  g_autoptr(DspDisputeItem) kept = g_steal_pointer (&self->kept);

  self->updating = FALSE;
  if (kept && selected_item (self) != (gpointer) kept)
    dsp_window_select_dispute (self, dsp_dispute_item_get_source_id (kept), dsp_dispute_item_get_id (kept));
  /* Rows sorted in above (a large store's pages, most urgent first) do not
   * push the top of the list out of view. */
  else if (kept == NULL && self->at_top && g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
  update_list_page (self);
}

/* The detail pane and the dispute's actions show the one opened. */
static void
show_dispute (DspWindow  *self,
              DspDispute *dispute)
{
  g_set_object (&self->shown, dispute);
  g_object_set (self->detail, "dispute", dispute, NULL);
  g_object_set (self->dispute_actions, "dispute", dispute, NULL);
}

static void
on_opened (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(DspWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DspDispute) dispute = dsp_dispute_list_open_finish (DSP_DISPUTE_LIST (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->opening);
  if (dispute == NULL)
    g_debug ("Not opened: %s", error->message);
  show_dispute (self, dispute);
}

/* The selected item is read whole from the store for the detail pane. */
static void
open_selected (DspWindow *self)
{
  DspDisputeItem *item = selected_item (self);

  g_cancellable_cancel (self->opening);
  g_clear_object (&self->opening);
  if (item == NULL)
    {
      show_dispute (self, NULL);
      return;
    }
  if (self->shown && dsp_dispute_is (self->shown, dsp_dispute_item_get_source_id (item), dsp_dispute_item_get_id (item)))
    return;
  self->opening = g_cancellable_new ();
  dsp_dispute_list_open_async (self->list, dsp_dispute_item_get_source_id (item), dsp_dispute_item_get_id (item),
                               self->opening, on_opened, g_object_ref (self));
}

/* "3 Disputes Selected": what can be done to them together. */
static void
show_several (DspWindow *self,
              guint64    several)
{
  g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Dispute Selected", "%u Disputes Selected",
                                                         (gulong) several), (guint) several);

  adw_status_page_set_title (self->several_page, title);
}

/* A narrow window goes to the detail when a row is clicked or activated,
 * not while the arrow keys walk the list. */
static void
on_selection_changed (DspWindow *self)
{
  DspDisputeItem *item = selected_item (self);
  gboolean keyed = self->keyed;

  guint64 several = n_selected (self);

  self->keyed = FALSE;
  if (self->updating)
    return;
  open_selected (self);
  if (several > 1)
    show_several (self, several);
  gtk_stack_set_visible_child_name (self->detail_stack, item ? "detail" : several > 1 ? "several" : "none");
  /* side by side, the focus stays in the list */
  if (item && !keyed && adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content);
}

/* Enter (or a double click): the dispute opens, and the focus goes to it. */
static void
on_activate (DspWindow *self,
             guint      position)
{
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  gtk_widget_child_focus (self->content, GTK_DIR_TAB_FORWARD);
}

static gboolean
on_list_key (DspWindow       *self,
             guint            keyval,
             guint            keycode,
             GdkModifierType  state)
{
  self->keyed = keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_space;
  return GDK_EVENT_PROPAGATE;
}

/* The search closed (Escape): the keyboard goes back to the list. */
static void
on_search_mode (DspWindow    *self,
                GParamSpec   *pspec,
                GtkSearchBar *search_bar)
{
  if (!gtk_search_bar_get_search_mode (search_bar) && n_shown (self) > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
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

/* The accounts (or the demo) whose disputes are shown: the application's,
 * which this window is a view of. */
void
dsp_window_set_sources (DspWindow *self,
                        GPtrArray *sources,
                        gboolean   demo)
{
  g_return_if_fail (DSP_IS_WINDOW (self));
  dsp_refresher_set_sources (self->refresher, sources, demo);
}

void
dsp_window_refresh (DspWindow *self)
{
  g_return_if_fail (DSP_IS_WINDOW (self));
  dsp_refresher_refresh (self->refresher);
}

gboolean
dsp_window_is_refreshing (DspWindow *self)
{
  g_return_val_if_fail (DSP_IS_WINDOW (self), FALSE);
  return dsp_refresher_is_refreshing (self->refresher) || dsp_refresher_is_loading (self->refresher) ||
         dsp_dispute_list_is_asking (self->list);
}

/* Said once, in words: e.g. that a damaged store was moved aside. */
void
dsp_window_show_notice (DspWindow  *self,
                        const char *message)
{
  g_return_if_fail (DSP_IS_WINDOW (self));

  show_toast (self, message, NULL, NULL);
}

/* The owner's mark (kept by the list), with its toast and Undo (dsp-marker.c). */
gboolean
dsp_window_set_resolved (DspWindow  *self,
                         const char *source_id,
                         const char *dispute_id,
                         gboolean    resolved)
{
  g_return_val_if_fail (DSP_IS_WINDOW (self), FALSE);
  return dsp_marker_set_resolved (self->marker, source_id, dispute_id, resolved);
}

/* win.set-marks ((a(ss)b)): the disputes named, marked or not. */
static void
set_marks_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  g_autoptr(GVariant) refs = g_variant_get_child_value (parameter, 0);
  gboolean resolved;

  g_variant_get_child (parameter, 1, "b", &resolved);
  dsp_marker_set_many (DSP_WINDOW (widget)->marker, refs, resolved);
}

/* The disputes selected, as a(ss): named before any mark moves them. */
static GVariant *
selected_refs (DspWindow *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GVariantBuilder refs;
  GtkBitsetIter iter;
  guint position;

  g_variant_builder_init (&refs, G_VARIANT_TYPE ("a(ss)"));
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(DspDisputeItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

      g_variant_builder_add (&refs, "(ss)", dsp_dispute_item_get_source_id (item), dsp_dispute_item_get_id (item));
    }
  return g_variant_ref_sink (g_variant_builder_end (&refs));
}

/* Whether every dispute of @refs is marked resolved. */
static gboolean
all_marked (DspWindow *self,
            GVariant  *refs)
{
  GVariantIter iter;
  const char *source_id, *dispute_id;

  g_variant_iter_init (&iter, refs);
  while (g_variant_iter_next (&iter, "(&s&s)", &source_id, &dispute_id))
    if (dsp_dispute_item_get_resolved_at (dsp_dispute_list_lookup (self->list, source_id, dispute_id)) == 0)
      return FALSE;
  return TRUE;
}

/* The selection marked (or unmarked) together; with @toggle, all marked
 * unless all are already (then all unmarked). Too many are refused before
 * any is named. */
static void
mark_selection (DspWindow *self,
                gboolean   toggle,
                gboolean   resolved)
{
  g_autoptr(GVariant) refs = NULL;

  if (n_selected (self) > DSP_MARKER_MAX_AT_ONCE)
    {
      g_autofree char *said = g_strdup_printf (_("Select %u disputes or fewer to mark them at once."),
                                               DSP_MARKER_MAX_AT_ONCE);

      show_toast (self, said, NULL, NULL);
      return;
    }
  refs = selected_refs (self);
  dsp_marker_set_many (self->marker, refs, toggle ? !all_marked (self, refs) : resolved);
}

static void
mark_selected_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  mark_selection (DSP_WINDOW (widget), FALSE, g_str_equal (action_name, "win.mark-selected"));
}

/* Ctrl+Z: undoes the last mark, as its toast's button does, once. */
static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  dsp_marker_undo (DSP_WINDOW (widget)->marker, widget);
}

/* Ctrl+1 … Ctrl+6: the states, in the order the list offers them; the focus goes to the list. */
static void
show_state_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DspWindow *self = DSP_WINDOW (widget);

  dsp_query_bar_choose_group (self->query_bar, (guint) g_variant_get_int32 (parameter));
  /* from wherever it was: the list of that state, to walk with the arrows */
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
toggle_resolved_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  DspWindow *self = DSP_WINDOW (widget);
  DspDisputeItem *item = selected_item (self);

  if (n_selected (self) > 1)
    mark_selection (self, TRUE, TRUE);
  else if (item)
    dsp_window_set_resolved (self, dsp_dispute_item_get_source_id (item), dsp_dispute_item_get_id (item),
                             dsp_dispute_item_get_resolved_at (item) == 0);
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

/* The selected dispute, read whole (NULL while it is read). */
DspDispute *
dsp_window_get_dispute (DspWindow *self)
{
  g_return_val_if_fail (DSP_IS_WINDOW (self), NULL);
  return self->shown;
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
  guint position;

  if (!dsp_dispute_list_find (self->list, source_id, dispute_id, &position))
    return FALSE;
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  return TRUE;
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  dsp_window_refresh (DSP_WINDOW (widget));
}

static void
on_export_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  DspWindow *self = DSP_WINDOW (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *said = dsp_export_chooser_finish (result, &error);

  if (said == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_toast (self, error->message, NULL, NULL);
  else if (said)
    show_toast (self, said, NULL, NULL);
}

/* The view as it is (state, store, reason, search and order), or every
 * dispute of the stores shown. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DspWindow *self = DSP_WINDOW (widget);
  g_autoptr(DspQuery) everything = dsp_query_new ();
  const DspQuery *query = g_str_equal (action_name, "win.export-all") ? everything
                                                                       : dsp_dispute_list_get_query (self->list);

  dsp_export_chooser_async (GTK_WINDOW (self), sources_of (self), query, on_export_done, NULL);
}

/* Insight: a window of its own, beside the list. */
static void
insight_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DspWindow *self = DSP_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (dsp_insight_window_new (GTK_WINDOW (self), self->refresher)));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DspWindow *self = DSP_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Ctrl+F: the search, from wherever the focus is. */
static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DspWindow *self = DSP_WINDOW (widget);

  gtk_toggle_button_set_active (self->search_button, TRUE);
}

static void
setup_list (DspWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = dsp_dispute_row_factory_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkSearchBar *search_bar;

  /* the list is the store's answer, filtered and sorted there */
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->list)));
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (on_selection_changed), self);

  gtk_grid_view_set_factory (self->list_view, factory);
  gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->list_view, "activate", G_CALLBACK (on_activate), self);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_list_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), keys);
  dsp_dispute_row_add_menu_gestures (GTK_WIDGET (self->list_view));

  dsp_query_bar_set_refresher (self->query_bar, self->refresher);
  search_bar = dsp_query_bar_get_search_bar (self->query_bar);
  /* typing in the list searches */
  gtk_search_bar_set_key_capture_widget (search_bar, GTK_WIDGET (self->list_view));
  g_object_bind_property (self->search_button, "active", search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (search_bar, "notify::search-mode-enabled", G_CALLBACK (on_search_mode), self,
                           G_CONNECT_SWAPPED);
}

/* The detail pane and the dispute's actions follow the selected item. */
static void
bind_selection (DspWindow *self)
{
  dsp_dispute_detail_set_list (self->detail, self->list);
}

static void
follow_refresher (DspWindow *self)
{
  g_signal_connect_object (self->refresher, "notify::refreshing", G_CALLBACK (on_refreshing_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->refresher, "progress", G_CALLBACK (on_progress), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->refresher, "finished", G_CALLBACK (on_finished), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->refresher, "problem", G_CALLBACK (on_problem), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->refresher, "notice", G_CALLBACK (dsp_window_show_notice), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->refresher, "action-finished", G_CALLBACK (on_action_finished), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->refresher, "sources-changed", G_CALLBACK (on_sources_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "updating", G_CALLBACK (on_list_updating), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "updated", G_CALLBACK (on_list_updated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "tally-changed", G_CALLBACK (update_list_page), self, G_CONNECT_SWAPPED);
}

/* For the benchmark (tests/bench/bench-app.c): with DSP_REPORT_FIRST_ROWS
 * set, the first frame painted with rows in the list prints "first-rows
 * USEC" (g_get_monotonic_time ()) on stdout. Connected to the window's
 * "realize", then to its frame clock's "after-paint". */
static void
report_first_rows (gpointer   instance,
                   DspWindow *self)
{
  if (instance == (gpointer) self)
    {
      g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                               G_CALLBACK (report_first_rows), self, 0);
      return;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0 ||
      !gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
    return;
  printf ("first-rows %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (instance, report_first_rows, self);
  g_signal_handlers_disconnect_by_func (self, report_first_rows, self);
}

static void
dsp_window_constructed (GObject *object)
{
  DspWindow *self = DSP_WINDOW (object);

  G_OBJECT_CLASS (dsp_window_parent_class)->constructed (object);
  /* Standing alone (a benchmark), the window brings its own. */
  if (self->refresher == NULL)
    {
      g_autoptr(DspDisputeList) list = dsp_dispute_list_new ();

      self->refresher = dsp_refresher_new (list);
    }
  self->list = g_object_ref (dsp_refresher_get_list (self->refresher));
  self->marker = dsp_marker_new (self->list, self->toast_overlay);
  self->dispute_actions = dsp_dispute_actions_new (GTK_WINDOW (self), self->list);
  g_signal_connect_object (self->dispute_actions, "notice", G_CALLBACK (dsp_window_show_notice), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "dispute",
                                  dsp_dispute_actions_get_group (self->dispute_actions));
  setup_list (self);
  bind_selection (self);
  follow_refresher (self);
  on_sources_changed (self);
  update_title (self);
  if (g_getenv ("DSP_REPORT_FIRST_ROWS"))
    g_signal_connect (self, "realize", G_CALLBACK (report_first_rows), self);
}

static void
dsp_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  DspWindow *self = DSP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_REFRESHER:
      self->refresher = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dsp_window_dispose (GObject *object)
{
  DspWindow *self = DSP_WINDOW (object);

  if (self->outboxes)
    for (guint i = 0; i < self->outboxes->len; i++)
      g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->outboxes, i), self);
  if (self->selection)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), DSP_TYPE_WINDOW);
  g_clear_object (&self->selection);
  g_cancellable_cancel (self->opening);
  g_clear_object (&self->opening);
  g_clear_object (&self->shown);
  g_clear_object (&self->kept);
  g_clear_object (&self->marker);
  g_clear_pointer (&self->outboxes, g_ptr_array_unref);
  g_clear_object (&self->dispute_actions);
  g_clear_object (&self->list);
  g_clear_object (&self->refresher);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dsp_window_parent_class)->dispose (object);
}

static void
dsp_window_class_init (DspWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dsp_window_constructed;
  object_class->set_property = dsp_window_set_property;
  object_class->dispose = dsp_window_dispose;

  /* The application's disputes and their schedule, which the window shows. */
  properties[PROP_REFRESHER] =
    g_param_spec_object ("refresher", NULL, NULL, DSP_TYPE_REFRESHER,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DSP_TYPE_DISPUTE_DETAIL);
  g_type_ensure (DSP_TYPE_QUERY_BAR);
  g_type_ensure (DSP_TYPE_SIDEBAR);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Disputes/ui/dsp-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, DspWindow, name)
  BIND (toast_overlay);
  BIND (main_stack);
  BIND (leaflet);
  BIND (content);
  BIND (list_title);
  BIND (demo_revealer);
  BIND (query_bar);
  BIND (search_button);
  BIND (progress_bar);
  BIND (progress_label);
  BIND (list_stack);
  BIND (error_page);
  BIND (list_view);
  BIND (detail_stack);
  BIND (detail);
  BIND (several_page);
#undef BIND
  /* Reachable by name for tests, not kept in the struct. */
  gtk_widget_class_bind_template_child_full (widget_class, "demo_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "sidebar", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-resolved", NULL, toggle_resolved_action);
  gtk_widget_class_install_action (widget_class, "win.unresolve", "(ss)", unresolve_action);
  gtk_widget_class_install_action (widget_class, "win.mark-resolved", "(ss)", mark_resolved_action);
  gtk_widget_class_install_action (widget_class, "win.open-dispute", "(ss)", open_dispute_action);
  gtk_widget_class_install_action (widget_class, "win.row-menu", NULL, row_menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "win.row-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "win.row-menu", NULL);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.export-view", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.insight", NULL, insight_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.insight", NULL);
  gtk_widget_class_install_action (widget_class, "win.export-all", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.set-marks", "(a(ss)b)", set_marks_action);
  gtk_widget_class_install_action (widget_class, "win.mark-selected", NULL, mark_selected_action);
  gtk_widget_class_install_action (widget_class, "win.unmark-selected", NULL, mark_selected_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-state", "i", show_state_action);
  for (int i = 0; i < 6; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_CONTROL_MASK, "win.show-state", "i", i);
}

static void
dsp_window_init (DspWindow *self)
{
  self->outboxes = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", FALSE);

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  /* Closed, the window only hides: the app syncs and reminds on without it. */
  g_settings_bind (self->settings, "run-in-background", self, "hide-on-close", G_SETTINGS_BIND_GET);
}

/* @refresher: (nullable): the application's; NULL gives the window its own */
DspWindow *
dsp_window_new (AdwApplication *application,
                DspRefresher   *refresher)
{
  return g_object_new (DSP_TYPE_WINDOW, "application", application, "refresher", refresher, NULL);
}
