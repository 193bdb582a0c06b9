/* dsp-outbox.h — one store's actions for Klarna: written down, then sent,
 * retried until Klarna has them, never twice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dsp-action.h"
#include "dsp-connection.h"
#include "dsp-store.h"

G_BEGIN_DECLS

#define DSP_TYPE_OUTBOX (dsp_outbox_get_type ())
G_DECLARE_FINAL_TYPE (DspOutbox, dsp_outbox, DSP, OUTBOX, GObject)

DspOutbox *dsp_outbox_new          (DspConnection *connection,
                                    DspStore    *store);
void       dsp_outbox_load         (DspOutbox   *self);
gboolean   dsp_outbox_is_loaded    (DspOutbox   *self);
void       dsp_outbox_submit       (DspOutbox   *self,
                                    DspAction   *action);
GPtrArray *dsp_outbox_list_for     (DspOutbox   *self,
                                    const char  *dispute_id);
DspAction *dsp_outbox_find_open    (DspOutbox   *self,
                                    const char  *dispute_id);
guint      dsp_outbox_count_open   (DspOutbox   *self);
void       dsp_outbox_retry_now    (DspOutbox   *self);
void       dsp_outbox_dismiss      (DspOutbox   *self,
                                    DspAction   *action);
void       dsp_outbox_set_backoff  (DspOutbox   *self,
                                    guint        base_seconds,
                                    guint        max_seconds);
void       dsp_outbox_stop         (DspOutbox   *self);

G_END_DECLS
