/* test-window.c — the real window on demo data, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <string.h>

#include "dsp-application.h"
#include "dsp-clock.h"
#include "dsp-dispute-row.h"
#include "dsp-evidence-dialog.h"
#include "dsp-refund-dialog.h"
#include "dsp-settle-panel.h"
#include "dsp-preferences-window.h"
#include "dsp-ticker.h"
#include "dsp-time.h"
#include "dsp-simulator.h"
#include "dsp-source.h"
#include "dsp-store.h"
#include "dsp-window.h"
#include "notify-server.h"
#include "test-util.h"

static DspApplication *app;

#define DEMO_DISPUTES 60
#define DEMO_SEED 2026

/* Each test has a window of its own, on a simulated Klarna account of its own,
 * both on the test's clock: no test depends on another, or on today. */
typedef struct {
  DspWindow    *window;
  DspSimulator *sim;
} Fixture;

static DspWindow *
active_window (void)
{
  return DSP_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
}

static gboolean window_loaded (gpointer data);

#define NO_ACCOUNT GINT_TO_POINTER (1)   /* the fixture's window starts empty */
#define NARROW     GINT_TO_POINTER (2)   /* on the demo, phone-sized */

static void
show_simulator (Fixture *f,
                guint    n_disputes,
                guint32  seed)
{
  g_autoptr(DspClient) client = NULL;

  g_clear_object (&f->sim);
  f->sim = dsp_simulator_new (n_disputes, seed, dsp_clock_now ());
  g_assert_true (dsp_simulator_listen (f->sim, 0, NULL));
  client = dsp_client_new (dsp_simulator_get_base_url (f->sim), NULL, DSP_SIMULATOR_DEMO_KEY, NULL);
  dsp_window_set_client (f->window, client, TRUE);
  test_wait_until (window_loaded, f->window, 20000);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->window = dsp_window_new (ADW_APPLICATION (app), dsp_application_get_refresher (app));
  if (data == NARROW)
    gtk_window_set_default_size (GTK_WINDOW (f->window), 400, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (active_window () == f->window);
  if (data != NO_ACCOUNT)
    show_simulator (f, DEMO_DISPUTES, DEMO_SEED);
}

static gboolean
window_gone (gpointer data)
{
  return g_list_model_get_n_items (gtk_window_get_toplevels ()) == 0;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  dsp_window_set_sources (f->window, NULL, FALSE);
  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  test_wait_until (window_gone, NULL, 5000);
  g_clear_object (&f->sim);
  test_clock_reset ();
}

static gboolean
window_loaded (gpointer data)
{
  DspWindow *window = data;

  return !dsp_window_is_refreshing (window) && g_list_model_get_n_items (dsp_window_get_disputes (window)) > 0;
}

static gboolean
refresh_done (gpointer data)
{
  return !dsp_window_is_refreshing (DSP_WINDOW (data));
}

static gboolean
customer_shown (gpointer data)
{
  AdwActionRow *row = test_template_child (data, DSP_TYPE_DISPUTE_DETAIL, "name_row");

  return gtk_widget_get_visible (GTK_WIDGET (row));
}

static void
test_welcome (Fixture       *f,
              gconstpointer  data)
{
  DspWindow *window = f->window;
  GtkStack *stack = test_template_child (window, DSP_TYPE_WINDOW, "main_stack");
  GtkButton *demo = test_template_child (window, DSP_TYPE_WINDOW, "demo_button");

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "welcome");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (demo)), ==, "app.demo");

  /* The button starts the demo, in this very window. */
  g_signal_emit_by_name (demo, "clicked");
  g_assert_true (active_window () == window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "main");
  g_assert_true (gtk_revealer_get_reveal_child (test_template_child (window, DSP_TYPE_WINDOW, "demo_revealer")));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "Demo"));
  test_wait_until (window_loaded, window, 20000);
}

static void
test_demo_list_and_detail (Fixture       *f,
                           gconstpointer  data)
{
  DspWindow *window = f->window;
  GListModel *model = dsp_window_get_disputes (window);
  DspDisputeDetail *detail = dsp_window_get_detail (window);
  g_autoptr(DspDisputeItem) first = NULL;
  g_autofree char *expected_title = NULL;
  GtkLabel *title, *deadline;
  AdwActionRow *name_row, *email_row;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, DEMO_DISPUTES);
  first = g_list_model_get_item (model, 0);
  /* Most urgent first: on the test's clock, the first row's answer is
   * already a few hours late, and Klarna has not closed it yet. */
  g_assert_cmpint (dsp_dispute_item_get_deadline (first), <, dsp_clock_now ());
  g_assert_cmpint (dsp_dispute_item_get_deadline (first), >, dsp_clock_now () - 86400);

  g_assert_true (test_select_opened (window, dsp_dispute_item_get_source_id (first), dsp_dispute_item_get_id (first)));
  test_wait_until (customer_shown, detail, 10000);

  title = test_template_child (detail, DSP_TYPE_DISPUTE_DETAIL, "title_label");
  deadline = test_template_child (detail, DSP_TYPE_DISPUTE_DETAIL, "deadline_label");
  name_row = test_template_child (detail, DSP_TYPE_DISPUTE_DETAIL, "name_row");
  email_row = test_template_child (detail, DSP_TYPE_DISPUTE_DETAIL, "email_row");
  expected_title = g_strdup_printf ("Order %s", dsp_dispute_item_get_reference (first));
  g_assert_cmpstr (gtk_label_get_text (title), ==, expected_title);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (deadline)));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (deadline), "Response was due "));
  g_assert_cmpstr (adw_action_row_get_subtitle (name_row), ==, dsp_dispute_item_get_customer_name (first));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (email_row), "@example.com"));

  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  test_save_screenshot (GTK_WIDGET (window), "main.png");

  /* "Copy" puts the order number on the clipboard. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autofree char *copied = NULL;
    GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "dispute.copy", "s", "order"));
    gdk_clipboard_read_text_async (clipboard, NULL, test_store_result, &result);
    copied = gdk_clipboard_read_text_finish (clipboard, test_wait_result (&result, 5000), NULL);
    g_assert_cmpstr (copied, ==, dsp_dispute_item_get_reference (first));
  }

  /* The working days among the days left; with hours left, only the hours. */
  for (guint i = 0, hours = 0, days = 0; i < g_list_model_get_n_items (model) && (hours < 2 || days < 2); i++)
    {
      g_autoptr(DspDisputeItem) item = g_list_model_get_item (model, i);
      gint64 left = dsp_dispute_item_get_deadline (item) - dsp_clock_now ();

      if (dsp_dispute_item_get_deadline (item) == 0 || left <= 0 || (left >= 86400 && left < 2 * 86400) ||
          (left < 86400 ? hours++ : days++) >= 2)
        continue;
      g_assert_true (test_select_opened (window, dsp_dispute_item_get_source_id (item), dsp_dispute_item_get_id (item)));
      g_test_message ("%s", gtk_label_get_text (deadline));
      g_assert_true ((strstr (gtk_label_get_text (deadline), "business day") != NULL) == (left >= 2 * 86400));
    }
}

