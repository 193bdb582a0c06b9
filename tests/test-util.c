/* test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "dsp-application.h"
#include "dsp-clock.h"
#include "dsp-json.h"
#include "dsp-simulator.h"
#include "dsp-time.h"
#include "dsp-window.h"
#include "test-util.h"

/* g_test_init() turns on every debug message; GIO's are only noise here
 * (DSP_DEBUG=1 brings them back). */
/* The app's clock reads TEST_NOW at the start and runs on at the real pace. */
void
test_clock_reset (void)
{
  dsp_clock_start_at (dsp_time_parse (TEST_NOW));
}

void
test_init (int    *argc,
           char ***argv)
{
  g_test_init (argc, argv, NULL);
  g_log_set_debug_enabled (g_getenv ("DSP_DEBUG") != NULL);
  test_clock_reset ();
}

void
test_gtk_init (int    *argc,
               char ***argv)
{
  gtk_test_init (argc, argv, NULL);
  g_log_set_debug_enabled (g_getenv ("DSP_DEBUG") != NULL);
  test_clock_reset ();
}

void
test_reply_free (TestReply *reply)
{
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_pointer (&reply->json, json_node_unref);
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_free (reply);
}

static gboolean
on_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins the main loop (where the simulator serves) until @done or the timeout. */
void
test_wait_until_at (const char *where,
                    gboolean  (*done) (gpointer data),
                    gpointer    data,
                    guint       timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, on_timeout, &timed_out);

  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  if (timed_out)
    g_test_message ("waited %u ms in vain at %s", timeout_ms, where);
  g_assert_false (timed_out);
}

/* Runs the main loop for @ms, whatever happens meanwhile. */
void
test_spin (guint ms)
{
  gboolean over = FALSE;

  g_timeout_add (ms, on_timeout, &over);
  while (!over)
    g_main_context_iteration (NULL, TRUE);
}

void
test_store_result (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static gboolean
slot_filled (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

gpointer
test_wait_result (GAsyncResult **slot,
                  guint          timeout_ms)
{
  test_wait_until (slot_filled, slot, timeout_ms);
  return *slot;
}

TestReply *
test_http (SoupSession *session,
           const char  *method,
           const char  *url,
           const char  *authorization,
           const char  *content_type,
           const char  *body,
           gsize        body_length)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TestReply *reply = g_new0 (TestReply, 1);
  gsize length = 0;
  const char *data;

  g_assert_nonnull (msg);
  if (authorization)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
  if (body)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, body_length);
      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, test_store_result, &result);
  test_wait_result (&result, 20000);
  reply->body = soup_session_send_and_read_finish (session, result, &error);
  g_assert_no_error (error);
  reply->status = soup_message_get_status (msg);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  data = g_bytes_get_data (reply->body, &length);
  if (length > 0)
    reply->json = dsp_json_parse (data, length, NULL);
  return reply;
}

JsonObject *
test_reply_object (TestReply *reply)
{
  g_assert_nonnull (reply->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply->json));
  return json_node_get_object (reply->json);
}

/* A named child of a widget's template, which must exist. */
gpointer
test_template_child (gpointer    widget,
                     GType       type,
                     const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return object;
}

typedef struct {
  DspWindow  *window;
  const char *source_id;
  const char *dispute_id;
} Opened;

static gboolean
is_opened (gpointer data)
{
  Opened *opened = data;
  DspDispute *shown = dsp_window_get_dispute (opened->window);

  return shown && dsp_dispute_is (shown, opened->source_id, opened->dispute_id);
}

/* The detail pane shows it: read whole from the store. */
void
test_wait_opened (gpointer    window,
             const char *source_id,
             const char *dispute_id)
{
  Opened opened = { window, source_id, dispute_id };

  test_wait_until (is_opened, &opened, 10000);
}

/* Selected, and open in the detail pane. */
gboolean
test_select_opened (gpointer    window,
               const char *source_id,
               const char *dispute_id)
{
  if (!dsp_window_select_dispute (window, source_id, dispute_id))
    return FALSE;
  test_wait_opened (window, source_id, dispute_id);
  return TRUE;
}

/* The newest window of @type (a dialog the app opened), or NULL. */
gpointer
test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  gpointer found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        found = window;
    }
  return found;
}

gboolean
test_toplevel_gone (gpointer data)
{
  return test_find_toplevel (GPOINTER_TO_SIZE (data)) == NULL;
}

/* Answers the confirmation on screen; returns its heading. */
char *
test_confirm (const char *response)
{
  AdwMessageDialog *dialog = test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  char *heading;

  g_assert_nonnull (dialog);
  heading = g_strdup (adw_message_dialog_get_heading (dialog));
  /* As a click on the button does: the answer, then the dialog closes. */
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  test_wait_until (test_toplevel_gone, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 5000);
  return heading;
}

typedef struct {
  gpointer    window;
  const char *text;
} ToastWait;

