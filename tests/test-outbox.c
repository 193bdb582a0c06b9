/* test-outbox.c — actions for Klarna written down, sent once, retried, and
 * settled after a conflict; against the simulator and a real store on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#include "dsp-outbox.h"
#include "dsp-outbox-send.h"
#include "dsp-simulator.h"
#include "dsp-source.h"
#include "dsp-time.h"
#include "test-util.h"

#define PDF "%PDF-1.4\n% proof of delivery\n%%EOF\n"
#define NOW TEST_NOW
#define N_DISPUTES 120
#define SEED 11

typedef struct {
  DspSimulator *sim;
  char         *dir;
  char         *path;
  DspStore     *store;
  DspSource    *source;
  guint         finished;
} Fixture;

static DspStore *
open_store (const char *path)
{
  DspStore *store = dsp_store_new (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  dsp_store_open_async (store, NULL, test_store_result, &result);
  g_assert_true (dsp_store_open_finish (store, test_wait_result (&result, 10000), NULL, &error));
  g_assert_no_error (error);
  return store;
}

static void
on_finished (DspOutbox *outbox,
             DspAction *action,
             Fixture   *f)
{
  f->finished++;
}

static gboolean
outbox_loaded (gpointer data)
{
  return dsp_outbox_is_loaded (data);
}

/* The app as it starts: a store on disk, a source, its outbox read back. */
static void
start (Fixture *f)
{
  g_autoptr(DspClient) client = dsp_client_new (dsp_simulator_get_base_url (f->sim), NULL,
                                                DSP_SIMULATOR_DEMO_KEY, NULL);
  DspOutbox *outbox;

  dsp_client_set_backoff (client, 50, 1);
  f->store = open_store (f->path);
  f->source = dsp_source_new_for_client (client, "shop", f->store);
  outbox = dsp_source_get_outbox (f->source);
  dsp_outbox_set_backoff (outbox, 1, 2);
  g_signal_connect (outbox, "finished", G_CALLBACK (on_finished), f);
  test_wait_until (outbox_loaded, outbox, 10000);
}

