/* test-triage.c — the real window's search, filters with counts, orders and
 * money at stake, over two stores (two simulators on one seed: the same ids
 * and order numbers in both), each answered by the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "dsp-application.h"
#include "dsp-clock.h"
#include "dsp-money.h"
#include "dsp-insight-window.h"
#include "dsp-query.h"
#include "dsp-query-bar.h"
#include "dsp-store-tally.h"
#include "dsp-sim-dispute.h"
#include "dsp-simulator.h"
#include "dsp-window.h"
#include "test-util.h"

#define PER_STORE 60
#define SEED 41

typedef struct {
  DspWindow    *window;
  DspSimulator *sims[2];
  GPtrArray    *picked;    /* disputes selected together, as (source id, dispute id) */
} Fixture;

static const char *stores[] = { "shop-1", "shop-2" };

/* The app's styles; each window has a list and a schedule of its own. */
static DspApplication *app;

static gboolean
idle (gpointer window)
{
  return !dsp_window_is_refreshing (window);
}

static gboolean
loaded (gpointer window)
{
  return idle (window) && g_list_model_get_n_items (dsp_window_get_disputes (window)) > 0;
}

static void
wait_idle (Fixture *f)
{
  test_wait_until (idle, f->window, 20000);
}

static void
open_window (Fixture *f)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);

  f->window = dsp_window_new (ADW_APPLICATION (app), NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 720);
  gtk_window_present (GTK_WINDOW (f->window));
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(DspClient) client = dsp_client_new (dsp_simulator_get_base_url (f->sims[i]), NULL,
                                                    DSP_SIMULATOR_DEMO_KEY, NULL);
      g_ptr_array_add (sources, dsp_source_new_for_client (client, stores[i], NULL));
    }
  dsp_window_set_sources (f->window, sources, FALSE);
  test_wait_until (loaded, f->window, 20000);
}

static void
close_window (Fixture *f)
{
  dsp_window_set_sources (f->window, NULL, FALSE);
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  const char *keys[] = { "list-group", "list-sort", "list-store", "list-reason" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
  for (guint i = 0; i < 2; i++)
    {
      f->sims[i] = dsp_simulator_new (PER_STORE, SEED, dsp_clock_now ());
      g_assert_true (dsp_simulator_listen (f->sims[i], 0, NULL));
    }
  open_window (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->window)
    close_window (f);
  for (guint i = 0; i < 2; i++)
    g_clear_object (&f->sims[i]);
  test_clock_reset ();
}

static gpointer
bar_child (Fixture    *f,
           const char *name)
{
  return test_template_child (test_template_child (f->window, DSP_TYPE_WINDOW, "query_bar"), DSP_TYPE_QUERY_BAR,
                              name);
}

static GListModel *
shown (Fixture *f)
{
  return dsp_window_get_disputes (f->window);
}

static DspDisputeItem *
item_at (Fixture *f,
         guint    position)
{
  DspDisputeItem *item = g_list_model_get_item (shown (f), position);

  /* the list holds it */
  g_object_unref (item);
  return item;
}

static guint
count_shown (Fixture    *f,
             const char *source_id,
             const char *dispute_id)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (shown (f)); i++)
    n += dsp_dispute_item_is (item_at (f, i), source_id, dispute_id);
  return n;
}

static void
on_search_changed (GtkSearchEntry *entry,
                   gboolean       *changed)
{
  *changed = TRUE;
}

static gboolean
flag_set (gpointer flag)
{
  return *(gboolean *) flag;
}

static void
search (Fixture    *f,
        const char *text)
{
  GtkSearchEntry *entry = bar_child (f, "search_entry");
  gboolean changed = FALSE;
  gulong handler = g_signal_connect (entry, "search-changed", G_CALLBACK (on_search_changed), &changed);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  /* as typed: the search starts, the store answers */
  test_wait_until (flag_set, &changed, 5000);
  g_signal_handler_disconnect (entry, handler);
  wait_idle (f);
}

