/* dsp-outbox-send.h — one action to Klarna: its files, its call, and what a
 * conflict means
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dsp-action.h"
#include "dsp-client.h"
#include "dsp-store.h"

G_BEGIN_DECLS

#define DSP_OUTBOX_SEND_ERROR (dsp_outbox_send_error_quark ())

typedef enum {
  DSP_OUTBOX_SEND_ERROR_STATE_CHANGED,  /* Klarna's state moved on: not taken */
  DSP_OUTBOX_SEND_ERROR_FILES_MISSING,
} DspOutboxSendError;

typedef void (*DspActionProgress) (DspAction *action,
                                   double     fraction,
                                   gpointer   user_data);

GQuark   dsp_outbox_send_error_quark (void);
void     dsp_outbox_send_async       (DspClient           *client,
                                      DspStore            *store,
                                      DspAction           *action,
                                      DspActionProgress    progress,
                                      gpointer             progress_data,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean dsp_outbox_send_finish      (GAsyncResult        *result,
                                      GError             **error);
gboolean dsp_action_took_effect      (DspActionKind        kind,
                                      DspDispute          *after);

G_END_DECLS