/* As at a quit or a crash: whatever is in flight is dropped. */
static void
stop (Fixture *f)
{
  g_clear_object (&f->source);
  g_clear_object (&f->store);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->sim = dsp_simulator_new (N_DISPUTES, SEED, dsp_time_parse (NOW));
  g_assert_true (dsp_simulator_listen (f->sim, 0, NULL));
  f->dir = g_dir_make_tmp ("disputes-outbox-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "disputes.db", NULL);
  start (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *cleanup = g_strdup_printf ("rm -rf '%s'", f->dir);

  stop (f);
  g_clear_object (&f->sim);
  g_assert_cmpint (system (cleanup), ==, 0);
  g_free (f->dir);
  g_free (f->path);
}

static SimDispute *
find (Fixture  *f,
      SimState  state)
{
  return test_sim_find (f->sim, state, NULL, 0);
}

static gboolean
action_finished (gpointer data)
{
  return !dsp_action_is_open (data);
}

static DspAction *
submit (Fixture   *f,
        DspAction *action)
{
  dsp_outbox_submit (dsp_source_get_outbox (f->source), action);
  return action;
}

static DspAction *
evidence (SimDispute *dispute,
          const char *text)
{
  DspAction *action = dsp_action_new (DSP_ACTION_REPRESENT, "shop", dispute->id);
  g_autoptr(GBytes) pdf = g_bytes_new_static (PDF, strlen (PDF));

  action->text = g_strdup (text);
  action->currency = g_strdup (dispute->currency);
  g_ptr_array_add (action->files, dsp_action_file_new ("delivery.pdf", "application/pdf", pdf));
  return action;
}

static DspAction *
refund_action (SimDispute *dispute,
               gint64      amount)
{
  DspAction *action = dsp_action_new (DSP_ACTION_REFUND, "shop", dispute->id);

  action->order_id = g_strdup (dispute->order_id);
  action->amount = amount;
  action->currency = g_strdup (dispute->currency);
  return action;
}

/* The answer to a refund is lost after Klarna made it: the retry carries the
 * same key, and the customer is paid once. */
static void
test_refund_once (Fixture       *f,
                  gconstpointer  data)
{
  SimDispute *dispute = find (f, SIM_INITIATED);
  SimOrder *order = dsp_simulator_lookup_order (f->sim, dispute->order_id);
  gint64 before = order->refunded_amount;
  g_autoptr(DspAction) action = refund_action (dispute, 500);

  dsp_simulator_add_fault (f->sim, DSP_SIM_FAULT_LOSE_ANSWER, 0, 1, "/ordermanagement/");
  dsp_simulator_add_fault (f->sim, DSP_SIM_FAULT_DROP, 0, 1, "/ordermanagement/");
  submit (f, action);
  test_wait_until (action_finished, action, 20000);

  g_assert_cmpint (action->state, ==, DSP_ACTION_DONE);
  g_assert_cmpuint (action->attempts, ==, 2);
  g_assert_cmpint (order->refunded_amount, ==, before + 500);
  g_assert_cmpuint (f->finished, ==, 1);
}

static gboolean
answered (gpointer data)
{
  SimDispute *dispute = data;

  return dispute->state != SIM_INITIATED;
}

static gboolean
uploaded (gpointer data)
{
  DspAction *action = data;

  return ((DspActionFile *) g_ptr_array_index (action->files, 0))->attachment_id != NULL;
}


/* Quit while the evidence is on its way (Klarna takes it after we are gone):
 * on the next start the action is still there, sent again, and Klarna's 409
 * plus a re-read count it as done — evidence once, files uploaded once. */
static void
test_restart_mid_send (Fixture       *f,
                       gconstpointer  data)
{
  SimDispute *dispute = find (f, SIM_INITIATED);
  g_autoptr(DspAction) first = evidence (dispute, "Delivered on 3 November, signed for.");
  g_autoptr(GPtrArray) actions = NULL;
  DspAction *again;
  g_autofree char *represent = g_strdup_printf ("/v4/payment/disputes/%s/represent", dispute->id);

  dsp_simulator_add_fault (f->sim, DSP_SIM_FAULT_DELAY, 1500, 1, represent);
  submit (f, first);
  test_wait_until (uploaded, first, 10000);
  test_spin (300);  /* the answer is on its way, held by the server */
  g_assert_cmpint (first->state, ==, DSP_ACTION_SENDING);
  g_assert_cmpint (dispute->state, ==, SIM_INITIATED);
  stop (f);
  test_wait_until (answered, dispute, 10000);
  g_assert_cmpint (dispute->state, ==, SIM_REPRESENTMENT);

  start (f);
  actions = dsp_outbox_list_for (dsp_source_get_outbox (f->source), dispute->id);
  g_assert_cmpuint (actions->len, ==, 1);
  again = g_ptr_array_index (actions, 0);
  g_assert_cmpstr (again->text, ==, first->text);
  test_wait_until (action_finished, again, 20000);
  g_assert_cmpint (again->state, ==, DSP_ACTION_DONE);
  g_assert_cmpuint (dispute->evidence_attachments->len, ==, 1);
  g_assert_cmpstr (dispute->evidence_text, ==, "Delivered on 3 November, signed for.");
}

static gboolean
written_down (gpointer data)
{
  return ((DspAction *) data)->id != 0;
}

/* What the store's row for @action's file @position says: its contents'
 * length in the row, whether it is kept beside the store, its size. */
static void
stored_file (Fixture *f,
             gint64   action_id,
             guint    position,
             gint64   columns[3])
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT length (data), kept, size FROM outbox_files "
                                           "WHERE outbox_id = ?1 AND position = ?2", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, action_id);
  sqlite3_bind_int (stmt, 2, position);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  for (int i = 0; i < 3; i++)
    columns[i] = sqlite3_column_int64 (stmt, i);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* Evidence's files are kept beside the store, a file each (not in its
 * rows): written before anything is sent, never sent shortened after a
 * restart, swept when no row keeps them, gone with their action. */