/* "Needs your response (37)" → 37 */
static guint
count_in_label (Fixture *f,
                guint    position)
{
  GtkStringList *labels = GTK_STRING_LIST (gtk_drop_down_get_model (bar_child (f, "group_dropdown")));
  const char *label = gtk_string_list_get_string (labels, position);
  const char *open = strrchr (label, '(');

  g_assert_nonnull (open);
  return (guint) g_ascii_strtoull (open + 1, NULL, 10);
}

/* The "All" entry is the last. */
static guint
all_position (Fixture *f)
{
  return g_list_model_get_n_items (gtk_drop_down_get_model (bar_child (f, "group_dropdown"))) - 1;
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  DspDisputeItem *picked = NULL;
  g_autofree char *id = NULL, *reference = NULL, *amount = NULL;
  GtkSearchBar *bar = bar_child (f, "search_bar");
  gint64 minor;

  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 2 * PER_STORE);
  for (guint i = 0; i < g_list_model_get_n_items (shown (f)) && picked == NULL; i++)
    if (g_str_equal (dsp_dispute_item_get_source_id (item_at (f, i)), "shop-2") &&
        g_str_equal (dsp_dispute_item_get_currency (item_at (f, i)), "EUR") && i > 20)
      picked = item_at (f, i);
  g_assert_nonnull (picked);
  id = g_strdup (dsp_dispute_item_get_id (picked));
  reference = g_strdup (dsp_dispute_item_get_reference (picked));
  minor = dsp_dispute_item_get_amount (picked);
  amount = g_strdup_printf ("%" G_GINT64_FORMAT ",%02" G_GINT64_FORMAT, minor / 100, minor % 100);

  /* Ctrl+F opens the search */
  g_assert_false (gtk_search_bar_get_search_mode (bar));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
  g_assert_true (gtk_search_bar_get_search_mode (bar));

  /* four digits of the order number: found in both stores, and little else */
  search (f, reference + strlen (reference) - 4);
  g_assert_cmpuint (count_shown (f, "shop-1", id), ==, 1);
  g_assert_cmpuint (count_shown (f, "shop-2", id), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), <, 20);
  g_assert_cmpuint (count_in_label (f, all_position (f)), ==, g_list_model_get_n_items (shown (f)));

  /* Klarna's id: exactly the two */
  search (f, id);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 2);
  /* the amount as a German or Swedish owner types it */
  search (f, amount);
  g_assert_cmpuint (count_shown (f, "shop-2", id), ==, 1);
  /* nothing */
  search (f, "zzz-nothing-like-it");
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 0);

  /* Escape: the search closes and everything is back */
  g_signal_emit_by_name (bar_child (f, "search_entry"), "stop-search");
  g_assert_false (gtk_search_bar_get_search_mode (bar));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (bar_child (f, "search_entry"))), ==, "");
  wait_idle (f);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 2 * PER_STORE);
}

static gboolean
in_state (guint     position,
          DspStatus status)
{
  switch (position)
    {
    case 0: return status == DSP_STATUS_NEEDS_RESPONSE;
    case 1: return status == DSP_STATUS_IN_REVIEW || status == DSP_STATUS_APPEAL_REVIEW;
    case 2: return status == DSP_STATUS_PRELIMINARY_LOSS;
    case 3: return status == DSP_STATUS_RESOLVED;
    case 4: return status == DSP_STATUS_WON || status == DSP_STATUS_LOST || status == DSP_STATUS_CLOSED;
    default: return TRUE;
    }
}

static void
choose (Fixture    *f,
        const char *dropdown,
        guint       position)
{
  gtk_drop_down_set_selected (bar_child (f, dropdown), position);
  wait_idle (f);
}

/* How a change reached the list: the rows each emission added among the
 * top rows, the first one's, and the emissions. */
typedef struct {
  guint first;
  guint largest_later;
  guint emissions;
} Growth;

static void
on_grown (GListModel *model,
          guint       position,
          guint       removed,
          guint       added,
          Growth     *growth)
{
  if (growth->emissions++ == 0)
    growth->first = added;
  else if (position < 48)
    growth->largest_later = MAX (growth->largest_later, added);
}