static guint
position_of (GListModel *model,
             const char *id)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DspDisputeItem) dispute = g_list_model_get_item (model, i);

      if (g_strcmp0 (dsp_dispute_item_get_id (dispute), id) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* One click: the dispute leaves "Needs your response" at once; Undo brings it back. */
static void
test_mark_resolved (Fixture       *f,
                    gconstpointer  data)
{
  DspWindow *window = f->window;
  GListModel *model = dsp_window_get_disputes (window);
  g_autoptr(DspDisputeItem) first = g_list_model_get_item (model, 0);
  g_autofree char *id = g_strdup (dsp_dispute_item_get_id (first));
  GtkButton *button = test_template_child (dsp_window_get_detail (window), DSP_TYPE_DISPUTE_DETAIL, "resolve_button");
  GtkLabel *status = test_template_child (dsp_window_get_detail (window), DSP_TYPE_DISPUTE_DETAIL, "status_label");
  GtkWidget *note_list = test_template_child (dsp_window_get_detail (window), DSP_TYPE_DISPUTE_DETAIL, "note_list");
  GtkWidget *note_row = test_template_child (dsp_window_get_detail (window), DSP_TYPE_DISPUTE_DETAIL, "note_row");

  g_assert_true (test_select_opened (window, dsp_dispute_item_get_source_id (first), id));
  g_assert_cmpint (dsp_dispute_item_get_status (first), ==, DSP_STATUS_NEEDS_RESPONSE);
  g_assert_cmpstr (gtk_button_get_label (button), ==, "Mark Resolved");

  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpint (dsp_dispute_item_get_status (first), ==, DSP_STATUS_RESOLVED);
  g_assert_cmpint (dsp_dispute_item_get_deadline (first), ==, 0);
  g_assert_cmpuint (position_of (model, id), >, 0);
  g_assert_cmpstr (gtk_label_get_text (status), ==, "Resolved by you — waiting for Klarna to close");
  g_assert_cmpstr (gtk_button_get_label (button), ==, "Undo “Resolved”");
  /* still the one on screen */
  g_assert_cmpstr (dsp_dispute_item_get_id (test_selected_item (model)), ==, id);

  /* An optional note goes with the mark. */
  g_assert_true (gtk_widget_get_visible (note_list));
  gtk_editable_set_text (GTK_EDITABLE (note_row), "Called her; refund by bank transfer");
  g_signal_emit_by_name (note_row, "apply");
  g_assert_cmpstr (dsp_dispute_get_resolved_note (dsp_window_get_dispute (window)), ==, "Called her; refund by bank transfer");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.unresolve", "(ss)",
                                            dsp_dispute_item_get_source_id (first), id));
  g_assert_cmpint (dsp_dispute_item_get_status (first), ==, DSP_STATUS_NEEDS_RESPONSE);
  g_assert_cmpuint (position_of (model, id), ==, 0);
  g_assert_null (dsp_dispute_get_resolved_note (dsp_window_get_dispute (window)));
  g_assert_false (gtk_widget_get_visible (note_list));
}

static DspDisputeRow *
find_row (GtkWidget  *widget,
          const char *id)
{
  if (DSP_IS_DISPUTE_ROW (widget))
    {
      DspDisputeItem *dispute = dsp_dispute_row_get_dispute (DSP_DISPUTE_ROW (widget));

      return dispute && g_strcmp0 (dsp_dispute_item_get_id (dispute), id) == 0 ? DSP_DISPUTE_ROW (widget) : NULL;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      DspDisputeRow *row = find_row (child, id);

      if (row)
        return row;
    }
  return NULL;
}

/* Choose the row menu's item at @index, checking its label, as a click on it would. */
static void
choose_menu_item (DspDisputeRow *row,
                  guint          index,
                  const char    *label)
{
  GMenuModel *model = dsp_dispute_row_get_menu_model (row);
  g_autofree char *text = NULL, *action = NULL;
  g_autoptr(GVariant) target = NULL;

  g_assert_true (g_menu_model_get_item_attribute (model, index, G_MENU_ATTRIBUTE_LABEL, "s", &text));
  g_assert_cmpstr (text, ==, label);
  g_assert_true (g_menu_model_get_item_attribute (model, index, G_MENU_ATTRIBUTE_ACTION, "s", &action));
  target = g_menu_model_get_item_attribute_value (model, index, G_MENU_ATTRIBUTE_TARGET, NULL);
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (row), action, target));
}

static gboolean
popover_shown (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

/* A right click on a row marks it resolved without opening it, and takes it back. */
static void
test_row_menu (Fixture       *f,
               gconstpointer  data)
{
  DspWindow *window = f->window;
  GListModel *model = dsp_window_get_disputes (window);
  g_autoptr(DspDisputeItem) first = g_list_model_get_item (model, 0);
  g_autoptr(DspDisputeItem) second = g_list_model_get_item (model, 1);
  g_autofree char *id = g_strdup (dsp_dispute_item_get_id (second));
  DspStatus before = dsp_dispute_item_get_status (second);
  DspDisputeRow *row;
  GtkWidget *popover;

  g_assert_cmpint (before, !=, DSP_STATUS_RESOLVED);
  g_assert_true (test_select_opened (window, dsp_dispute_item_get_source_id (first), dsp_dispute_item_get_id (first)));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  row = find_row (GTK_WIDGET (window), id);
  g_assert_nonnull (row);

  dsp_dispute_row_popup_menu (row, 40, 10);
  popover = gtk_widget_get_last_child (GTK_WIDGET (row));
  g_assert_true (GTK_IS_POPOVER_MENU (popover));
  test_wait_until (popover_shown, popover, 5000);
  g_autofree char *shot = g_build_filename (g_get_tmp_dir (), "disputes-row-menu.png", NULL);
  test_save_screenshot (popover, shot);
  choose_menu_item (row, 1, "Mark _Resolved");
  gtk_popover_popdown (GTK_POPOVER (popover));
  g_assert_cmpint (dsp_dispute_item_get_status (second), ==, DSP_STATUS_RESOLVED);
  /* Not opened: the dispute on screen is still the first one. */
  g_assert_cmpstr (dsp_dispute_item_get_id (test_selected_item (model)), !=, id);

  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  row = find_row (GTK_WIDGET (window), id);
  g_assert_nonnull (row);
  dsp_dispute_row_popup_menu (row, -1, -1);
  choose_menu_item (row, 1, "Mark _Unresolved");
  g_assert_cmpint (dsp_dispute_item_get_status (second), ==, before);
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_last_child (GTK_WIDGET (row))));
  /* From the keyboard: the focused row's menu. */
  gtk_widget_grab_focus (gtk_widget_get_parent (GTK_WIDGET (row)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.row-menu", NULL));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_last_child (GTK_WIDGET (row))));
  choose_menu_item (row, 0, "_Open");
  g_assert_cmpstr (dsp_dispute_item_get_id (test_selected_item (model)), ==, id);
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_last_child (GTK_WIDGET (row))));
}

