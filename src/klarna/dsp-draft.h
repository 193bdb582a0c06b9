/* dsp-draft.h — an answer to Klarna (evidence or an appeal) being written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dsp-action.h"

G_BEGIN_DECLS

/* A document chosen for the answer. */
typedef struct {
  char          *id;    /* the draft's own name for it: written once, however often the draft is saved */
  char          *item;  /* the checklist item it was added for (dsp-checklist.h), or NULL */
  DspActionFile *file;  /* with its description */
} DspDraftFile;

typedef struct {
  char          *source;
  char          *dispute_id;
  DspActionKind  kind;
  char          *text;
  char          *refund;    /* the partial refund offered, as typed */
  GStrv          ticked;    /* checklist items ticked by hand */
  GPtrArray     *files;     /* DspDraftFile, in order */
  gint64         saved_at;
} DspDraft;

DspDraftFile *dsp_draft_file_new  (const char    *id,
                                   const char    *item,
                                   DspActionFile *file);
DspDraftFile *dsp_draft_file_copy (const DspDraftFile *from);
void          dsp_draft_file_free (DspDraftFile  *file);
DspDraft     *dsp_draft_new       (const char    *source,
                                   const char    *dispute_id,
                                   DspActionKind  kind);
void          dsp_draft_free      (DspDraft      *draft);
gboolean      dsp_draft_is_empty  (const DspDraft *draft);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DspDraft, dsp_draft_free)

G_END_DECLS