/* A new answer among the top rows reaches the list a few rows a frame (a
 * view makes a widget for every new row it keeps: in one frame, that held
 * the window): its first ten, then a few at a time (ten at most) past the
 * rows a view at the top keeps, then the rest at once — and, idle, the list
 * is the whole answer. */
static void
test_reveal (Fixture       *f,
             gconstpointer  data)
{
  Growth growth = { 0 };
  gulong handler;

  choose (f, "group_dropdown", 0);
  handler = g_signal_connect (shown (f), "items-changed", G_CALLBACK (on_grown), &growth);
  choose (f, "group_dropdown", all_position (f));
  g_signal_handler_disconnect (shown (f), handler);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 2 * PER_STORE);
  g_assert_cmpuint (growth.first, ==, 10);
  g_assert_cmpuint (growth.largest_later, >, 0);
  g_assert_cmpuint (growth.largest_later, <=, 10);
  g_assert_cmpuint (growth.emissions, >=, 2);
}

/* Each state shows what its count says, and only that; a store; a reason. */
static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  guint total = count_in_label (f, all_position (f)), sum = 0;

  g_assert_cmpuint (total, ==, 2 * PER_STORE);
  for (guint position = 0; position < all_position (f); position++)
    {
      guint expected = count_in_label (f, position);

      choose (f, "group_dropdown", position);
      /* (an empty state shows its empty page, not rows) */
      g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, expected);
      for (guint i = 0; i < expected; i++)
        g_assert_true (in_state (position, dsp_dispute_item_get_status (item_at (f, i))));
      sum += expected;
    }
  g_assert_cmpuint (sum, <=, total);
  g_assert_cmpuint (count_in_label (f, 0), >, 0);

  choose (f, "group_dropdown", all_position (f));
  choose (f, "store_dropdown", 2);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, PER_STORE);
  for (guint i = 0; i < PER_STORE; i++)
    g_assert_cmpstr (dsp_dispute_item_get_source_id (item_at (f, i)), ==, "shop-2");

  choose (f, "reason_dropdown", 1);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), <, PER_STORE);
  for (guint i = 1; i < g_list_model_get_n_items (shown (f)); i++)
    g_assert_cmpstr (dsp_dispute_item_get_reason (item_at (f, i)), ==,
                     dsp_dispute_item_get_reason (item_at (f, 0)));
}