static void
test_refresh_keeps_selection (Fixture       *f,
                              gconstpointer  data)
{
  DspWindow *window = f->window;
  GListModel *selection = dsp_window_get_disputes (window);
  g_autoptr(DspDisputeItem) third = g_list_model_get_item (selection, 2);
  g_autofree char *id = g_strdup (dsp_dispute_item_get_id (third));
  GtkWidget *scroller = gtk_widget_get_parent (GTK_WIDGET (test_template_child (window, DSP_TYPE_WINDOW, "list_view")));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  double scrolled;

  g_assert_true (test_select_opened (window, dsp_dispute_item_get_source_id (third), id));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) / 3);
  scrolled = gtk_adjustment_get_value (adjustment);
  g_assert_cmpfloat (scrolled, >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL));
  g_assert_true (dsp_window_is_refreshing (window));
  /* The window stays responsive: the main loop turns while the list loads. */
  test_wait_until (refresh_done, window, 20000);
  g_assert_cmpstr (dsp_dispute_item_get_id (test_selected_item (selection)), ==, id);
  /* Rows update in place: the list stays where the owner scrolled it (a
   * few pixels either way, as GTK measures rows it had only estimated). */
  g_assert_cmpfloat (fabs (gtk_adjustment_get_value (adjustment) - scrolled), <, 20);
}

/* The most urgent dispute whose answer to Klarna is due @ahead seconds from now or later. */
static DspDisputeItem *
first_due_after (GListModel *model,
                 gint64      ahead)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DspDisputeItem) dispute = g_list_model_get_item (model, i);

      if (dsp_dispute_item_get_status (dispute) == DSP_STATUS_NEEDS_RESPONSE &&
          dsp_dispute_item_get_deadline (dispute) > dsp_clock_now () + ahead)
        return g_steal_pointer (&dispute);
    }
  g_assert_not_reached ();
}

static void
test_countdown_ticks (Fixture       *f,
                      gconstpointer  data)
{
  DspWindow *window = f->window;
  /* a week away: the working days among them show */
  g_autoptr(DspDisputeItem) shown = first_due_after (dsp_window_get_disputes (window), 7 * 86400);
  GtkLabel *deadline = test_template_child (dsp_window_get_detail (window), DSP_TYPE_DISPUTE_DETAIL, "deadline_label");

  g_assert_true (test_select_opened (window, dsp_dispute_item_get_source_id (shown), dsp_dispute_item_get_id (shown)));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (deadline), "Respond by "));

  /* Closing days set in Preferences count at once, not at the next tick. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func (g_free);
    g_autofree char *before = g_strdup (gtk_label_get_text (deadline));

    for (gint64 t = dsp_clock_now (); t <= dsp_dispute_item_get_deadline (shown) + 86400; t += 86400)
      {
        g_autoptr(GDateTime) day = g_date_time_new_from_unix_local (t);
        g_ptr_array_add (days, g_date_time_format (day, "%Y-%m-%d"));
      }
    g_ptr_array_add (days, NULL);
    g_settings_set_strv (settings, "closing-days", (const char * const *) days->pdata);
    g_assert_nonnull (strstr (gtk_label_get_text (deadline), "(0 business days)"));
    g_assert_cmpstr (before, !=, gtk_label_get_text (deadline));
    g_settings_reset (settings, "closing-days");
    g_assert_cmpstr (before, ==, gtk_label_get_text (deadline));
  }

  /* A week after the deadline, the next minute's tick says so. */
  dsp_clock_set_fixed (dsp_dispute_item_get_deadline (shown) + 7 * 86400);
  g_signal_emit_by_name (dsp_ticker_get_default (), "tick");
  g_assert_nonnull (strstr (gtk_label_get_text (deadline), "Overdue by 7 days"));
  test_clock_reset ();
  g_signal_emit_by_name (dsp_ticker_get_default (), "tick");
  g_assert_true (g_str_has_prefix (gtk_label_get_text (deadline), "Respond by "));
}

static void
test_error_state (Fixture       *f,
                  gconstpointer  data)
{
  DspWindow *window = f->window;
  g_autoptr(DspSimulator) sim = dsp_simulator_new (5, 1, dsp_clock_now ());
  g_autoptr(DspClient) client = NULL;
  GtkStack *list_stack = test_template_child (window, DSP_TYPE_WINDOW, "list_stack");
  AdwStatusPage *error_page = test_template_child (window, DSP_TYPE_WINDOW, "error_page");

  g_assert_true (dsp_simulator_listen (sim, 0, NULL));
  client = dsp_client_new (dsp_simulator_get_base_url (sim), NULL, DSP_SIMULATOR_DEMO_KEY, NULL);
  dsp_simulator_add_fault (sim, DSP_SIM_FAULT_STATUS, 503, 1, NULL);
  dsp_window_set_client (window, client, FALSE);
  test_wait_until (refresh_done, window, 20000);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "error");
  g_assert_nonnull (strstr (adw_status_page_get_description (error_page), "temporarily unavailable"));
  g_assert_false (gtk_revealer_get_reveal_child (test_template_child (window, DSP_TYPE_WINDOW, "demo_revealer")));

  /* "Try Again" works once Klarna is back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL));
  test_wait_until (window_loaded, window, 20000);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (dsp_window_get_disputes (window)), ==, 5);
  dsp_window_set_client (window, NULL, FALSE);
}

/* The titles and subtitles of "Sent From This App", one line each. */
static char *
sent_rows (DspWindow *window)
{
  DspSettlePanel *panel = test_template_child (dsp_window_get_detail (window), DSP_TYPE_DISPUTE_DETAIL, "settle_panel");
  GtkWidget *list = test_template_child (panel, DSP_TYPE_SETTLE_PANEL, "actions_list");
  GString *text = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row) && gtk_widget_get_visible (GTK_WIDGET (panel)))
      g_string_append_printf (text, "%s — %s\n", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                              adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
  return g_string_free (text, FALSE);
}

