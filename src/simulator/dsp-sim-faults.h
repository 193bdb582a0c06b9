/* dsp-sim-faults.h — the failures a test can ask the simulator for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dsp-simulator.h"

G_BEGIN_DECLS

typedef struct {
  DspSimFaultKind kind;
  guint           value;
  guint           remaining;
  char           *path_prefix;
} SimFault;

SimFault *sim_fault_new   (DspSimFaultKind    kind,
                           guint              value,
                           guint              times,
                           const char        *path_prefix);
void      sim_fault_free  (gpointer           fault);
gboolean  sim_fault_parse (const char        *kind,
                           DspSimFaultKind   *out);
void      sim_fault_apply (SimFault          *fault,
                           SoupServerMessage *msg);

G_END_DECLS
