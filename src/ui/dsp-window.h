/* dsp-window.h — the main window: disputes on the left, one in detail on the right
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dsp-client.h"
#include "dsp-dispute-detail.h"
#include "dsp-refresher.h"

G_BEGIN_DECLS

#define DSP_TYPE_WINDOW (dsp_window_get_type ())
G_DECLARE_FINAL_TYPE (DspWindow, dsp_window, DSP, WINDOW, AdwApplicationWindow)

DspWindow        *dsp_window_new            (AdwApplication *application,
                                             DspRefresher   *refresher);
void              dsp_window_set_client     (DspWindow      *self,
                                             DspClient      *client,
                                             gboolean        demo);
void              dsp_window_set_sources    (DspWindow      *self,
                                             GPtrArray      *sources,
                                             gboolean        demo);
void              dsp_window_show_notice    (DspWindow      *self,
                                             const char     *message);
void              dsp_window_refresh        (DspWindow      *self);
gboolean          dsp_window_is_refreshing  (DspWindow      *self);
GListModel       *dsp_window_get_disputes   (DspWindow      *self);
gboolean          dsp_window_select_dispute (DspWindow      *self,
                                             const char     *source_id,
                                             const char     *dispute_id);
gboolean          dsp_window_set_resolved   (DspWindow      *self,
                                             const char     *source_id,
                                             const char     *dispute_id,
                                             gboolean        resolved);
DspDispute       *dsp_window_get_dispute      (DspWindow      *self);
DspDisputeDetail *dsp_window_get_detail     (DspWindow      *self);

G_END_DECLS
