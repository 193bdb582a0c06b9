/* dsp-outbox-send.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-outbox"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-outbox-send.h"

G_DEFINE_QUARK (dsp-outbox-send-error-quark, dsp_outbox_send_error)

typedef struct {
  DspClient         *client;
  DspStore          *store;
  DspAction         *action;
  DspActionProgress  progress;
  gpointer           progress_data;
  guint              next_file;
} Send;

static void
send_free (Send *send)
{
  g_object_unref (send->client);
  g_clear_object (&send->store);
  dsp_action_unref (send->action);
  g_free (send);
}

/* Whether @after, the dispute read again after a 409, shows that an action
 * of @kind already took effect. A refund never counts: the dispute does not
 * show it, and its idempotency key already keeps a retry from paying twice. */
gboolean
dsp_action_took_effect (DspActionKind  kind,
                        DspDispute    *after)
{
  const char *state = dsp_dispute_get_state (after);

  switch (kind)
    {
    case DSP_ACTION_ACCEPT_LOSS:
      return g_strcmp0 (state, "CLOSED") == 0 &&
             (g_strcmp0 (dsp_dispute_get_representment_state (after), "EVIDENCE_WAIVED") == 0 ||
              g_strcmp0 (dsp_dispute_get_outcome (after), "LOST") == 0);
    case DSP_ACTION_REPRESENT:
      return dsp_dispute_get_partner_evidence (after) != NULL;
    case DSP_ACTION_APPEAL:
      return dsp_dispute_get_appeal (after) != NULL || g_strcmp0 (state, "ARBITRATION") == 0;
    case DSP_ACTION_REFUND:
    default:
      return FALSE;
    }
}

static void
on_reread (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Send *send = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(DspDispute) dispute = dsp_client_get_dispute_finish (DSP_CLIENT (source), result, &error);
  g_autofree char *status = NULL;

  if (dispute == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (dsp_action_took_effect (send->action->kind, dispute))
    {
      g_debug ("Klarna already had action %" G_GINT64_FORMAT, send->action->id);
      g_task_return_boolean (task, TRUE);
      return;
    }
  status = dsp_dispute_dup_status_label (dispute, FALSE);
  g_task_return_new_error (task, DSP_OUTBOX_SEND_ERROR, DSP_OUTBOX_SEND_ERROR_STATE_CHANGED,
                           /* Translators: %s is where the dispute stands now, e.g. “In review at Klarna” */
                           _("Klarna did not take it: the dispute has moved on and is now “%s”."), status);
}

/* The end of any call (takes @owned_task and @error): a conflict is settled
 * by reading the dispute again. */
static void
finish_call (GTask  *owned_task,
             GError *error)
{
  g_autoptr(GTask) task = owned_task;
  Send *send = g_task_get_task_data (task);

  if (g_error_matches (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_CONFLICT))
    {
      /* Read before the steal: arguments are evaluated in no set order. */
      GCancellable *cancellable = g_task_get_cancellable (task);

      g_error_free (error);
      dsp_client_get_dispute_async (send->client, send->action->dispute_id, cancellable,
                                    on_reread, g_steal_pointer (&task));
      return;
    }
  if (error)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_refunded (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autofree char *refund_id = dsp_client_refund_finish (DSP_CLIENT (source), result, &error);

  finish_call (g_steal_pointer (&task), error);
}

static void
on_dispute_call (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* accept-loss, represent and appeal all complete with a boolean */
  g_task_propagate_boolean (G_TASK (result), &error);
  finish_call (g_steal_pointer (&task), error);
}

static void
collect_files (DspAction  *action,
               GPtrArray **ids,
               GPtrArray **descriptions)
{
  *ids = g_ptr_array_new ();
  *descriptions = g_ptr_array_new ();
  for (guint i = 0; i < action->files->len; i++)
    {
      DspActionFile *file = g_ptr_array_index (action->files, i);

      g_ptr_array_add (*ids, file->attachment_id);
      g_ptr_array_add (*descriptions, file->description ? file->description : file->name);
    }
}

/* submit_evidence, upload_next and send_evidence take the caller's reference
 * to @task and hand it to the next call. */
static void
submit_evidence (GTask *task)
{
  Send *send = g_task_get_task_data (task);
  DspAction *action = send->action;
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GPtrArray) ids = NULL, descriptions = NULL;

  collect_files (action, &ids, &descriptions);
  if (action->kind == DSP_ACTION_REPRESENT)
    dsp_client_represent_async (send->client, action->dispute_id, action->text, ids, descriptions,
                                action->amount, cancellable, on_dispute_call, task);
  else
    dsp_client_appeal_async (send->client, action->dispute_id, action->text, ids, descriptions,
                             cancellable, on_dispute_call, task);
}

static void upload_next (GTask *task);

static void
on_stored_attachment (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!dsp_store_write_finish (DSP_STORE (source), result, &error))
    g_warning ("An uploaded file's receipt was not saved: %s", error->message);
}

