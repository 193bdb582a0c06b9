/* dsp-draft-keeper.c
 *
 * The dialog hands over the whole draft on every change; the last one is
 * written a second later (typing does not write on each key), at once when
 * the dialog closes (flush), and an empty one is not kept. Writes are
 * queued on the store's thread in order, so the last word wins. "kept"
 * says whether a draft is now in the store; "problem" why it could not be
 * written (a full disk): what is on screen stays.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-draft-keeper"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-clock.h"
#include "dsp-draft-keeper.h"
#include "dsp-store-draft.h"

#define SAVE_DELAY_MS 1000

struct _DspDraftKeeper
{
  GObject   parent_instance;

  DspStore *store;
  char     *source;
  char     *dispute_id;
  DspDraft *pending;   /* changed since the last write */
  guint     save_id;
  gint64    saved_at;  /* of the draft in the store, 0 for none */
};

G_DEFINE_FINAL_TYPE (DspDraftKeeper, dsp_draft_keeper, G_TYPE_OBJECT)

enum { KEPT, PROBLEM, N_SIGNALS };
static guint signals[N_SIGNALS];

typedef struct {
  DspDraftKeeper *self;
  gint64          saved_at;
} Write;

static void
on_written (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Write *write = user_data;
  g_autoptr(DspDraftKeeper) self = write->self;
  g_autoptr(GError) error = NULL;

  if (!dsp_store_draft_write_finish (DSP_STORE (object), result, &error))
    {
      g_autofree char *problem = g_strdup_printf (_("The draft could not be kept: %s"), error->message);

      g_signal_emit (self, signals[PROBLEM], 0, problem);
    }
  else
    {
      self->saved_at = write->saved_at;
      g_signal_emit (self, signals[KEPT], 0, write->saved_at != 0);
    }
  g_free (write);
}

static void
write_pending (DspDraftKeeper *self)
{
  g_autoptr(DspDraft) draft = g_steal_pointer (&self->pending);
  Write *write = g_new0 (Write, 1);

  g_clear_handle_id (&self->save_id, g_source_remove);
  write->self = g_object_ref (self);
  if (dsp_draft_is_empty (draft))
    {
      dsp_store_discard_draft_async (self->store, self->source, self->dispute_id, on_written, write);
      return;
    }
  draft->saved_at = write->saved_at = dsp_clock_now ();
  dsp_store_save_draft_async (self->store, g_steal_pointer (&draft), on_written, write);
}

static gboolean
save_later (gpointer data)
{
  DspDraftKeeper *self = data;

  self->save_id = 0;
  write_pending (self);
  return G_SOURCE_REMOVE;
}

/* @draft: (transfer full): the answer as it stands */
void
dsp_draft_keeper_update (DspDraftKeeper *self,
                         DspDraft       *draft)
{
  g_return_if_fail (DSP_IS_DRAFT_KEEPER (self));
  g_clear_pointer (&self->pending, dsp_draft_free);
  self->pending = draft;
  if (self->save_id == 0)
    self->save_id = g_timeout_add (SAVE_DELAY_MS, save_later, self);
}

/* Writes what changed, now. */
void
dsp_draft_keeper_flush (DspDraftKeeper *self)
{
  g_return_if_fail (DSP_IS_DRAFT_KEEPER (self));
  if (self->pending)
    write_pending (self);
}

/* Sent, or thrown away: nothing more is kept. */
void
dsp_draft_keeper_discard (DspDraftKeeper *self)
{
  g_return_if_fail (DSP_IS_DRAFT_KEEPER (self));
  g_clear_pointer (&self->pending, dsp_draft_free);
  dsp_draft_keeper_update (self, dsp_draft_new (self->source, self->dispute_id, DSP_ACTION_REPRESENT));
  write_pending (self);
}

gint64
dsp_draft_keeper_get_saved_at (DspDraftKeeper *self)
{
  g_return_val_if_fail (DSP_IS_DRAFT_KEEPER (self), 0);
  return self->saved_at;
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DspDraftKeeper *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  DspDraft *draft = dsp_store_load_draft_finish (DSP_STORE (object), result, &error);

  if (error)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  self->saved_at = draft ? draft->saved_at : 0;
  g_task_return_pointer (task, draft, (GDestroyNotify) dsp_draft_free);
}

/* The draft kept for the dispute, or NULL (and no error) for none. */
void
dsp_draft_keeper_load_async (DspDraftKeeper      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, dsp_draft_keeper_load_async);
  dsp_store_load_draft_async (self->store, self->source, self->dispute_id, cancellable, on_loaded, task);
}

DspDraft *
dsp_draft_keeper_load_finish (DspDraftKeeper  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

DspDraftKeeper *
dsp_draft_keeper_new (DspStore   *store,
                      const char *source,
                      const char *dispute_id)
{
  DspDraftKeeper *self = g_object_new (DSP_TYPE_DRAFT_KEEPER, NULL);

  self->store = g_object_ref (store);
  self->source = g_strdup (source);
  self->dispute_id = g_strdup (dispute_id);
  return self;
}

static void
dsp_draft_keeper_dispose (GObject *object)
{
  DspDraftKeeper *self = DSP_DRAFT_KEEPER (object);

  /* let go with a change unwritten: written now (the job holds what it needs) */
  if (self->pending)
    write_pending (self);
  g_clear_handle_id (&self->save_id, g_source_remove);
  G_OBJECT_CLASS (dsp_draft_keeper_parent_class)->dispose (object);
}

static void
dsp_draft_keeper_finalize (GObject *object)
{
  DspDraftKeeper *self = DSP_DRAFT_KEEPER (object);

  g_clear_object (&self->store);
  g_free (self->source);
  g_free (self->dispute_id);
  G_OBJECT_CLASS (dsp_draft_keeper_parent_class)->finalize (object);
}

static void
dsp_draft_keeper_class_init (DspDraftKeeperClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = dsp_draft_keeper_dispose;
  G_OBJECT_CLASS (klass)->finalize = dsp_draft_keeper_finalize;
  signals[KEPT] = g_signal_new ("kept", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  signals[PROBLEM] = g_signal_new ("problem", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
dsp_draft_keeper_init (DspDraftKeeper *self)
{
}
