/* dsp-sim-faults.h — the failures a test can ask the simulator for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef enum {
  DSP_SIM_FAULT_STATUS,
  DSP_SIM_FAULT_DELAY,
  DSP_SIM_FAULT_TRUNCATE,
  DSP_SIM_FAULT_MALFORMED,
  DSP_SIM_FAULT_DROP,
  DSP_SIM_FAULT_LOSE_ANSWER,  /* the call takes effect; its answer is lost */
} DspSimFaultKind;

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