static void
test_files_beside (Fixture       *f,
                   gconstpointer  data)
{
  SimDispute *dispute = find (f, SIM_INITIATED);
  g_autoptr(DspAction) first = evidence (dispute, "Delivered on 3 November, signed for.");
  g_autofree char *attachments = g_strdup_printf ("/v4/payment/disputes/%s/attachments", dispute->id);
  g_autofree char *dir = g_strconcat (f->path, "-evidence", NULL);
  g_autofree char *kept = NULL, *orphan = g_build_filename (dir, "99-0", NULL), *contents = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  gint64 row[3];
  DspAction *again;
  gsize length = 0;

  /* Klarna holds the upload: the action stays open over a restart */
  dsp_simulator_add_fault (f->sim, DSP_SIM_FAULT_DELAY, 3000, 1, attachments);
  submit (f, first);
  test_wait_until (written_down, first, 10000);
  kept = g_strdup_printf ("%s/%" G_GINT64_FORMAT "-0", dir, first->id);
  g_assert_true (g_file_get_contents (kept, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, PDF, strlen (PDF));
  stored_file (f, first->id, 0, row);
  g_assert_cmpint (row[0], ==, 0);
  g_assert_cmpint (row[1], ==, 1);
  g_assert_cmpint (row[2], ==, strlen (PDF));
  stop (f);

  /* a file left by a crash before its row; the kept one shortened */
  g_assert_true (g_file_set_contents (orphan, "%PDF-1.4", -1, NULL));
  g_assert_true (g_file_set_contents (kept, PDF, 12, NULL));
  dsp_simulator_clear_faults (f->sim);
  start (f);
  g_assert_false (g_file_test (orphan, G_FILE_TEST_EXISTS));
  actions = dsp_outbox_list_for (dsp_source_get_outbox (f->source), dispute->id);
  g_assert_cmpuint (actions->len, ==, 1);
  again = g_ptr_array_index (actions, 0);
  test_wait_until (action_finished, again, 20000);
  g_assert_cmpint (again->state, ==, DSP_ACTION_FAILED);
  g_assert_nonnull (strstr (again->message, "could not be read back"));
  g_assert_cmpuint (dispute->evidence_attachments->len, ==, 0);

  /* dismissed: the file goes with its row */
  g_assert_true (g_file_test (kept, G_FILE_TEST_EXISTS));
  dsp_store_delete_action_async (f->store, again->id, test_store_result, &result);
  g_assert_true (dsp_store_write_finish (f->store, test_wait_result (&result, 10000), NULL));
  g_assert_false (g_file_test (kept, G_FILE_TEST_EXISTS));
}

/* Klarna's state moved on: the owner is told so, plainly. */
static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  SimDispute *dispute = find (f, SIM_REPRESENTMENT);
  g_autoptr(DspAction) action = submit (f, dsp_action_new (DSP_ACTION_ACCEPT_LOSS, "shop", dispute->id));

  test_wait_until (action_finished, action, 20000);
  g_assert_cmpint (action->state, ==, DSP_ACTION_FAILED);
  g_assert_nonnull (strstr (action->message, "moved on"));
  g_assert_cmpint (dispute->state, ==, SIM_REPRESENTMENT);
}

