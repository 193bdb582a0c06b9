/* test-locale.c — the real window in German or Swedish (LC_ALL, one language a run)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "dsp-application.h"
#include "dsp-clock.h"
#include "dsp-dispute-detail.h"
#include "dsp-simulator.h"
#include "dsp-window.h"
#include "test-util.h"

static DspApplication *app;

/* What each shipped language says where English would say it. */
typedef struct {
  const char *language;
  const char *needs_response;   /* the state of the most urgent row */
  const char *due_prefix;       /* its deadline in the detail pane */
  const char *and;              /* joins the money at risk */
  const char *decimal;          /* "344,94" */
} Language;

static const Language languages[] = {
  { "de", "Antwort erforderlich", "Antwort war fällig am ", " und ", "," },
  { "sv", "Behöver ditt svar", "Svarsfristen gick ut ", " och ", "," },
};

/* Words of the English strings that must not show through. */
static const char *english[] = { "Respond", "Response", " due ", " left", "Overdue", " hours", " days",
                                 " and ", "dispute", "Order " };

static const Language *
current_language (void)
{
  const char *locale = setlocale (LC_MESSAGES, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_str_has_prefix (locale, languages[i].language))
      return &languages[i];
  g_error ("the suite runs this test in German or Swedish, not in %s", locale);
  return NULL;
}

static gboolean
window_loaded (gpointer data)
{
  DspWindow *window = data;

  return !dsp_window_is_refreshing (window) && g_list_model_get_n_items (dsp_window_get_disputes (window)) > 0;
}

static gboolean
opened (gpointer data)
{
  return dsp_window_get_dispute (data) != NULL;
}

static void
assert_no_english (const char *where,
                   const char *text)
{
  g_test_message ("%s: %s", where, text);
  for (guint i = 0; i < G_N_ELEMENTS (english); i++)
    if (strstr (text, english[i]))
      g_error ("%s mixes in English (“%s”): %s", where, english[i], text);
}

/* Every state pill in the list shows whole: none is cut off with "…". */
static guint
count_whole_pills (GtkWidget *widget)
{
  guint n = 0;

  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "status-pill") && gtk_widget_get_mapped (widget))
    {
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))));
      n++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_whole_pills (child);
  return n;
}

static void
test_window (void)
{
  const Language *language = current_language ();
  DspWindow *window = dsp_window_new (ADW_APPLICATION (app), dsp_application_get_refresher (app));
  g_autoptr(DspSimulator) sim = dsp_simulator_new (60, 2026, dsp_clock_now ());
  g_autoptr(DspClient) client = NULL;
  g_autoptr(DspDisputeItem) first = NULL;
  g_autoptr(GDateTime) deadline = NULL;
  g_autofree char *month = NULL, *amount = NULL, *shot = NULL, *status = NULL;
  DspDisputeDetail *detail;
  const char *due, *stake;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (dsp_simulator_listen (sim, 0, NULL));
  client = dsp_client_new (dsp_simulator_get_base_url (sim), NULL, DSP_SIMULATOR_DEMO_KEY, NULL);
  dsp_window_set_client (window, client, TRUE);
  test_wait_until (window_loaded, window, 20000);

  first = g_list_model_get_item (dsp_window_get_disputes (window), 0);
  g_assert_true (dsp_window_select_dispute (window, dsp_dispute_item_get_source_id (first),
                                            dsp_dispute_item_get_id (first)));
  test_wait_until (opened, window, 10000);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* the row's state and amount, in the language and its number format */
  status = dsp_dispute_item_dup_status_label (first);
  g_assert_cmpstr (status, ==, language->needs_response);
  amount = dsp_dispute_item_dup_amount_label (first);
  g_assert_nonnull (strstr (amount, language->decimal));

  /* the deadline: the language's words around the language's date */
  detail = dsp_window_get_detail (window);
  due = gtk_label_get_text (test_template_child (detail, DSP_TYPE_DISPUTE_DETAIL, "deadline_label"));
  deadline = g_date_time_new_from_unix_local (dsp_dispute_item_get_deadline (first));
  month = g_date_time_format (deadline, "%B");
  g_assert_true (g_str_has_prefix (due, language->due_prefix));
  g_assert_nonnull (strstr (due, month));
  assert_no_english ("deadline", due);

  /* the money at risk: amounts as the language writes them, joined in it */
  stake = gtk_label_get_text (test_template_child (test_template_child (window, DSP_TYPE_WINDOW, "query_bar"),
                                                   g_type_from_name ("DspQueryBar"), "stake_label"));
  g_assert_nonnull (strstr (stake, language->and));
  assert_no_english ("money at risk", stake);

  g_assert_cmpuint (count_whole_pills (test_template_child (window, DSP_TYPE_WINDOW, "list_view")), >, 3);

  shot = g_strdup_printf ("main-%s.png", language->language);
  test_save_screenshot (GTK_WIDGET (window), shot);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  test_gtk_init (&argc, &argv);
  /* gtk_test_init() pins en_US; this test is about the language it runs in */
  g_assert_nonnull (setlocale (LC_ALL, ""));
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DSP_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* the desktop's default font, as the app gets it here: the widest text is the test */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  app = test_application_new ();

  g_test_add_func ("/locale/window", test_window);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
