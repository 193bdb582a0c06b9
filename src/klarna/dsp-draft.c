/* dsp-draft.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dsp-draft.h"

/* @file: (transfer full) */
DspDraftFile *
dsp_draft_file_new (const char    *item,
                    DspActionFile *file)
{
  DspDraftFile *draft_file = g_new0 (DspDraftFile, 1);

  draft_file->id = g_uuid_string_random ();
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
  DspDraftFile *to = dsp_draft_file_new (from->item, file);

  file->description = g_strdup (from->file->description);
  g_free (to->id);
  to->id = g_strdup (from->id);
  return to;
}

/* The files' contents are shared, not copied. */
DspDraft *
dsp_draft_copy (const DspDraft *draft)
{
  DspDraft *copy = dsp_draft_new (draft->source, draft->dispute_id, draft->kind);

  copy->text = g_strdup (draft->text);
  copy->refund = g_strdup (draft->refund);
  g_strfreev (copy->ticked);
  copy->ticked = g_strdupv (draft->ticked);
  copy->saved_at = draft->saved_at;
  for (guint i = 0; i < draft->files->len; i++)
    g_ptr_array_add (copy->files, dsp_draft_file_copy (g_ptr_array_index (draft->files, i)));
  return copy;
}

/* Nothing written, chosen or ticked: not worth keeping. */
gboolean
dsp_draft_is_empty (const DspDraft *draft)
{
  const char *text = draft->text ? draft->text : "";
  const char *refund = draft->refund ? draft->refund : "";

  while (g_unichar_isspace (g_utf8_get_char (text)) && *text)
    text = g_utf8_next_char (text);
  while (g_unichar_isspace (g_utf8_get_char (refund)) && *refund)
    refund = g_utf8_next_char (refund);
  return *text == '\0' && *refund == '\0' && draft->files->len == 0 && g_strv_length (draft->ticked) == 0;
}