static void
assert_sorted (Fixture *f,
               guint    sort)
{
  guint n = g_list_model_get_n_items (shown (f));

  for (guint i = 1; i < n; i++)
    {
      DspDisputeItem *a = item_at (f, i - 1), *b = item_at (f, i);

      switch (sort)
        {
        case DSP_QUERY_SORT_URGENCY:
          g_assert_cmpint (dsp_dispute_item_get_urgency_group (a), <=, dsp_dispute_item_get_urgency_group (b));
          break;
        case DSP_QUERY_SORT_DEADLINE:
          if (dsp_dispute_item_get_deadline (b) != 0)
            g_assert_true (dsp_dispute_item_get_deadline (a) != 0 &&
                           dsp_dispute_item_get_deadline (a) <= dsp_dispute_item_get_deadline (b));
          break;
        case DSP_QUERY_SORT_AMOUNT:
          g_assert_cmpstr (dsp_dispute_item_get_currency (a), <=, dsp_dispute_item_get_currency (b));
          if (g_str_equal (dsp_dispute_item_get_currency (a), dsp_dispute_item_get_currency (b)))
            g_assert_cmpint (dsp_dispute_item_get_amount (a), >=, dsp_dispute_item_get_amount (b));
          break;
        case DSP_QUERY_SORT_NEWEST:
          g_assert_cmpint (dsp_dispute_item_get_created_at (a), >=, dsp_dispute_item_get_created_at (b));
          break;
        case DSP_QUERY_SORT_ORDER:
          g_assert_cmpstr (dsp_dispute_item_get_reference (a), <=, dsp_dispute_item_get_reference (b));
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  for (guint sort = DSP_QUERY_SORT_URGENCY; sort <= DSP_QUERY_SORT_ORDER; sort++)
    {
      choose (f, "sort_dropdown", sort);
      g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 2 * PER_STORE);
      assert_sorted (f, sort);
    }
  /* most urgent, the default: what is due first is at the top */
  choose (f, "sort_dropdown", DSP_QUERY_SORT_URGENCY);
  g_assert_cmpint (dsp_dispute_item_get_status (item_at (f, 0)), ==, DSP_STATUS_NEEDS_RESPONSE);
}

/* "SEK 1,234.00 and €56.78 in 9 disputes need your response; 2 are overdue." */
static void
test_stake (Fixture       *f,
            gconstpointer  data)
{
  GtkLabel *label = bar_child (f, "stake_label");
  g_autoptr(GHashTable) sums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *count = NULL, *overdue_text = NULL;
  guint n, overdue = 0;
  GHashTableIter iter;
  gpointer currency, sum;

  choose (f, "group_dropdown", 0);
  n = g_list_model_get_n_items (shown (f));
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      DspDisputeItem *item = item_at (f, i);
      gint64 *total = g_hash_table_lookup (sums, dsp_dispute_item_get_currency (item));

      if (total == NULL)
        g_hash_table_insert (sums, g_strdup (dsp_dispute_item_get_currency (item)), total = g_new0 (gint64, 1));
      *total += dsp_dispute_item_get_amount (item);
      overdue += dsp_dispute_item_get_deadline (item) < dsp_clock_now ();
    }
  g_test_message ("%s", gtk_label_get_text (label));
  count = g_strdup_printf (" in %u disputes need your response", n);
  g_assert_nonnull (strstr (gtk_label_get_text (label), count));
  g_hash_table_iter_init (&iter, sums);
  while (g_hash_table_iter_next (&iter, &currency, &sum))
    {
      g_autofree char *money = dsp_money_format (*(gint64 *) sum, currency);

      g_assert_nonnull (strstr (gtk_label_get_text (label), money));
    }
  if (overdue > 0)
    {
      overdue_text = g_strdup_printf ("; %u %s overdue.", overdue, overdue == 1 ? "is" : "are");
      g_assert_nonnull (strstr (gtk_label_get_text (label), overdue_text));
    }

  /* what Klarna reviews asks nothing of the owner */
  choose (f, "group_dropdown", 1);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "Nothing in this view needs your response.");
}

/* The state, order and store chosen are there again after a restart. */
static void
test_restart (Fixture       *f,
              gconstpointer  data)
{
  choose (f, "group_dropdown", 0);
  choose (f, "sort_dropdown", DSP_QUERY_SORT_AMOUNT);
  choose (f, "store_dropdown", 1);
  close_window (f);

  open_window (f);
  g_assert_cmpuint (gtk_drop_down_get_selected (bar_child (f, "group_dropdown")), ==, 0);
  g_assert_cmpuint (gtk_drop_down_get_selected (bar_child (f, "sort_dropdown")), ==, DSP_QUERY_SORT_AMOUNT);
  g_assert_cmpuint (gtk_drop_down_get_selected (bar_child (f, "store_dropdown")), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, count_in_label (f, 0));
  for (guint i = 0; i < g_list_model_get_n_items (shown (f)); i++)
    {
      g_assert_cmpint (dsp_dispute_item_get_status (item_at (f, i)), ==, DSP_STATUS_NEEDS_RESPONSE);
      g_assert_cmpstr (dsp_dispute_item_get_source_id (item_at (f, i)), ==, "shop-1");
    }
  assert_sorted (f, DSP_QUERY_SORT_AMOUNT);
}

/* A sync while a search is shown: the rows found stay (and stay selected),
 * and a new dispute the search finds joins them. */