static gboolean
toast_shown (gpointer data)
{
  ToastWait *wait = data;

  return test_widget_says (test_template_child (wait->window, DSP_TYPE_WINDOW, "toast_overlay"), wait->text);
}

/* Until a toast of @window (a DspWindow) says @text. */
void
test_wait_toast_at (const char *where,
                    gpointer    window,
                    const char *text,
                    guint       timeout_ms)
{
  ToastWait wait = { window, text };

  test_wait_until_at (where, toast_shown, &wait, timeout_ms);
}

/* The one item selected in the window's list (a GtkMultiSelection), or NULL. */
gpointer
test_selected_item (gpointer model)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (model);
  g_autoptr(GObject) item = NULL;

  if (gtk_bitset_get_size (selected) != 1)
    return NULL;
  item = g_list_model_get_item (model, gtk_bitset_get_nth (selected, 0));
  return item;
}

/* Whether a label shown under @widget says @text. */
gboolean
test_widget_says (GtkWidget  *widget,
                  const char *text)
{
  if (!gtk_widget_get_visible (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (test_widget_says (child, text))
      return TRUE;
  return FALSE;
}

/* The @skip-th dispute of @sim in @state that an owner can still act on:
 * not of the 2020 framework; when INITIATED, evidence requested with an hour
 * or more left; when PRE_ARBITRATION, before the appeal deadline; and in
 * @currency when one is given. */
static void
note_gone (gpointer  data,
           GObject  *where_the_object_was)
{
  *(gboolean *) data = TRUE;
}

/* The store's file at @path as a failing disk leaves it: three pages in its
 * middle overwritten, its first pages whole (so it opens). */
void
test_damage_inside (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 64 * 4096);
  memset (contents + length / 2 / 4096 * 4096, 0xa5, 3 * 4096);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

/* Lets go of a store and waits until it is closed: its worker hands its
 * last references back through the main loop. */
void
test_store_close (gpointer store)
{
  gboolean gone = FALSE;

  g_object_weak_ref (store, note_gone, &gone);
  g_object_unref (store);
  while (!gone)
    g_main_context_iteration (NULL, TRUE);
}

SimDispute *
test_sim_find (DspSimulator *sim,
               SimState      state,
               const char   *currency,
               guint         skip)
{
  GPtrArray *all = dsp_simulator_get_disputes (sim);
  gint64 now = dsp_simulator_get_now (sim);

  for (guint i = 0; i < all->len; i++)
    {
      SimDispute *dispute = g_ptr_array_index (all, i);

      if (dispute->state != state || dispute->framework_2020 ||
          (state == SIM_INITIATED &&
           (dispute->rep_state != SIM_REP_EVIDENCE_REQUESTED || dispute->expires_at <= now + 3600)) ||
          (state == SIM_PRE_ARBITRATION && dispute->arbitration_expires_at <= now) ||
          (currency && g_strcmp0 (dispute->currency, currency) != 0))
        continue;
      if (skip-- == 0)
        return dispute;
    }
  g_assert_not_reached ();
}

/* tests/fixtures/@fixture, as the client would have parsed it. */
DspDispute *
test_dispute_load (const char  *fixture,
                   GError     **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", fixture, NULL);
  g_autofree char *data = NULL;
  gsize length;
  g_autoptr(JsonNode) root = NULL;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  root = dsp_json_parse (data, length, NULL);
  g_assert_nonnull (root);
  return dsp_dispute_new_from_json (json_node_get_object (root), error);
}

/* A dispute from JSON written in the test; it must parse. */
DspDispute *
test_dispute_new (const char *json)
{
  g_autoptr(JsonNode) root = dsp_json_parse (json, strlen (json), NULL);
  DspDispute *dispute;

  g_assert_nonnull (root);
  dispute = dsp_dispute_new_from_json (json_node_get_object (root), NULL);
  g_assert_nonnull (dispute);
  return dispute;
}

/* Renders @widget as the screen shows it, into DSP_SCREENSHOT_DIR (the build
 * directory), to be looked at. */
void
test_save_screenshot (GtkWidget  *widget,
                      const char *name)
{
  const char *dir = g_getenv ("DSP_SCREENSHOT_DIR");
  int width, height;
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  /* as drawn: a widget laid out anew is drawn with the next frame */
  for (guint i = 0; i < 40 && node == NULL; i++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      if (i > 0)
        test_spin (50);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  /* into the build directory: `build-aux/dev screenshot` copies it to README's */
  dir = dir ? dir : g_get_tmp_dir ();
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  path = g_path_is_absolute (name) ? g_strdup (name) : g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s (%d×%d)", path, width, height);
}

/* The application, registered on the test's bus, its store open: it then
 * shows the owner's accounts (none), and a test's window must not be emptied
 * by that half-way through. */
gpointer
test_application_new (void)
{
  g_autoptr(GError) error = NULL;
  DspApplication *app = dsp_application_new ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  while (dsp_application_get_store (app) == NULL)
    g_main_context_iteration (NULL, TRUE);
  return app;
}