/* A 400 carries Klarna's own words; nothing changes at Klarna. */
static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  SimDispute *dispute = find (f, SIM_INITIATED);
  g_autofree char *long_text = g_strnfill (5001, 'x');
  g_autoptr(DspAction) action = submit (f, evidence (dispute, long_text));
  g_autoptr(DspAction) accepted = NULL;

  test_wait_until (action_finished, action, 20000);
  g_assert_cmpint (action->state, ==, DSP_ACTION_FAILED);
  g_assert_nonnull (strstr (action->message, "5000"));
  g_assert_cmpint (dispute->state, ==, SIM_INITIATED);

  /* Accepting the loss is a different action and goes through. */
  accepted = submit (f, dsp_action_new (DSP_ACTION_ACCEPT_LOSS, "shop", dispute->id));
  test_wait_until (action_finished, accepted, 20000);
  g_assert_cmpint (accepted->state, ==, DSP_ACTION_DONE);
  g_assert_cmpint (dispute->state, ==, SIM_CLOSED);
}

static gboolean
is_sending (gpointer data)
{
  return ((DspAction *) data)->state == DSP_ACTION_SENDING;
}

/* The app at work, killed while a refund is on the wire (its Klarna dies with it). */
static void
test_crash_child (void)
{
  Fixture f = { 0 };
  g_autoptr(DspAction) action = NULL;
  g_autofree char *refunds = NULL;
  SimDispute *dispute;

  if (!g_test_subprocess ())
    {
      g_test_skip ("run by /outbox/crash-mid-send");
      return;
    }
  f.path = g_strdup (g_getenv ("DSP_TEST_STORE"));
  f.sim = dsp_simulator_new (N_DISPUTES, SEED, dsp_time_parse (NOW));
  g_assert_true (dsp_simulator_listen (f.sim, 0, NULL));
  start (&f);
  dispute = find (&f, SIM_INITIATED);
  refunds = g_strdup_printf ("/ordermanagement/v1/orders/%s/refunds", dispute->order_id);
  dsp_simulator_add_fault (f.sim, DSP_SIM_FAULT_DELAY, 5000, 1, refunds);
  action = submit (&f, refund_action (dispute, 700));
  test_wait_until (is_sending, action, 10000);
  test_spin (200);
  _exit (0);
}