static void
test_sync_while_searching (Fixture       *f,
                           gconstpointer  data)
{
  DspDisputeItem *first;
  g_autofree char *id = NULL;
  const char *added;

  search (f, "1");
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), >, 1);
  first = item_at (f, 1);
  id = g_strdup (dsp_dispute_item_get_id (first));
  g_assert_true (dsp_window_select_dispute (f->window, dsp_dispute_item_get_source_id (first), id));
  dsp_window_refresh (f->window);
  wait_idle (f);
  g_assert_cmpstr (dsp_dispute_item_get_id (test_selected_item (shown (f))),
                   ==, id);

  added = dsp_simulator_add_dispute (f->sims[1], "INCORRECT_AMOUNT");
  search (f, added);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 0);
  dsp_window_refresh (f->window);
  wait_idle (f);
  g_assert_cmpuint (count_shown (f, "shop-2", added), ==, 1);

  /* the counts follow */
  g_assert_cmpuint (count_in_label (f, all_position (f)), ==, 1);
}

/* @dispute as a sync brings it, in @state ("CLOSED", or its own for NULL). */
static GPtrArray *
news_of (Fixture    *f,
         SimDispute *dispute,
         const char *state)
{
  g_autoptr(JsonNode) node = sim_dispute_to_json (dispute, dsp_simulator_get_base_url (f->sims[0]));
  GPtrArray *page = g_ptr_array_new_with_free_func (g_object_unref);
  DspDispute *news;

  if (state)
    json_object_set_string_member (json_node_get_object (node), "state", state);
  news = dsp_dispute_new_from_json (json_node_get_object (node), NULL);
  g_assert_nonnull (news);
  dsp_dispute_set_source (news, stores[0], NULL);
  g_ptr_array_add (page, news);
  return page;
}

/* The view in the query's order, each dispute once. */
static void
assert_in_order (Fixture *f)
{
  DspDisputeList *list = DSP_DISPUTE_LIST (gtk_multi_selection_get_model (GTK_MULTI_SELECTION (shown (f))));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = g_list_model_get_n_items (shown (f));

  for (guint i = 0; i < n; i++)
    {
      DspDisputeItem *item = item_at (f, i);

      g_assert_true (g_hash_table_add (seen, dsp_tally_key (dsp_dispute_item_get_source_id (item),
                                                            dsp_dispute_item_get_id (item))));
      if (i > 0)
        g_assert_cmpint (dsp_query_compare (dsp_dispute_list_get_query (list), item_at (f, i - 1), item), <, 0);
    }
}

/* A sync's pages reach the view at most four times a second, the first at
 * once: those waiting are merged as one change, the latest news of a
 * dispute winning; the view stays in its order, each dispute in it once,
 * and whatever waits is in it when the sync ends. */
static void
test_sync_pages (Fixture       *f,
                 gconstpointer  data)
{
  DspDisputeList *list = DSP_DISPUTE_LIST (gtk_multi_selection_get_model (GTK_MULTI_SELECTION (shown (f))));
  SimDispute *dispute = test_sim_find (f->sims[0], SIM_INITIATED, NULL, 0);
  g_autoptr(GPtrArray) closed = news_of (f, dispute, "CLOSED");
  g_autoptr(GPtrArray) open = news_of (f, dispute, NULL);
  g_autoptr(GPtrArray) closed_again = news_of (f, dispute, "CLOSED");
  guint n;

  gtk_drop_down_set_selected (bar_child (f, "group_dropdown"), all_position (f));
  wait_idle (f);
  n = g_list_model_get_n_items (shown (f));
  g_assert_cmpint (dsp_dispute_item_get_status (dsp_dispute_list_lookup (list, stores[0], dispute->id)), ==,
                   DSP_STATUS_NEEDS_RESPONSE);
  test_spin (400);

  /* the first page at once */
  dsp_dispute_list_merge (list, NULL, closed);
  g_assert_cmpint (dsp_dispute_item_get_status (dsp_dispute_list_lookup (list, stores[0], dispute->id)), !=,
                   DSP_STATUS_NEEDS_RESPONSE);
  assert_in_order (f);
  /* the next ones wait, and only the latest news counts */
  dsp_dispute_list_merge (list, NULL, open);
  dsp_dispute_list_merge (list, NULL, closed_again);
  dsp_dispute_list_merge (list, NULL, open);
  g_assert_cmpint (dsp_dispute_item_get_status (dsp_dispute_list_lookup (list, stores[0], dispute->id)), !=,
                   DSP_STATUS_NEEDS_RESPONSE);
  dsp_dispute_list_flush (list);
  g_assert_cmpint (dsp_dispute_item_get_status (dsp_dispute_list_lookup (list, stores[0], dispute->id)), ==,
                   DSP_STATUS_NEEDS_RESPONSE);
  g_assert_cmpuint (count_shown (f, stores[0], dispute->id), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, n);
  assert_in_order (f);

  /* waiting out the interval does the same */
  dsp_dispute_list_merge (list, NULL, closed);
  dsp_dispute_list_merge (list, NULL, closed_again);
  test_spin (400);
  g_assert_cmpint (dsp_dispute_item_get_status (dsp_dispute_list_lookup (list, stores[0], dispute->id)), !=,
                   DSP_STATUS_NEEDS_RESPONSE);
  g_assert_cmpuint (count_shown (f, stores[0], dispute->id), ==, 1);
  assert_in_order (f);

  /* a real sync of both stores, pages and all: the same view */
  dsp_window_refresh (f->window);
  wait_idle (f);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, n);
  assert_in_order (f);
}