typedef struct {
  DspWindow  *window;
  const char *expected;
} SentWait;

static gboolean
sent_shows (gpointer data)
{
  SentWait *wait = data;
  g_autofree char *rows = sent_rows (wait->window);

  return strstr (rows, wait->expected) != NULL;
}

static void
wait_for_sent (DspWindow  *window,
               const char *expected)
{
  SentWait wait = { window, expected };
  g_autofree char *rows = NULL;

  for (guint i = 0; i < 200 && !sent_shows (&wait); i++)
    test_spin (100);
  rows = sent_rows (window);
  g_assert_cmpstr (strstr (rows, expected) ? expected : rows, ==, expected);
}

static void
refund_partly (DspWindow  *window,
               const char *amount)
{
  DspRefundDialog *dialog;
  g_autofree char *heading = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "dispute.refund", NULL));
  dialog = test_find_toplevel (DSP_TYPE_REFUND_DIALOG);
  g_assert_nonnull (dialog);
  gtk_check_button_set_active (test_template_child (dialog, DSP_TYPE_REFUND_DIALOG, "partial_check"), TRUE);
  gtk_editable_set_text (test_template_child (dialog, DSP_TYPE_REFUND_DIALOG, "amount_row"), amount);
  g_signal_emit_by_name (test_template_child (dialog, DSP_TYPE_REFUND_DIALOG, "refund_button"), "clicked");
  heading = test_confirm ("confirm");
  g_assert_cmpstr (heading, ==, "Refund €2.50?");
  g_assert_null (test_find_toplevel (DSP_TYPE_REFUND_DIALOG));
}

static gboolean
dialog_idle (gpointer data)
{
  GtkWidget *send = test_template_child (data, DSP_TYPE_EVIDENCE_DIALOG, "send_button");

  return gtk_widget_get_sensitive (send);
}

static GFile *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return g_file_new_for_path (path);
}

/* The file chooser is the portal's; what it hands over is checked here. */
static void
answer_with_pdf (DspWindow  *window,
                 const char *dir)
{
  DspEvidenceDialog *dialog;
  g_autoptr(GFile) fake = write_file (dir, "invoice.pdf", "MZ\x90 this is a program");
  g_autoptr(GFile) pdf = write_file (dir, "proof of delivery.pdf", "%PDF-1.4\n% signed\n%%EOF\n");
  g_autoptr(GFile) notes = write_file (dir, "notes.txt", "Called the customer on Monday.\n");
  GtkLabel *problem;
  g_autofree char *heading = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "dispute.respond", NULL));
  dialog = test_find_toplevel (DSP_TYPE_EVIDENCE_DIALOG);
  g_assert_nonnull (dialog);
  problem = test_template_child (dialog, DSP_TYPE_EVIDENCE_DIALOG, "problem_label");

  /* Nothing to send yet: said plainly, nothing sent. */
  g_signal_emit_by_name (test_template_child (dialog, DSP_TYPE_EVIDENCE_DIALOG, "send_button"), "clicked");
  g_assert_nonnull (strstr (gtk_label_get_text (problem), "Add at least one document"));

  /* two refused at once: each says why */
  dsp_evidence_dialog_add_file (dialog, fake);
  dsp_evidence_dialog_add_file (dialog, notes);
  test_wait_until (dialog_idle, dialog, 5000);
  g_test_message ("%s", gtk_label_get_text (problem));
  g_assert_nonnull (strstr (gtk_label_get_text (problem), "is not a PDF, JPEG, PNG or Word"));
  g_assert_nonnull (strstr (gtk_label_get_text (problem), "notes.txt"));
  g_assert_nonnull (strstr (gtk_label_get_text (problem), "\n"));
  g_assert_cmpuint (dsp_evidence_dialog_get_n_files (dialog), ==, 0);
  dsp_evidence_dialog_add_file (dialog, pdf);
  test_wait_until (dialog_idle, dialog, 5000);
  g_assert_cmpuint (dsp_evidence_dialog_get_n_files (dialog), ==, 1);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (problem)));
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_first_child (test_template_child (dialog, DSP_TYPE_EVIDENCE_DIALOG,
                                                                                       "files_list"))),
                         "Carrier's proof of delivery, signed");

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (test_template_child (dialog, DSP_TYPE_EVIDENCE_DIALOG, "text_view")),
                            "Delivered on 3 November and signed for; the carrier's record is attached.", -1);
  gtk_editable_set_text (test_template_child (dialog, DSP_TYPE_EVIDENCE_DIALOG, "proposed_row"), "1");
  g_signal_emit_by_name (test_template_child (dialog, DSP_TYPE_EVIDENCE_DIALOG, "send_button"), "clicked");
  heading = test_confirm ("confirm");
  g_assert_cmpstr (heading, ==, "Send Evidence to Klarna?");
}

static gboolean
refund_on_order (gpointer data)
{
  GtkWidget *list = test_template_child (dsp_window_get_detail (data), DSP_TYPE_DISPUTE_DETAIL, "order_list");

  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row) &&
        g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Refunded") == 0 &&
        g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "€2.50 of "))
      return TRUE;
  return FALSE;
}

