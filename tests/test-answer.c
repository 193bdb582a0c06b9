/* test-answer.c — the answer to Klarna in the real window: the checklist of
 * what Klarna needs for the dispute's reason, ticked as documents are added;
 * the answer kept as a draft in the store on disk across closing the dialog
 * and restarting (the row says "Draft"); discarded, or sent once and gone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "dsp-application.h"
#include "dsp-checklist-group.h"
#include "dsp-clock.h"
#include "dsp-dispute-row.h"
#include "dsp-evidence-dialog.h"
#include "dsp-simulator.h"
#include "dsp-store-draft.h"
#include "dsp-window.h"
#include "test-util.h"

#define N_DISPUTES 40
#define SEED 11

typedef struct {
  char         *dir;
  DspSimulator *sim;
  DspStore     *store;
  DspWindow    *window;
  SimDispute   *dispute;  /* not received: its checklist has three items */
} Fixture;

static DspApplication *app;

static gboolean
loaded (gpointer window)
{
  return !dsp_window_is_refreshing (window) && g_list_model_get_n_items (dsp_window_get_disputes (window)) > 0;
}

/* The app as it starts: its store opened from disk, the window on it. */
static void
start (Fixture *f)
{
  g_autofree char *path = g_build_filename (f->dir, "disputes.db", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(DspClient) client = dsp_client_new (dsp_simulator_get_base_url (f->sim), NULL, DSP_SIMULATOR_DEMO_KEY, NULL);

  f->store = dsp_store_new (path);
  dsp_store_open_async (f->store, NULL, test_store_result, &result);
  g_assert_true (dsp_store_open_finish (f->store, test_wait_result (&result, 10000), NULL, NULL));
  f->window = dsp_window_new (ADW_APPLICATION (app), NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 760);
  gtk_window_present (GTK_WINDOW (f->window));
  g_ptr_array_add (sources, dsp_source_new_for_client (client, "shop", f->store));
  dsp_window_set_sources (f->window, sources, FALSE);
  test_wait_until (loaded, f->window, 20000);
  g_assert_true (test_select_opened (f->window, "shop", f->dispute->id));
}

/* Quit: every window goes, and the store is let go of (closed). */
static void
stop (Fixture *f)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  dsp_window_set_sources (f->window, NULL, FALSE);
  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  f->window = NULL;
  test_store_close (g_steal_pointer (&f->store));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  GPtrArray *all;

  f->dir = g_dir_make_tmp ("disputes-answer-XXXXXX", NULL);
  f->sim = dsp_simulator_new (N_DISPUTES, SEED, dsp_clock_now ());
  g_assert_true (dsp_simulator_listen (f->sim, 0, NULL));
  all = dsp_simulator_get_disputes (f->sim);
  for (guint i = 0; i < all->len && f->dispute == NULL; i++)
    {
      SimDispute *candidate = g_ptr_array_index (all, i);

      if (candidate == test_sim_find (f->sim, SIM_INITIATED, NULL, 0) ||
          candidate == test_sim_find (f->sim, SIM_INITIATED, NULL, 1) ||
          candidate == test_sim_find (f->sim, SIM_INITIATED, NULL, 2))
        f->dispute = candidate;
    }
  g_assert_nonnull (f->dispute);
  f->dispute->reason = "PRODUCTS_OR_SERVICES_NOT_RECEIVED";
  dsp_simulator_dispute_changed (f->sim, f->dispute);
  start (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", f->dir);

  if (f->window)
    stop (f);
  g_clear_object (&f->sim);
  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
  g_free (f->dir);
  test_clock_reset ();
}

static gpointer
child (gpointer    dialog,
       const char *name)
{
  return test_template_child (dialog, DSP_TYPE_EVIDENCE_DIALOG, name);
}

static DspEvidenceDialog *
open_answer (Fixture *f)
{
  DspEvidenceDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "dispute.respond", NULL));
  dialog = test_find_toplevel (DSP_TYPE_EVIDENCE_DIALOG);
  g_assert_nonnull (dialog);
  /* the draft, read back from the store before anything can be typed */
  while (!gtk_widget_get_sensitive (gtk_window_get_child (GTK_WINDOW (dialog))) ||
         gtk_widget_get_width (GTK_WIDGET (dialog)) == 0)
    g_main_context_iteration (NULL, TRUE);
  test_spin (500);
  return dialog;
}