/* The chooser the export opened (GTK's own dialog: no portal here). */
static gboolean
chooser_shown (gpointer data)
{
  return test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

/* Export This View: the file has the view's rows, in its order. */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("disputes-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "view.csv", NULL);
  g_autofree char *csv = NULL, *expected = NULL;
  g_auto(GStrv) lines = NULL;
  guint needs = count_in_label (f, 0);
  GtkWidget *chooser;

  choose (f, "group_dropdown", 0);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, needs);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-view", NULL);
  test_wait_until (chooser_shown, NULL, 5000);
  chooser = test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  test_spin (500);
  test_save_screenshot (chooser, "export-chooser.png");
  {
    g_autoptr(GFile) folder = g_file_new_for_path (dir);

    g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL));
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "view.csv");
  }
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  expected = g_strdup_printf ("Exported %u disputes to view.csv", needs);
  test_wait_toast (f->window, expected, 10000);
  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  lines = g_strsplit (csv, "\r\n", -1);
  /* the header, a row each (no line breaks in the demo's cells), the end */
  g_assert_cmpuint (g_strv_length (lines), ==, needs + 2);
  for (guint i = 0; i < needs; i++)
    g_assert_nonnull (strstr (lines[i + 1], dsp_dispute_item_get_id (item_at (f, i))));
  g_unlink (path);
  g_rmdir (dir);
}

/* In "Needs your response": the marked have left it, the unmarked are in it. */
static gboolean
all_resolved (Fixture   *f,
              GPtrArray *picked,
              gboolean   resolved)
{
  for (guint i = 0; i < picked->len; i++)
    {
      GStrv ref = g_ptr_array_index (picked, i);

      if ((count_shown (f, ref[0], ref[1]) == 0) != resolved)
        return FALSE;
    }
  return TRUE;
}

static gboolean
all_back (gpointer data)
{
  Fixture *f = data;

  return all_resolved (f, f->picked, FALSE);
}

