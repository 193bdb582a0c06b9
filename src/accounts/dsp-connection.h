/* dsp-connection.h — one Klarna account's way in: its key, looked up once,
 * and the DspClient that holds it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dsp-account.h"
#include "dsp-client.h"

G_BEGIN_DECLS

#define DSP_TYPE_CONNECTION (dsp_connection_get_type ())
G_DECLARE_FINAL_TYPE (DspConnection, dsp_connection, DSP, CONNECTION, GObject)

DspConnection *dsp_connection_new_for_account (DspAccount          *account);
DspConnection *dsp_connection_new_for_client  (DspClient           *client);
DspAccount    *dsp_connection_get_account     (DspConnection       *self);
DspClient     *dsp_connection_get_client      (DspConnection       *self);
gboolean       dsp_connection_can_connect     (DspConnection       *self);
void           dsp_connection_key_rejected    (DspConnection       *self);
void           dsp_connection_get_client_async  (DspConnection       *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
DspClient     *dsp_connection_get_client_finish (DspConnection       *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