static void
on_uploaded (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Send *send = g_task_get_task_data (task);
  GError *error = NULL;
  char *id = dsp_client_upload_attachment_finish (DSP_CLIENT (source), result, &error);
  DspActionFile *file = g_ptr_array_index (send->action->files, send->next_file);

  if (id == NULL)
    {
      finish_call (g_steal_pointer (&task), error);
      return;
    }
  file->attachment_id = id;
  /* Klarna has it: a retry after a crash does not upload it again. */
  if (send->store && send->action->id != 0)
    dsp_store_set_attachment_async (send->store, send->action->id, send->next_file, id,
                                    on_stored_attachment, NULL);
  send->next_file++;
  upload_next (g_steal_pointer (&task));
}

static void
on_upload_progress (goffset  sent,
                    goffset  total,
                    gpointer user_data)
{
  Send *send = user_data;
  double part = total > 0 ? (double) sent / total : 1.0;

  if (send->progress)
    send->progress (send->action, (send->next_file + part) / send->action->files->len, send->progress_data);
}

static void
upload_next (GTask *task)
{
  Send *send = g_task_get_task_data (task);
  GPtrArray *files = send->action->files;
  DspActionFile *file;

  while (send->next_file < files->len &&
         ((DspActionFile *) g_ptr_array_index (files, send->next_file))->attachment_id != NULL)
    send->next_file++;
  if (send->next_file == files->len)
    {
      submit_evidence (task);
      return;
    }
  file = g_ptr_array_index (files, send->next_file);
  dsp_client_upload_attachment_async (send->client, send->action->dispute_id, file->name, file->content_type,
                                      file->data, on_upload_progress, send, g_task_get_cancellable (task),
                                      on_uploaded, task);
}

static gboolean
files_ready (DspAction *action)
{
  for (guint i = 0; i < action->files->len; i++)
    {
      DspActionFile *file = g_ptr_array_index (action->files, i);

      if (file->attachment_id == NULL && file->data == NULL)
        return FALSE;
    }
  return TRUE;
}

static GError *
files_missing (void)
{
  return g_error_new_literal (DSP_OUTBOX_SEND_ERROR, DSP_OUTBOX_SEND_ERROR_FILES_MISSING,
                              _("Its files could not be read back from this computer."));
}

/* The files' contents come from the store (only names and sizes are kept in memory). */
static void
on_files_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Send *send = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GPtrArray) loaded = dsp_store_load_actions_finish (DSP_STORE (source), result, &error);
  DspAction *copy = loaded && loaded->len == 1 ? g_ptr_array_index (loaded, 0) : NULL;

  if (copy == NULL || copy->files->len != send->action->files->len)
    {
      /* A store that cannot be read now may be readable later: only a missing file is final. */
      finish_call (g_steal_pointer (&task), error ? error : files_missing ());
      return;
    }
  for (guint i = 0; i < copy->files->len; i++)
    {
      DspActionFile *mine = g_ptr_array_index (send->action->files, i);
      DspActionFile *stored = g_ptr_array_index (copy->files, i);

      if (mine->data == NULL && stored->data)
        mine->data = g_bytes_ref (stored->data);
      if (mine->attachment_id == NULL && stored->attachment_id)
        mine->attachment_id = g_strdup (stored->attachment_id);
    }
  /* a file gone or shortened beside the store: never sent in part */
  if (!files_ready (send->action))
    finish_call (g_steal_pointer (&task), files_missing ());
  else
    upload_next (g_steal_pointer (&task));
}

static void
send_evidence (GTask *task)
{
  Send *send = g_task_get_task_data (task);

  if (files_ready (send->action))
    upload_next (task);
  else if (send->store && send->action->id != 0)
    dsp_store_load_actions_async (send->store, send->action->id, on_files_loaded, task);
  else
    finish_call (task, files_missing ());
}

/* Sends @action once; uploaded files are recorded as they go. */
void
dsp_outbox_send_async (DspClient           *client,
                       DspStore            *store,
                       DspAction           *action,
                       DspActionProgress    progress,
                       gpointer             progress_data,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Send *send = g_new0 (Send, 1);

  send->client = g_object_ref (client);
  send->store = store ? g_object_ref (store) : NULL;
  send->action = dsp_action_ref (action);
  send->progress = progress;
  send->progress_data = progress_data;
  g_task_set_task_data (task, send, (GDestroyNotify) send_free);
  g_task_set_source_tag (task, dsp_outbox_send_async);

  switch (action->kind)
    {
    case DSP_ACTION_REFUND:
      dsp_client_refund_async (client, action->order_id, action->amount, _("Dispute settled with the customer"),
                               action->idempotency_key, cancellable, on_refunded, task);
      break;
    case DSP_ACTION_ACCEPT_LOSS:
      dsp_client_accept_loss_async (client, action->dispute_id, cancellable, on_dispute_call, task);
      break;
    case DSP_ACTION_REPRESENT:
    case DSP_ACTION_APPEAL:
    default:
      send_evidence (task);
      break;
    }
}

gboolean
dsp_outbox_send_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dsp_outbox_send_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