/* Several selected (Ctrl-click, Ctrl+A): marked resolved together, one Undo. */
static void
test_several (Fixture       *f,
              gconstpointer  data)
{
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (shown (f));
  GtkStack *detail = test_template_child (f->window, DSP_TYPE_WINDOW, "detail_stack");
  g_autoptr(GPtrArray) picked = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint needs = count_in_label (f, 0);
  guint positions[] = { 0, 2, 5 };
  g_autoptr(GtkBitset) all = NULL;

  choose (f, "group_dropdown", 0);
  /* as Ctrl-click does: each one added to the selection */
  for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
    {
      DspDisputeItem *item = item_at (f, positions[i]);
      const char *ref[] = { dsp_dispute_item_get_source_id (item), dsp_dispute_item_get_id (item), NULL };

      g_assert_cmpint (dsp_dispute_item_get_resolved_at (item), ==, 0);
      g_ptr_array_add (picked, g_strdupv ((GStrv) ref));
      g_assert_true (gtk_selection_model_select_item (selection, positions[i], i == 0));
    }
  g_assert_cmpstr (gtk_stack_get_visible_child_name (detail), ==, "several");
  g_assert_true (test_widget_says (GTK_WIDGET (detail), "3 Disputes Selected"));
  test_save_screenshot (GTK_WIDGET (f->window), "several-selected.png");
  /* Ctrl+D marks them all */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-resolved", NULL));
  g_assert_true (all_resolved (f, picked, TRUE));
  test_wait_toast (f->window, "3 disputes marked resolved", 5000);
  wait_idle (f);
  g_assert_cmpuint (count_in_label (f, 0), ==, needs - 3);
  /* one Undo (Ctrl+Z) takes all three back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  f->picked = picked;
  test_wait_until (all_back, f, 5000);
  wait_idle (f);
  g_assert_cmpuint (count_in_label (f, 0), ==, needs);
  /* Ctrl+A, the list's own binding: every row */
  gtk_widget_grab_focus (test_template_child (f->window, DSP_TYPE_WINDOW, "list_view"));
  g_assert_true (gtk_widget_activate_action (test_template_child (f->window, DSP_TYPE_WINDOW, "list_view"),
                                             "list.select-all", NULL));
  all = gtk_selection_model_get_selection (selection);
  g_assert_cmpuint (gtk_bitset_get_size (all), ==, needs);
  g_assert_cmpuint (gtk_bitset_get_size (all), ==, g_list_model_get_n_items (shown (f)));
}

static gboolean
insight_shown (gpointer data)
{
  DspInsightWindow *insight = test_find_toplevel (DSP_TYPE_INSIGHT_WINDOW);

  return insight && !dsp_insight_window_is_asking (insight);
}

/* Insight: what is at risk is what the open disputes hold, per currency;
 * the chart's weeks hold the disputes opened in them. */
static void
test_insight (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GArray) at_risk = g_array_new (FALSE, TRUE, sizeof (DspStake));
  g_autofree char *expected = NULL;
  DspInsightWindow *insight;
  guint open = 0;

  choose (f, "group_dropdown", all_position (f));
  for (guint i = 0; i < g_list_model_get_n_items (shown (f)); i++)
    {
      DspDisputeItem *item = item_at (f, i);
      DspStatus status = dsp_dispute_item_get_status (item);

      if (status == DSP_STATUS_WON || status == DSP_STATUS_LOST || status == DSP_STATUS_CLOSED)
        continue;
      dsp_stake_add (at_risk, dsp_dispute_item_get_currency (item), dsp_dispute_item_get_amount (item));
      open++;
    }
  dsp_stakes_sort (at_risk);
  expected = dsp_stakes_dup_text (at_risk);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.insight", NULL));
  test_wait_until (insight_shown, NULL, 10000);
  insight = test_find_toplevel (DSP_TYPE_INSIGHT_WINDOW);
  g_assert_true (test_widget_says (GTK_WIDGET (insight), expected));
  {
    g_autofree char *open_text = g_strdup_printf ("Withheld by Klarna in %u open disputes", open);

    g_assert_true (test_widget_says (GTK_WIDGET (insight), open_text));
  }
  test_save_screenshot (GTK_WIDGET (insight), "insight.png");
  /* all of it, to be looked at: by reason and by store below */
  gtk_window_set_default_size (GTK_WINDOW (insight), 600, 1500);
  test_spin (300);
  test_save_screenshot (GTK_WIDGET (insight), "insight-whole.png");
  gtk_window_destroy (GTK_WINDOW (insight));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  test_gtk_init (&argc, &argv);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  app = test_application_new ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/triage/search", test_search);
  ADD ("/triage/filters", test_filters);
  ADD ("/triage/reveal", test_reveal);
  ADD ("/triage/sort", test_sort);
  ADD ("/triage/stake", test_stake);
  ADD ("/triage/restart", test_restart);
  ADD ("/triage/sync-while-searching", test_sync_while_searching);
  ADD ("/triage/sync-pages", test_sync_pages);
  ADD ("/triage/export", test_export);
  ADD ("/triage/several", test_several);
  ADD ("/triage/insight", test_insight);
#undef ADD

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
