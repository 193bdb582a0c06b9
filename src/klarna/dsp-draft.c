/* dsp-draft.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dsp-draft.h"
#include "dsp-evidence.h"

/* @id: the draft's name for it, NULL for a new one; @file: (transfer full) */
DspDraftFile *
dsp_draft_file_new (const char    *id,
                    const char    *item,
                    DspActionFile *file)
{
  DspDraftFile *draft_file = g_new0 (DspDraftFile, 1);

  draft_file->id = id ? g_strdup (id) : g_uuid_string_random ();
  draft_file->item = g_strdup (item);
  draft_file->file = file;
  return draft_file;
}

void
dsp_draft_file_free (DspDraftFile *file)
{
  g_free (file->id);
  g_free (file->item);
  dsp_action_file_free (file->file);
  g_free (file);
}

DspDraft *
dsp_draft_new (const char    *source,
               const char    *dispute_id,
               DspActionKind  kind)
{
  DspDraft *draft = g_new0 (DspDraft, 1);

  draft->source = g_strdup (source);
  draft->dispute_id = g_strdup (dispute_id);
  draft->kind = kind;
  draft->ticked = g_new0 (char *, 1);
  draft->files = g_ptr_array_new_with_free_func ((GDestroyNotify) dsp_draft_file_free);
  return draft;
}

void
dsp_draft_free (DspDraft *draft)
{
  g_free (draft->source);
  g_free (draft->dispute_id);
  g_free (draft->text);
  g_free (draft->refund);
  g_strfreev (draft->ticked);
  g_ptr_array_unref (draft->files);
  g_free (draft);
}

/* The contents are shared, not copied. */
DspDraftFile *
dsp_draft_file_copy (const DspDraftFile *from)
{
  DspActionFile *file = dsp_action_file_new (from->file->name, from->file->content_type, from->file->data);

  file->description = g_strdup (from->file->description);
  return dsp_draft_file_new (from->id, from->item, file);
}

/* Nothing written, chosen or ticked: not worth keeping. */
gboolean
dsp_draft_is_empty (const DspDraft *draft)
{
  return dsp_evidence_text_is_blank (draft->text) && dsp_evidence_text_is_blank (draft->refund) &&
         draft->files->len == 0 && g_strv_length (draft->ticked) == 0;
}
