/* dsp-refresher.h — when each store is brought up to date: at start from
 * disk, then from Klarna on the owner's refresh and every poll, with
 * back-off, the metered-network policy, and what went wrong
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dsp-dispute-list.h"

G_BEGIN_DECLS

#define DSP_TYPE_REFRESHER (dsp_refresher_get_type ())
G_DECLARE_FINAL_TYPE (DspRefresher, dsp_refresher, DSP, REFRESHER, GObject)

DspRefresher   *dsp_refresher_new            (DspDisputeList *list);
DspDisputeList *dsp_refresher_get_list       (DspRefresher   *self);
void            dsp_refresher_set_sources    (DspRefresher   *self,
                                              GPtrArray      *sources,
                                              gboolean        demo);
GPtrArray      *dsp_refresher_get_sources    (DspRefresher   *self);
gboolean        dsp_refresher_get_demo       (DspRefresher   *self);
void            dsp_refresher_refresh        (DspRefresher   *self);
void            dsp_refresher_get_progress   (DspRefresher   *self,
                                              guint          *fetched,
                                              guint          *total,
                                              gint64         *elapsed_ms);
gboolean        dsp_refresher_is_refreshing  (DspRefresher   *self);
gboolean        dsp_refresher_is_loading     (DspRefresher   *self);
const char     *dsp_refresher_get_errors     (DspRefresher   *self);
char           *dsp_refresher_dup_status     (DspRefresher   *self);

G_END_DECLS
