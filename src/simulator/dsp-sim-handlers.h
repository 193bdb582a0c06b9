/* dsp-sim-handlers.h — the simulator's endpoints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dsp-simulator.h"

G_BEGIN_DECLS

void sim_handle_disputes (DspSimulator       *sim,
                          SoupServerMessage  *msg,
                          const char * const *parts);
void sim_handle_orders   (DspSimulator       *sim,
                          SoupServerMessage  *msg,
                          const char * const *parts);
void sim_handle_control  (DspSimulator       *sim,
                          SoupServerMessage  *msg,
                          const char         *command);
void sim_handle_attachment_upload   (DspSimulator      *sim,
                                     SoupServerMessage *msg,
                                     SimDispute        *dispute);
void sim_handle_attachment_download (DspSimulator      *sim,
                                     SoupServerMessage *msg,
                                     SimDispute        *dispute,
                                     const char        *attachment_id);

G_END_DECLS