static char *
answer_text (DspEvidenceDialog *dialog)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (child (dialog, "text_view"));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The checklist's rows: their checks, in order. */
static GPtrArray *
checks (DspEvidenceDialog *dialog)
{
  GPtrArray *found = g_ptr_array_new ();
  GtkWidget *group = child (dialog, "checklist_group");
  GtkWidget *stack[64];
  guint depth = 0;

  stack[depth++] = group;
  while (depth > 0)
    {
      GtkWidget *widget = stack[--depth];
      GtkWidget *children[64];
      guint n = 0;

      if (GTK_IS_CHECK_BUTTON (widget))
        g_ptr_array_add (found, widget);
      for (GtkWidget *c = gtk_widget_get_first_child (widget); c && n < 64; c = gtk_widget_get_next_sibling (c))
        children[n++] = c;
      while (n > 0 && depth < 64)
        stack[depth++] = children[--n];
    }
  return found;
}

static gboolean
file_added (gpointer dialog)
{
  return dsp_evidence_dialog_get_n_files (dialog) > 0 && gtk_widget_get_sensitive (child (dialog, "send_button"));
}

/* The row in the list for the dispute says "Draft" (or not). */
static gboolean
row_says_draft (Fixture *f)
{
  return test_widget_says (test_template_child (f->window, DSP_TYPE_WINDOW, "list_view"), "Draft");
}

static gboolean
draft_row_shown (gpointer f)
{
  return row_says_draft (f);
}

static gboolean
draft_row_gone (gpointer f)
{
  return !row_says_draft (f);
}

static DspDraft *
stored_draft (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DspDraft *draft;

  dsp_store_load_draft_async (f->store, "shop", f->dispute->id, NULL, test_store_result, &result);
  draft = dsp_store_load_draft_finish (f->store, test_wait_result (&result, 10000), &error);
  g_assert_no_error (error);
  return draft;
}

