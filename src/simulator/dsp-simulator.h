/* dsp-simulator.h — a local Klarna: V4 Disputes and Order Management on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "dsp-sim-dispute.h"
#include "dsp-sim-faults.h"
#include "dsp-sim-index.h"
#include "dsp-sim-order.h"

G_BEGIN_DECLS

#define DSP_SIMULATOR_DEMO_KEY "klarna_test_api_ZGVtby1zaG9wLWRpc3B1dGVzLWFwcA"

typedef struct {
  char       *filename;
  char       *mime_type;
  char       *dispute_id;
  GBytes     *data;
} SimAttachment;

#define DSP_TYPE_SIMULATOR (dsp_simulator_get_type ())
G_DECLARE_FINAL_TYPE (DspSimulator, dsp_simulator, DSP, SIMULATOR, GObject)

DspSimulator  *dsp_simulator_new              (guint            n_disputes,
                                               guint32          seed,
                                               gint64           now);
void           dsp_simulator_set_credentials  (DspSimulator    *self,
                                               const char      *username,
                                               const char      *api_key);
gboolean       dsp_simulator_listen           (DspSimulator    *self,
                                               guint            port,
                                               GError         **error);
const char    *dsp_simulator_get_base_url     (DspSimulator    *self);
gint64         dsp_simulator_get_now          (DspSimulator    *self);
void           dsp_simulator_set_now          (DspSimulator    *self,
                                               gint64           now);
void           dsp_simulator_advance          (DspSimulator    *self,
                                               gint64           seconds);
guint          dsp_simulator_get_n_disputes   (DspSimulator    *self);
guint          dsp_simulator_get_n_requests   (DspSimulator    *self);
guint64        dsp_simulator_get_n_bytes      (DspSimulator    *self);
guint64        dsp_simulator_get_n_examined   (DspSimulator    *self);
void           dsp_simulator_add_examined     (DspSimulator    *self,
                                               guint            n);
const char    *dsp_simulator_add_dispute      (DspSimulator    *self,
                                               const char      *reason);
void           dsp_simulator_add_fault        (DspSimulator    *self,
                                               DspSimFaultKind  kind,
                                               guint            value,
                                               guint            times,
                                               const char      *path_prefix);
void           dsp_simulator_clear_faults     (DspSimulator    *self);

GPtrArray     *dsp_simulator_get_disputes     (DspSimulator    *self);
SimIndex      *dsp_simulator_get_index        (DspSimulator    *self);
SimDispute    *dsp_simulator_lookup_dispute   (DspSimulator    *self,
                                               const char      *id);
void           dsp_simulator_dispute_changed  (DspSimulator    *self,
                                               SimDispute      *dispute);
SimOrder      *dsp_simulator_lookup_order     (DspSimulator    *self,
                                               const char      *order_id);
const char    *dsp_simulator_store_attachment (DspSimulator    *self,
                                               const char      *dispute_id,
                                               const char      *filename,
                                               const char      *mime_type,
                                               GBytes          *data);
SimAttachment *dsp_simulator_lookup_attachment (DspSimulator   *self,
                                               const char      *attachment_id);

G_END_DECLS
