/* dsp-dispute-list.h — the disputes of every store the app shows, one
 * GListModel, owned by the application (windows are views of it)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dsp-query.h"
#include "dsp-source.h"
#include "dsp-store-tally.h"

G_BEGIN_DECLS

#define DSP_TYPE_DISPUTE_LIST (dsp_dispute_list_get_type ())
G_DECLARE_FINAL_TYPE (DspDisputeList, dsp_dispute_list, DSP, DISPUTE_LIST, GObject)

DspDisputeList *dsp_dispute_list_new             (void);
void            dsp_dispute_list_set_sources     (DspDisputeList      *self,
                                                  GPtrArray           *sources);
DspSource      *dsp_dispute_list_find_source     (DspDisputeList      *self,
                                                  const char          *source_id);
void            dsp_dispute_list_merge           (DspDisputeList      *self,
                                                  DspSource           *source,
                                                  GPtrArray           *disputes);
void            dsp_dispute_list_flush           (DspDisputeList      *self);
DspDisputeItem *dsp_dispute_list_lookup          (DspDisputeList      *self,
                                                  const char          *source_id,
                                                  const char          *dispute_id);
gboolean        dsp_dispute_list_find            (DspDisputeList      *self,
                                                  const char          *source_id,
                                                  const char          *dispute_id,
                                                  guint               *position);
DspDispute     *dsp_dispute_list_get_opened      (DspDisputeList      *self,
                                                  const char          *source_id,
                                                  const char          *dispute_id);
void            dsp_dispute_list_open_async      (DspDisputeList      *self,
                                                  const char          *source_id,
                                                  const char          *dispute_id,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
DspDispute     *dsp_dispute_list_open_finish     (DspDisputeList      *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
gboolean        dsp_dispute_list_set_resolved    (DspDisputeList      *self,
                                                  const char          *source_id,
                                                  const char          *dispute_id,
                                                  gboolean             resolved);
void            dsp_dispute_list_set_drafted     (DspDisputeList      *self,
                                                  const char          *source_id,
                                                  const char          *dispute_id,
                                                  gboolean             drafted);
DspOutbox      *dsp_dispute_list_get_outbox      (DspDisputeList      *self,
                                                  DspDispute          *dispute);
void            dsp_dispute_list_want_order      (DspDisputeList      *self,
                                                  DspDispute          *dispute);
DspOrder       *dsp_dispute_list_get_order       (DspDisputeList      *self,
                                                  DspDispute          *dispute);
const char     *dsp_dispute_list_get_order_error (DspDisputeList      *self,
                                                  DspDispute          *dispute);
const DspQuery *dsp_dispute_list_get_query       (DspDisputeList      *self);
void            dsp_dispute_list_set_query       (DspDisputeList      *self,
                                                  const DspQuery      *query);
const DspTally *dsp_dispute_list_get_tally       (DspDisputeList      *self);
gboolean        dsp_dispute_list_is_asking       (DspDisputeList      *self);

G_END_DECLS
