/* dsp-rules.h — what the owner may do about a dispute in the state it is in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dsp-dispute.h"

G_BEGIN_DECLS

gboolean dsp_rules_can_respond     (DspDispute *dispute);
gboolean dsp_rules_can_appeal      (DspDispute *dispute);
gboolean dsp_rules_can_accept_loss (DspDispute *dispute);
gboolean dsp_rules_can_refund      (DspDispute *dispute);

G_END_DECLS
