/* dsp-store-draft.h — answers being written, kept until sent or discarded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dsp-draft.h"
#include "dsp-store.h"

G_BEGIN_DECLS

void      dsp_store_save_draft_async    (DspStore            *self,
                                         DspDraft            *draft,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
void      dsp_store_discard_draft_async (DspStore            *self,
                                         const char          *source,
                                         const char          *dispute_id,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean  dsp_store_draft_write_finish  (DspStore            *self,
                                         GAsyncResult        *result,
                                         GError             **error);
void      dsp_store_load_draft_async    (DspStore            *self,
                                         const char          *source,
                                         const char          *dispute_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
DspDraft *dsp_store_load_draft_finish   (DspStore            *self,
                                         GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
