/* dsp-sim-generate.h — seeded, realistic disputes and orders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dsp-sim-dispute.h"
#include "dsp-sim-order.h"

G_BEGIN_DECLS

void sim_generate_dispute (GRand       *rand,
                           guint        index,
                           gint64       created_at,
                           gboolean     scripted,
                           SimDispute **dispute,
                           SimOrder   **order);

G_END_DECLS
