/* dsp-dispute-detail.h — everything about one dispute
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dsp-dispute.h"
#include "dsp-dispute-list.h"
#include "dsp-settle-panel.h"
#include "dsp-order.h"

G_BEGIN_DECLS

#define DSP_TYPE_DISPUTE_DETAIL (dsp_dispute_detail_get_type ())
G_DECLARE_FINAL_TYPE (DspDisputeDetail, dsp_dispute_detail, DSP, DISPUTE_DETAIL, AdwBin)

DspDispute *dsp_dispute_detail_get_dispute     (DspDisputeDetail *self);
void        dsp_dispute_detail_set_dispute     (DspDisputeDetail *self,
                                                DspDispute       *dispute);
void        dsp_dispute_detail_set_list        (DspDisputeDetail *self,
                                                DspDisputeList   *list);
void        dsp_dispute_detail_set_order       (DspDisputeDetail *self,
                                                DspOrder         *order);
void        dsp_dispute_detail_set_order_error (DspDisputeDetail *self,
                                                const char       *message);

G_END_DECLS