static gboolean
notified (gpointer data)
{
  GPtrArray *seen = test_notify_server_seen ();

  for (guint i = 0; i < seen->len; i++)
    {
      TestNotification *n = g_ptr_array_index (seen, i);

      if (g_strcmp0 (n->body, data) == 0 && g_strcmp0 (n->summary, "Done in the demo") == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
state_is_not (gpointer data)
{
  SimDispute *dispute = data;

  return dispute->state != SIM_INITIATED;
}

/* A new owner on the demo: refunds one, answers a second with a PDF, accepts
 * the loss on a third — each confirmed, each shown as sent, each once at
 * Klarna; the refund goes while Klarna is briefly down and is paid once. */
static void
test_settle (Fixture       *f,
             gconstpointer  data)
{
  DspWindow *window = f->window;
  DspSimulator *sim;
  g_autofree char *dir = g_dir_make_tmp ("disputes-files-XXXXXX", NULL);
  g_autofree char *cleanup = g_strdup_printf ("rm -rf '%s'", dir);
  SimDispute *to_refund, *to_answer, *to_accept;
  SimOrder *order;
  gint64 refunded;
  g_autofree char *heading = NULL, *refunds = NULL;

  show_simulator (f, 40, 7);
  sim = f->sim;
  to_refund = test_sim_find (sim, SIM_INITIATED, "EUR", 0);
  to_answer = test_sim_find (sim, SIM_INITIATED, NULL, 0) != to_refund ? test_sim_find (sim, SIM_INITIATED, NULL, 0) : test_sim_find (sim, SIM_INITIATED, NULL, 1);
  to_accept = test_sim_find (sim, SIM_INITIATED, NULL, 2);
  g_assert_true (to_accept != to_refund && to_accept != to_answer);

  /* Refund €2.50 while Klarna cannot be reached: shown as waiting, sent once when it is back. */
  order = dsp_simulator_lookup_order (sim, to_refund->order_id);
  refunded = order->refunded_amount;
  refunds = g_strdup_printf ("/ordermanagement/v1/orders/%s/refunds", to_refund->order_id);
  dsp_simulator_add_fault (sim, DSP_SIM_FAULT_DROP, 0, 1, refunds);
  g_assert_true (test_select_opened (window, "demo", to_refund->id));
  refund_partly (window, "2,50");
  wait_for_sent (window, "Refund of €2.50 — Not sent yet — trying again at ");
  g_assert_cmpint (order->refunded_amount, ==, refunded);
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (test_template_child (window, DSP_TYPE_WINDOW, "list_title")),
                            "1 action waiting to be sent"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "dispute.send-now", "x", (gint64) -1));
  wait_for_sent (window, "Refund of €2.50 — Sent to Klarna");
  /* the demo's toast does not say it went to Klarna */
  test_wait_toast (window, "Refund of €2.50: done in the demo — nothing was sent to Klarna", 10000);
  g_assert_cmpint (order->refunded_amount, ==, refunded + 250);
  /* and the order, read again, shows it */
  g_assert_cmpint (refunded, ==, 0);
  test_wait_until (refund_on_order, window, 20000);

  g_assert_true (test_select_opened (window, "demo", to_answer->id));
  answer_with_pdf (window, dir);
  test_wait_until (state_is_not, to_answer, 20000);
  g_assert_cmpint (to_answer->state, ==, SIM_REPRESENTMENT);
  g_assert_cmpuint (to_answer->evidence_attachments->len, ==, 1);
  g_assert_cmpstr (((SimEvidenceItem *) g_ptr_array_index (to_answer->evidence_attachments, 0))->description, ==,
                   "Carrier's proof of delivery, signed");
  g_assert_cmpint (to_answer->proposed_refund, ==, 100);

  g_assert_true (test_select_opened (window, "demo", to_accept->id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "dispute.accept-loss", NULL));
  heading = test_confirm ("confirm");
  g_assert_nonnull (strstr (heading, "Accept the Loss of"));
  test_wait_until (state_is_not, to_accept, 20000);
  g_assert_cmpint (to_accept->state, ==, SIM_CLOSED);
  test_wait_until (refresh_done, window, 20000);

  /* Waiting when the window is closed: when it goes, a notification says so. */
  g_assert_true (test_select_opened (window, "demo", to_refund->id));
  dsp_simulator_add_fault (sim, DSP_SIM_FAULT_DROP, 0, 1, refunds);
  refund_partly (window, "2,50");
  wait_for_sent (window, "Refund of €2.50 — Not sent yet");
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "dispute.send-now", "x", (gint64) -4));
  /* (on the demo: it says nothing went to Klarna) */
  test_wait_until (notified, "Refund of €2.50: done in the demo — nothing was sent to Klarna", 20000);
  g_assert_cmpint (order->refunded_amount, ==, refunded + 500);
  gtk_window_present (GTK_WINDOW (window));
  test_wait_until (refresh_done, window, 20000);

  dsp_window_set_client (window, NULL, FALSE);
  g_assert_cmpint (system (cleanup), ==, 0);
}

static DspDisputeItem *
find_shown (DspWindow  *window,
            const char *source_id,
            const char *dispute_id)
{
  GListModel *model = dsp_window_get_disputes (window);
  DspDisputeItem *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DspDisputeItem) dispute = g_list_model_get_item (model, i);

      if (dsp_dispute_item_is (dispute, source_id, dispute_id))
        {
          g_assert_null (found);
          found = dispute;
        }
    }
  g_assert_nonnull (found);
  return found;
}

static gboolean
refunded_by (gpointer data)
{
  SimOrder *order = data;

  return order->refunded_amount > 0;
}

/* Two stores whose servers hand out the same ids (two simulators on one
 * seed): opening, marking, a notification's button and a refund each touch
 * only their own store's dispute. */