static void
test_checklist_and_draft (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *pdf_path = g_build_filename (f->dir, "proof of delivery.pdf", NULL);
  g_autoptr(GFile) pdf = g_file_new_for_path (pdf_path);
  DspEvidenceDialog *dialog;
  g_autoptr(GPtrArray) ticks = NULL;
  g_autoptr(DspDraft) kept = NULL;
  g_autofree char *text = NULL, *heading = NULL;

  g_assert_true (g_file_set_contents (pdf_path, "%PDF-1.4\n% signed by the customer\n%%EOF\n", -1, NULL));
  dialog = open_answer (f);
  g_assert_false (row_says_draft (f));
  /* what Klarna needs for a parcel not received, nothing covered yet */
  ticks = checks (dialog);
  g_assert_cmpuint (ticks->len, ==, 3);
  for (guint i = 0; i < ticks->len; i++)
    g_assert_false (gtk_check_button_get_active (g_ptr_array_index (ticks, i)));
  g_assert_cmpstr (dsp_checklist_group_get_title (child (dialog, "checklist_group"), "delivery"), ==, "Proof of delivery");
  test_save_screenshot (GTK_WIDGET (dialog), "answer-checklist.png");

  /* a document for "Proof of delivery" ticks it, and says what it shows */
  dsp_evidence_dialog_add_file_for (dialog, pdf, "delivery");
  test_wait_until (file_added, dialog, 5000);
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (ticks, 1)));
  g_assert_false (gtk_widget_get_sensitive (g_ptr_array_index (ticks, 1)));
  /* the tracking number, said in the answer, ticked by hand */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (child (dialog, "text_view")),
                            "Sent with DHL, tracking 00340434161094012345, delivered 3 November.", -1);
  gtk_check_button_set_active (g_ptr_array_index (ticks, 0), TRUE);
  gtk_editable_set_text (child (dialog, "proposed_row"), "5");
  test_wait_until (draft_row_shown, f, 5000);
  test_save_screenshot (GTK_WIDGET (dialog), "answer-draft.png");

  /* closed: kept in the store at once, and the row still says so */
  gtk_window_close (GTK_WINDOW (dialog));
  test_wait_until (test_toplevel_gone, GSIZE_TO_POINTER (DSP_TYPE_EVIDENCE_DIALOG), 5000);
  kept = stored_draft (f);
  g_assert_nonnull (kept);
  g_assert_cmpuint (kept->files->len, ==, 1);
  g_assert_cmpstr (((DspDraftFile *) g_ptr_array_index (kept->files, 0))->file->description, ==, "Proof of delivery");
  g_assert_cmpstr (kept->refund, ==, "5");
  g_assert_cmpstr (kept->ticked[0], ==, "tracking");
  g_assert_true (row_says_draft (f));
  test_save_screenshot (GTK_WIDGET (f->window), "answer-draft-row.png");

  /* the app restarted: the row says "Draft" from the store, the dialog has it all */
  stop (f);
  start (f);
  test_wait_until (draft_row_shown, f, 5000);
  dialog = open_answer (f);
  text = answer_text (dialog);
  g_assert_cmpstr (text, ==, "Sent with DHL, tracking 00340434161094012345, delivered 3 November.");
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, "proposed_row")), ==, "5");
  g_assert_cmpuint (dsp_evidence_dialog_get_n_files (dialog), ==, 1);
  g_clear_pointer (&ticks, g_ptr_array_unref);
  ticks = checks (dialog);
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (ticks, 0)));
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (ticks, 1)));
  g_assert_false (gtk_check_button_get_active (g_ptr_array_index (ticks, 2)));
  g_assert_true (gtk_widget_get_visible (child (dialog, "draft_group")));

  /* sent, asked once as ever — the confirmation names what is not covered — and the draft goes */
  g_signal_emit_by_name (child (dialog, "send_button"), "clicked");
  {
    AdwMessageDialog *question = test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

    g_assert_nonnull (question);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "Not covered yet: Delivery address."));
  }
  heading = test_confirm ("confirm");
  g_assert_cmpstr (heading, ==, "Send Evidence to Klarna?");
  test_wait_until (draft_row_gone, f, 5000);
  test_wait_until (test_toplevel_gone, GSIZE_TO_POINTER (DSP_TYPE_EVIDENCE_DIALOG), 5000);
  g_clear_pointer (&kept, dsp_draft_free);
  for (guint i = 0; i < 50 && (kept = stored_draft (f)) != NULL; i++)
    {
      g_clear_pointer (&kept, dsp_draft_free);
      test_spin (100);
    }
  g_assert_null (kept);
}

/* Discarded: gone from the dialog, the row and the store. */
static void
test_discard (Fixture       *f,
              gconstpointer  data)
{
  DspEvidenceDialog *dialog = open_answer (f);
  g_autoptr(DspDraft) kept = NULL;
  g_autofree char *text = NULL;

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (child (dialog, "text_view")), "A first try.", -1);
  test_wait_until (draft_row_shown, f, 5000);
  /* a second later it is in the store, and the dialog says since when */
  while (!gtk_widget_get_visible (child (dialog, "draft_group")))
    g_main_context_iteration (NULL, TRUE);
  test_save_screenshot (GTK_WIDGET (dialog), "answer-kept.png");
  g_signal_emit_by_name (child (dialog, "discard_button"), "clicked");
  test_wait_until (draft_row_gone, f, 5000);
  text = answer_text (dialog);
  g_assert_cmpstr (text, ==, "");
  gtk_window_close (GTK_WINDOW (dialog));
  kept = stored_draft (f);
  g_assert_null (kept);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  test_gtk_init (&argc, &argv);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  app = test_application_new ();

  g_test_add ("/answer/checklist-and-draft", Fixture, NULL, fixture_setup, test_checklist_and_draft, fixture_teardown);
  g_test_add ("/answer/discard", Fixture, NULL, fixture_setup, test_discard, fixture_teardown);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
