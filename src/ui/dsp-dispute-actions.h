/* dsp-dispute-actions.h — what can be done with the dispute on screen: reach
 * the customer, copy its details, settle it; the "dispute." actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dsp-dispute-list.h"

G_BEGIN_DECLS

#define DSP_TYPE_DISPUTE_ACTIONS (dsp_dispute_actions_get_type ())
G_DECLARE_FINAL_TYPE (DspDisputeActions, dsp_dispute_actions, DSP, DISPUTE_ACTIONS, GObject)

DspDisputeActions *dsp_dispute_actions_new         (GtkWindow         *window,
                                                    DspDisputeList    *list);
GActionGroup      *dsp_dispute_actions_get_group   (DspDisputeActions *self);
void               dsp_dispute_actions_set_dispute (DspDisputeActions *self,
                                                    DspDispute        *dispute);

G_END_DECLS
