/* dsp-draft-keeper.h — keeps an answer being written in the store, a second
 * after each change, until it is sent or discarded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dsp-draft.h"
#include "dsp-store.h"

G_BEGIN_DECLS

#define DSP_TYPE_DRAFT_KEEPER (dsp_draft_keeper_get_type ())
G_DECLARE_FINAL_TYPE (DspDraftKeeper, dsp_draft_keeper, DSP, DRAFT_KEEPER, GObject)

DspDraftKeeper *dsp_draft_keeper_new         (DspStore            *store,
                                              const char          *source,
                                              const char          *dispute_id);
void            dsp_draft_keeper_load_async  (DspDraftKeeper      *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
DspDraft       *dsp_draft_keeper_load_finish (DspDraftKeeper      *self,
                                              GAsyncResult        *result,
                                              GError             **error);
void            dsp_draft_keeper_update      (DspDraftKeeper      *self,
                                              DspDraft            *draft);
void            dsp_draft_keeper_flush       (DspDraftKeeper      *self);
void            dsp_draft_keeper_discard     (DspDraftKeeper      *self);
gint64          dsp_draft_keeper_get_saved_at (DspDraftKeeper     *self);

G_END_DECLS
