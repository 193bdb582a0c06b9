/* test-util.h — helpers shared by the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "dsp-dispute.h"
#include "dsp-simulator.h"

G_BEGIN_DECLS

/* Every test runs at this time, on the app's clock and every simulator's,
 * whatever the date: nothing may depend on today. */
#define TEST_NOW "2026-11-25T12:00:00Z"

typedef struct {
  guint               status;
  GBytes             *body;
  JsonNode           *json;
  SoupMessageHeaders *headers;
} TestReply;

void        test_init           (int          *argc,
                                 char       ***argv);
void        test_gtk_init       (int          *argc,
                                 char       ***argv);
void        test_clock_reset    (void);
void        test_reply_free     (TestReply    *reply);
TestReply  *test_http           (SoupSession  *session,
                                 const char   *method,
                                 const char   *url,
                                 const char   *authorization,
                                 const char   *content_type,
                                 const char   *body,
                                 gsize         body_length);
JsonObject *test_reply_object   (TestReply    *reply);
void        test_wait_until_at  (const char   *where,
                                 gboolean    (*done) (gpointer data),
                                 gpointer      data,
                                 guint         timeout_ms);
/* says where it timed out */
#define test_wait_until(done, data, timeout_ms) \
  test_wait_until_at (G_STRLOC, (done), (data), (timeout_ms))
void        test_spin           (guint          ms);
gpointer    test_wait_result    (GAsyncResult **slot,
                                 guint          timeout_ms);
void        test_store_result   (GObject       *source,
                                 GAsyncResult  *result,
                                 gpointer       user_data);
gpointer    test_template_child (gpointer       widget,
                                 GType          type,
                                 const char    *name);

gboolean    test_select_opened  (gpointer       window,
                                 const char    *source_id,
                                 const char    *dispute_id);
void        test_wait_opened    (gpointer       window,
                                 const char    *source_id,
                                 const char    *dispute_id);
gpointer    test_find_toplevel  (GType          type);
gboolean    test_toplevel_gone  (gpointer       type);
char       *test_confirm        (const char    *response);
gpointer    test_selected_item  (gpointer       model);
void        test_wait_toast_at  (const char    *where,
                                 gpointer       window,
                                 const char    *text,
                                 guint          timeout_ms);
#define test_wait_toast(window, text, timeout_ms) \
  test_wait_toast_at (G_STRLOC, (window), (text), (timeout_ms))
gboolean    test_widget_says    (GtkWidget     *widget,
                                 const char    *text);
void        test_store_close    (gpointer       store);
void        test_damage_inside  (const char    *path);
DspDispute *test_dispute_load   (const char    *fixture,
                                 GError       **error);
DspDispute *test_dispute_new    (const char    *json);
SimDispute *test_sim_find       (DspSimulator  *sim,
                                 SimState       state,
                                 const char    *currency,
                                 guint          skip);

gpointer    test_application_new (void);
void        test_save_screenshot (GtkWidget   *widget,
                                  const char  *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestReply, test_reply_free)

G_END_DECLS
