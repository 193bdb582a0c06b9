/* dsp-settle-panel.h — the owner's choices about a dispute, and what was sent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dsp-action.h"
#include "dsp-dispute.h"
#include "dsp-dispute-list.h"

G_BEGIN_DECLS

#define DSP_TYPE_SETTLE_PANEL (dsp_settle_panel_get_type ())
G_DECLARE_FINAL_TYPE (DspSettlePanel, dsp_settle_panel, DSP, SETTLE_PANEL, AdwBin)

void dsp_settle_panel_set_dispute  (DspSettlePanel *self,
                                    DspDispute     *dispute);
void dsp_settle_panel_set_list     (DspSettlePanel *self,
                                    DspDisputeList *list);

G_END_DECLS