static void
test_two_stores_one_id (Fixture       *f,
                        gconstpointer  data)
{
  DspWindow *window = f->window;
  g_autoptr(DspSimulator) se = dsp_simulator_new (40, 7, dsp_clock_now ());
  g_autoptr(DspSimulator) eu = dsp_simulator_new (40, 7, dsp_clock_now ());
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);
  DspSimulator *sims[] = { se, eu };
  const char *names[] = { "shop-se", "shop-eu" };
  SimDispute *twin;
  DspDisputeItem *in_se, *in_eu;
  GListModel *selection = dsp_window_get_disputes (window);

  for (guint i = 0; i < G_N_ELEMENTS (sims); i++)
    {
      g_autoptr(DspClient) client = NULL;

      g_assert_true (dsp_simulator_listen (sims[i], 0, NULL));
      client = dsp_client_new (dsp_simulator_get_base_url (sims[i]), NULL, DSP_SIMULATOR_DEMO_KEY, NULL);
      g_ptr_array_add (sources, dsp_source_new_for_client (client, names[i], NULL));
    }
  dsp_window_set_sources (window, sources, FALSE);
  test_wait_until (window_loaded, window, 20000);
  test_wait_until (refresh_done, window, 20000);
  g_assert_cmpuint (g_list_model_get_n_items (selection), ==, 80);

  twin = test_sim_find (eu, SIM_INITIATED, "EUR", 0);
  g_assert_nonnull (dsp_simulator_lookup_dispute (se, twin->id));
  in_se = find_shown (window, "shop-se", twin->id);
  in_eu = find_shown (window, "shop-eu", twin->id);

  /* Opening one opens that one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-dispute", "(ss)", "shop-eu", twin->id));
  g_assert_true (test_selected_item (selection) == (gpointer) in_eu);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-dispute", "(ss)", "shop-se", twin->id));
  g_assert_true (test_selected_item (selection) == (gpointer) in_se);

  /* Marked from the row's menu: only Shop EU's, while Shop SE's stays on screen. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-resolved", "(ss)", "shop-eu", twin->id));
  g_assert_cmpint (dsp_dispute_item_get_status (in_eu), ==, DSP_STATUS_RESOLVED);
  g_assert_cmpint (dsp_dispute_item_get_status (in_se), ==, DSP_STATUS_NEEDS_RESPONSE);
  g_assert_true (test_selected_item (selection) == (gpointer) in_se);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.unresolve", "(ss)", "shop-eu", twin->id));
  g_assert_cmpint (dsp_dispute_item_get_status (in_eu), ==, DSP_STATUS_NEEDS_RESPONSE);

  /* A notification's "Mark Resolved" and "Open" carry the store too. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "mark-resolved", dsp_dispute_ref_new ("shop-se", twin->id));
  g_assert_cmpint (dsp_dispute_item_get_status (in_se), ==, DSP_STATUS_RESOLVED);
  g_assert_cmpint (dsp_dispute_item_get_status (in_eu), ==, DSP_STATUS_NEEDS_RESPONSE);
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-dispute", dsp_dispute_ref_new ("shop-eu", twin->id));
  g_assert_true (test_selected_item (selection) == (gpointer) in_eu);
  test_wait_opened (window, "shop-eu", twin->id);

  /* A refund of the one on screen goes to its own store's order only. */
  {
    SimOrder *order_eu = dsp_simulator_lookup_order (eu, twin->order_id);
    SimOrder *order_se = dsp_simulator_lookup_order (se, twin->order_id);

    g_assert_cmpint (order_eu->refunded_amount, ==, 0);
    g_assert_cmpint (order_se->refunded_amount, ==, 0);
    refund_partly (window, "2,50");
    test_wait_until (refunded_by, order_eu, 20000);
    wait_for_sent (window, "Refund of €2.50 — Sent to Klarna");
    g_assert_cmpint (order_eu->refunded_amount, ==, 250);
    g_assert_cmpint (order_se->refunded_amount, ==, 0);
  }
  test_wait_until (refresh_done, window, 20000);
}

static GtkAdjustment *
list_adjustment (DspWindow *window)
{
  GtkWidget *scroller = gtk_widget_get_parent (GTK_WIDGET (test_template_child (window, DSP_TYPE_WINDOW, "list_view")));

  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
}

/* A large store's pages arrive in Klarna's order; the most urgent rows,
 * sorted in above, are what the owner sees: the list stays at its top. */
static void
test_stays_at_top (Fixture       *f,
                   gconstpointer  data)
{
  DspWindow *window = f->window;

  /* four pages: the most urgent arrive last, sorted in above */
  show_simulator (f, 400, 7);
  test_wait_until (refresh_done, window, 20000);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpfloat (gtk_adjustment_get_value (list_adjustment (window)), ==, 0);
}

static void
on_progress_label (GtkLabel   *label,
                   GParamSpec *pspec,
                   GPtrArray  *seen)
{
  if (gtk_widget_get_visible (GTK_WIDGET (label)))
    g_ptr_array_add (seen, g_strdup (gtk_label_get_label (label)));
}

static gboolean
starts_with (gconstpointer text,
             gconstpointer prefix)
{
  return g_str_has_prefix (text, prefix);
}

/* A first sync of more than a page says how far it has come, page by
 * page (pages further apart than the words' interval: said at most four
 * times a second), and says nothing once it is done. */
static void
test_sync_progress (Fixture       *f,
                    gconstpointer  data)
{
  DspWindow *window = f->window;
  GtkLabel *label = test_template_child (window, DSP_TYPE_WINDOW, "progress_label");
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(DspClient) client = NULL;

  g_signal_connect (label, "notify::label", G_CALLBACK (on_progress_label), seen);
  f->sim = dsp_simulator_new (250, 11, dsp_clock_now ());
  g_assert_true (dsp_simulator_listen (f->sim, 0, NULL));
  /* to look at it: pages that take their time */
  dsp_simulator_add_fault (f->sim, DSP_SIM_FAULT_DELAY, g_getenv ("DSP_SHOT_PROGRESS") ? 1500 : 300, 5,
                           "/v4/payment/disputes");
  client = dsp_client_new (dsp_simulator_get_base_url (f->sim), NULL, DSP_SIMULATOR_DEMO_KEY, NULL);
  dsp_window_set_client (window, client, TRUE);
  if (g_getenv ("DSP_SHOT_PROGRESS"))
    {
      while (seen->len < 2)
        g_main_context_iteration (NULL, TRUE);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      test_save_screenshot (GTK_WIDGET (window), "sync-progress.png");
    }
  test_wait_until (refresh_done, window, 20000);
  g_signal_handlers_disconnect_by_func (label, on_progress_label, seen);
  for (guint i = 0; i < seen->len; i++)
    g_test_message ("progress: %s", (char *) g_ptr_array_index (seen, i));
  /* (the time left comes once there is a pace to go by) */
  g_assert_true (g_ptr_array_find_with_equal_func (seen, "100 of 250 disputes", starts_with, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (seen, "200 of 250 disputes", starts_with, NULL));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (label)));
}

/* Each dispute opened is read from the top of its detail pane. */
static void
test_detail_from_top (Fixture       *f,
                      gconstpointer  data)
{
  DspWindow *window = f->window;
  GListModel *model = dsp_window_get_disputes (window);
  g_autoptr(DspDisputeItem) first = g_list_model_get_item (model, 0);
  g_autoptr(DspDisputeItem) second = g_list_model_get_item (model, 1);
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (adw_bin_get_child (ADW_BIN (dsp_window_get_detail (window))));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);

  g_assert_true (test_select_opened (window, dsp_dispute_item_get_source_id (first), dsp_dispute_item_get_id (first)));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) / 2);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  g_assert_true (test_select_opened (window, dsp_dispute_item_get_source_id (second), dsp_dispute_item_get_id (second)));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
}