/* A crash mid-send loses nothing: the next start sends it, once. */
static void
test_crash_mid_send (Fixture       *f,
                     gconstpointer  data)
{
  SimDispute *dispute = find (f, SIM_INITIATED);
  SimOrder *order = dsp_simulator_lookup_order (f->sim, dispute->order_id);
  gint64 before = order->refunded_amount;
  g_autoptr(GPtrArray) actions = NULL;
  DspAction *again;

  stop (f);
  g_setenv ("DSP_TEST_STORE", f->path, TRUE);
  g_test_trap_subprocess ("/outbox/crash-mid-send/child", 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_assert_cmpint (order->refunded_amount, ==, before);

  start (f);
  actions = dsp_outbox_list_for (dsp_source_get_outbox (f->source), dispute->id);
  g_assert_cmpuint (actions->len, ==, 1);
  again = g_ptr_array_index (actions, 0);
  g_assert_cmpint (again->kind, ==, DSP_ACTION_REFUND);
  g_assert_cmpint (again->amount, ==, 700);
  test_wait_until (action_finished, again, 20000);
  g_assert_cmpint (again->state, ==, DSP_ACTION_DONE);
  g_assert_cmpint (order->refunded_amount, ==, before + 700);
}

/* What the dispute read again after a 409 proves, for each kind, both ways. */
static void
test_took_effect (void)
{
  static const struct {
    const char    *fixture;
    const char    *json;
    DspActionKind  kind;
    gboolean       done;
  } cases[] = {
    { "representment.json", NULL, DSP_ACTION_REPRESENT, TRUE },    /* evidence is there */
    { "initiated.json", NULL, DSP_ACTION_REPRESENT, FALSE },       /* still asked for */
    { "arbitration.json", NULL, DSP_ACTION_APPEAL, TRUE },
    { NULL, "{\"payment_dispute_id\": \"d-1\", \"state\": \"ARBITRATION\"}", DSP_ACTION_APPEAL, TRUE },
    { NULL, "{\"payment_dispute_id\": \"d-2\", \"state\": \"PRE_ARBITRATION\", \"arbitration\": "
            "{\"arbitration_request\": {\"requested_at\": \"2026-11-24T10:00:00Z\"}}}", DSP_ACTION_APPEAL, TRUE },
    { "pre_arbitration.json", NULL, DSP_ACTION_APPEAL, FALSE },
    { "closed_lost.json", NULL, DSP_ACTION_ACCEPT_LOSS, TRUE },
    { NULL, "{\"payment_dispute_id\": \"d-3\", \"state\": \"CLOSED\", \"state_context\": {\"representment\": "
            "{\"state\": \"EVIDENCE_WAIVED\"}}}", DSP_ACTION_ACCEPT_LOSS, TRUE },
    { "closed_won.json", NULL, DSP_ACTION_ACCEPT_LOSS, FALSE },
    { NULL, "{\"payment_dispute_id\": \"d-4\", \"state\": \"PRE_ARBITRATION\", \"state_context\": "
            "{\"representment\": {\"state\": \"EVIDENCE_WAIVED\"}}}", DSP_ACTION_ACCEPT_LOSS, FALSE },
    { "closed_lost.json", NULL, DSP_ACTION_REFUND, FALSE },        /* a refund never shows here */
    { "representment.json", NULL, DSP_ACTION_REFUND, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DspDispute) after = cases[i].fixture ? test_dispute_load (cases[i].fixture, NULL)
                                                     : test_dispute_new (cases[i].json);

      g_test_message ("%s after %s", dsp_action_kind_to_string (cases[i].kind),
                      cases[i].fixture ? cases[i].fixture : cases[i].json);
      g_assert_cmpint (dsp_action_took_effect (cases[i].kind, after), ==, cases[i].done);
    }
}

/* The outbox's signals carry a DspAction that a handler may keep by copying it. */
static void
test_action_type (void)
{
  static const char *signals[] = { "changed", "progress", "finished" };
  g_autoptr(DspAction) action = dsp_action_new (DSP_ACTION_APPEAL, "shop", "d-1");
  g_auto(GValue) value = G_VALUE_INIT;
  DspAction *kept;

  g_assert_true (G_TYPE_IS_BOXED (DSP_TYPE_ACTION));
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    {
      GSignalQuery query;

      g_signal_query (g_signal_lookup (signals[i], DSP_TYPE_OUTBOX), &query);
      g_assert_cmpuint (query.n_params, >=, 1);
      g_assert_cmpuint (query.param_types[0] & ~G_SIGNAL_TYPE_STATIC_SCOPE, ==, DSP_TYPE_ACTION);
    }

  g_value_init (&value, DSP_TYPE_ACTION);
  g_value_set_boxed (&value, action);
  g_assert_true (g_value_get_boxed (&value) == action);
  kept = g_value_dup_boxed (&value);
  g_assert_true (kept == action);
  g_value_unset (&value);
  g_clear_pointer (&action, dsp_action_unref);
  /* still alive on the copy's reference */
  g_assert_cmpstr (kept->dispute_id, ==, "d-1");
  dsp_action_unref (kept);
}

int
main (int   argc,
      char *argv[])
{
  test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/outbox/refund-once", test_refund_once);
  ADD ("/outbox/restart-mid-send", test_restart_mid_send);
  ADD ("/outbox/files-beside", test_files_beside);
  ADD ("/outbox/conflict", test_conflict);
  ADD ("/outbox/validation", test_validation);
  ADD ("/outbox/crash-mid-send", test_crash_mid_send);
#undef ADD
  g_test_add_func ("/outbox/crash-mid-send/child", test_crash_child);
  g_test_add_func ("/outbox/took-effect", test_took_effect);
  g_test_add_func ("/outbox/action-type", test_action_type);

  return g_test_run ();
}