/* Stored disputes show at once, with Klarna out of reach: quietly offline. */
static void
test_offline_start (Fixture       *f,
                    gconstpointer  data)
{
  DspWindow *window = f->window;
  g_autofree char *dir = g_dir_make_tmp ("disputes-offline-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "disputes.db", NULL);
  g_autofree char *cleanup = g_strdup_printf ("rm -rf '%s'", dir);
  g_autoptr(DspStore) store = dsp_store_new (path);
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(DspClient) dead = NULL;
  AdwWindowTitle *title = test_template_child (window, DSP_TYPE_WINDOW, "list_title");

  dsp_store_open_async (store, NULL, test_store_result, &opened);
  g_assert_true (dsp_store_open_finish (store, test_wait_result (&opened, 5000), NULL, NULL));
  {
    g_autoptr(DspSimulator) sim = dsp_simulator_new (25, 4, dsp_clock_now ());
    g_autoptr(DspClient) client = NULL;

    g_assert_true (dsp_simulator_listen (sim, 0, NULL));
    client = dsp_client_new (dsp_simulator_get_base_url (sim), NULL, DSP_SIMULATOR_DEMO_KEY, NULL);
    g_ptr_array_add (sources, dsp_source_new_for_client (client, "shop-1", store));
    dsp_window_set_sources (window, sources, FALSE);
    test_wait_until (window_loaded, window, 20000);
    g_assert_cmpuint (g_list_model_get_n_items (dsp_window_get_disputes (window)), ==, 25);
  }

  /* The simulator is gone: a new window session starts from the store.
   * (Not its port: another test running beside this one may have it now.) */
  dead = dsp_client_new ("http://127.0.0.1:9", NULL, DSP_SIMULATOR_DEMO_KEY, NULL);
  g_ptr_array_set_size (sources, 0);
  g_ptr_array_add (sources, dsp_source_new_for_client (dead, "shop-1", store));
  dsp_window_set_sources (window, sources, FALSE);
  test_wait_until (refresh_done, window, 20000);
  g_assert_cmpuint (g_list_model_get_n_items (dsp_window_get_disputes (window)), ==, 25);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (test_template_child (window, DSP_TYPE_WINDOW, "list_stack")), ==, "list");
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (title), "Offline"));
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (title), "Updated at"));

  dsp_window_set_sources (window, NULL, FALSE);
  g_clear_object (&store);
  g_spawn_command_line_sync (cleanup, NULL, NULL, NULL, NULL);
}

/* The reminder ladder and quiet hours are the owner's to set. */
static void
test_reminder_preferences (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  DspPreferencesWindow *prefs = dsp_preferences_window_new (GTK_WINDOW (f->window),
                                                            dsp_application_get_accounts (app));
  GtkSwitch *hour = g_object_get_data (G_OBJECT (prefs), "1 hour before");
  GtkSwitch *week = g_object_get_data (G_OBJECT (prefs), "7 days before");
  g_autoptr(GVariant) steps = NULL;
  gsize n = 0;
  const gint64 *values;

  gtk_window_present (GTK_WINDOW (prefs));
  g_assert_true (gtk_switch_get_active (week));
  g_assert_false (gtk_switch_get_active (hour));
  gtk_switch_set_active (hour, TRUE);
  gtk_switch_set_active (week, FALSE);
  steps = g_settings_get_value (settings, "reminder-steps");
  values = g_variant_get_fixed_array (steps, &n, sizeof (gint64));
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpint (values[0], ==, 259200);
  g_assert_cmpint (values[n - 1], ==, 3600);

  {
    AdwEntryRow *closing = test_template_child (prefs, DSP_TYPE_PREFERENCES_WINDOW, "closing_row");
    g_auto(GStrv) saved = NULL;

    gtk_editable_set_text (GTK_EDITABLE (closing), "2026-12-24, someday");
    g_signal_emit_by_name (closing, "apply");
    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (closing), "error"));
    /* and says why */
    {
      GtkLabel *why = test_template_child (prefs, DSP_TYPE_PREFERENCES_WINDOW, "closing_error");

      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (why)));
      g_assert_cmpstr (gtk_label_get_text (why), ==,
                       "“someday” is not a day. Write each day as year-month-day, such as 2026-12-24.");
    }
    gtk_editable_set_text (GTK_EDITABLE (closing), "2026-12-24, 2026-12-31");
    g_signal_emit_by_name (closing, "apply");
    g_assert_false (gtk_widget_get_visible (test_template_child (prefs, DSP_TYPE_PREFERENCES_WINDOW, "closing_error")));
    saved = g_settings_get_strv (settings, "closing-days");
    g_assert_cmpuint (g_strv_length (saved), ==, 2);
    g_settings_reset (settings, "closing-days");
  }
  adw_combo_row_set_selected (test_template_child (prefs, DSP_TYPE_PREFERENCES_WINDOW, "quiet_start_row"), 21);
  g_assert_cmpint (g_settings_get_int (settings, "quiet-start"), ==, 21);
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_settings_reset (settings, "reminder-steps");
  g_settings_reset (settings, "quiet-start");
}

static void
test_narrow_window (Fixture       *f,
                    gconstpointer  data)
{
  DspWindow *window = f->window;
  AdwLeaflet *leaflet = test_template_child (window, DSP_TYPE_WINDOW, "leaflet");
  g_autoptr(DspDisputeItem) first = NULL;

  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (adw_leaflet_get_folded (leaflet));

  first = g_list_model_get_item (dsp_window_get_disputes (window), 0);
  g_assert_true (test_select_opened (window, dsp_dispute_item_get_source_id (first), dsp_dispute_item_get_id (first)));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == test_template_child (window, DSP_TYPE_WINDOW, "content"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == test_template_child (window, DSP_TYPE_WINDOW, "sidebar"));
}

/* The list keeps its width whatever is opened or shown: it never moves
 * under the pointer. */
static void
test_sidebar_width (Fixture       *f,
                    gconstpointer  data)
{
  DspWindow *window = f->window;
  GListModel *model = dsp_window_get_disputes (window);
  GtkWidget *sidebar = test_template_child (window, DSP_TYPE_WINDOW, "sidebar");
  int width = -1;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  for (guint i = 0; i < g_list_model_get_n_items (model) && i < 12; i++)
    {
      g_autoptr(DspDisputeItem) item = g_list_model_get_item (model, i);

      g_assert_true (test_select_opened (window, dsp_dispute_item_get_source_id (item), dsp_dispute_item_get_id (item)));
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      if (width < 0)
        width = gtk_widget_get_width (sidebar);
      g_assert_cmpint (gtk_widget_get_width (sidebar), ==, width);
    }
  g_assert_cmpint (width, <, gtk_widget_get_width (GTK_WIDGET (window)) / 2);
}

static TestNotification *
find_notification (const char *summary_prefix)
{
  GPtrArray *seen = test_notify_server_seen ();

  for (guint i = seen->len; i-- > 0;)
    {
      TestNotification *n = g_ptr_array_index (seen, i);

      if (g_str_has_prefix (n->summary, summary_prefix))
        return n;
    }
  return NULL;
}

static gboolean
demo_notified (gpointer data)
{
  return find_notification (data) != NULL;
}

static const char *
action_key (TestNotification *n,
            const char       *label)
{
  for (guint i = 0; n->actions[i] && n->actions[i + 1]; i += 2)
    if (g_str_equal (n->actions[i + 1], label))
      return n->actions[i];
  return NULL;
}

static gboolean
item_resolved (gpointer data)
{
  DspDisputeItem *item = data;

  return dsp_dispute_item_get_resolved_at (item) != 0;
}

static gboolean
seen_more (gpointer data)
{
  return test_notify_server_seen ()->len > GPOINTER_TO_UINT (data);
}

static gboolean
notification_closed (gpointer data)
{
  GPtrArray *seen = test_notify_server_seen ();

  for (guint i = 0; i < seen->len; i++)
    {
      TestNotification *n = g_ptr_array_index (seen, i);

      if (n->id == ((TestNotification *) data)->id && !n->closed)
        return FALSE;
    }
  return TRUE;
}

/* Someone trying the demo sees what the app will tell them: opened, the demo
 * is quiet; a dispute that arrives comes as a notification marked as the
 * demo's, whose Mark Resolved works; leaving the demo takes it away, and no
 * dispute arrives once the demo is left. */
static void
test_demo_notification (Fixture       *f,
                        gconstpointer  data)
{
  DspWindow *window = f->window;
  GListModel *model = dsp_window_get_disputes (window);
  TestNotification *n;
  g_auto(GStrv) words = NULL;
  g_autofree char *order = NULL;
  g_autoptr(DspDisputeItem) item = NULL;
  guint before;

  g_action_group_activate_action (G_ACTION_GROUP (app), "demo", NULL);
  test_wait_until (window_loaded, window, 20000);
  test_spin (300);
  g_assert_null (find_notification ("Demo: "));    /* its 60 disputes are not news */
  before = g_list_model_get_n_items (model);

  g_assert_false (dsp_application_demo_arrival (app));
  test_wait_until (demo_notified, (gpointer) "Demo: New Klarna dispute — ", 20000);
  n = find_notification ("Demo: New Klarna dispute — ");
  g_test_message ("%s / %s", n->summary, n->body);
  g_assert_nonnull (action_key (n, "Open"));
  g_assert_nonnull (action_key (n, "Mark Resolved"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, before + 1);

  /* "Reason, order 10060. Respond by …": Mark Resolved marks that one */
  words = g_strsplit (n->body, " ", -1);
  for (guint i = 0; words[i] && words[i + 1] && order == NULL; i++)
    if (g_str_equal (words[i], "order"))
      order = g_strndup (words[i + 1], strlen (words[i + 1]) - 1);
  for (guint i = 0; i < g_list_model_get_n_items (model) && item == NULL; i++)
    {
      g_autoptr(DspDisputeItem) candidate = g_list_model_get_item (model, i);

      if (g_strcmp0 (dsp_dispute_item_get_reference (candidate), order) == 0)
        item = g_steal_pointer (&candidate);
    }
  g_assert_nonnull (item);
  test_notify_server_invoke (n->id, action_key (n, "Mark Resolved"));
  test_wait_until (item_resolved, item, 10000);

  /* another arrives; leaving the demo takes it off the desktop (a clicked one
   * is gone already), and nothing arrives after */
  before = test_notify_server_seen ()->len;
  g_assert_false (dsp_application_demo_arrival (app));
  test_wait_until (seen_more, GUINT_TO_POINTER (before), 20000);
  n = g_ptr_array_index (test_notify_server_seen (), before);
  g_assert_true (g_str_has_prefix (n->summary, "Demo: New Klarna dispute — "));
  /* GLib can close only a notification whose id the server has answered with */
  test_spin (300);
  g_action_group_activate_action (G_ACTION_GROUP (app), "leave-demo", NULL);
  test_wait_until (notification_closed, n, 10000);
  before = test_notify_server_seen ()->len;
  g_assert_false (dsp_application_demo_arrival (app));
  test_spin (500);
  g_assert_cmpuint (test_notify_server_seen ()->len, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  test_gtk_init (&argc, &argv);
  /* Stack transitions would otherwise freeze half-way in a snapshot. */
  g_object_set (gtk_settings_get_default (),
                "gtk-enable-animations", FALSE,
                "gtk-font-name", "Cantarell 11",
                NULL);

  test_notify_server_start (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
  app = test_application_new ();

#define ADD(path, func, data) g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)
  ADD ("/window/welcome", test_welcome, NO_ACCOUNT);
  ADD ("/window/demo-list-and-detail", test_demo_list_and_detail, NULL);
  ADD ("/window/mark-resolved", test_mark_resolved, NULL);
  ADD ("/window/row-menu", test_row_menu, NULL);
  ADD ("/window/refresh-keeps-selection", test_refresh_keeps_selection, NULL);
  ADD ("/window/countdown-ticks", test_countdown_ticks, NULL);
  ADD ("/window/error-state", test_error_state, NO_ACCOUNT);
  ADD ("/window/offline-start", test_offline_start, NO_ACCOUNT);
  ADD ("/window/reminder-preferences", test_reminder_preferences, NO_ACCOUNT);
  ADD ("/window/narrow", test_narrow_window, NARROW);
  ADD ("/window/settle", test_settle, NO_ACCOUNT);
  ADD ("/window/two-stores-one-id", test_two_stores_one_id, NO_ACCOUNT);
  ADD ("/window/stays-at-top", test_stays_at_top, NO_ACCOUNT);
  ADD ("/window/sync-progress", test_sync_progress, NO_ACCOUNT);
  ADD ("/window/detail-from-top", test_detail_from_top, NULL);
  ADD ("/window/demo-notification", test_demo_notification, NO_ACCOUNT);
  ADD ("/window/sidebar-width", test_sidebar_width, NULL);
#undef ADD

  status = g_test_run ();
  g_clear_object (&app);
  test_notify_server_stop ();
  return status;
}
