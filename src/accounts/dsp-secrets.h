/* dsp-secrets.h — Klarna API keys in the desktop keyring, and nowhere else
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DSP_SECRETS_ERROR (dsp_secrets_error_quark ())

typedef enum {
  DSP_SECRETS_ERROR_NO_SERVICE,
  DSP_SECRETS_ERROR_LOCKED,
  DSP_SECRETS_ERROR_NOT_FOUND,
  DSP_SECRETS_ERROR_TIMEOUT,
  DSP_SECRETS_ERROR_FAILED,
} DspSecretsError;

typedef char DspSecret;

GQuark   dsp_secrets_error_quark  (void);
void     dsp_secrets_set_timeout  (guint                milliseconds);

void     dsp_secrets_store_async  (const char          *account_id,
                                   const char          *store_name,
                                   const char          *api_key,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean dsp_secrets_store_finish (GAsyncResult        *result,
                                   GError             **error);
void     dsp_secrets_lookup_async (const char          *account_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
char    *dsp_secrets_lookup_finish (GAsyncResult       *result,
                                   GError             **error);
void     dsp_secrets_clear_async  (const char          *account_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean dsp_secrets_clear_finish (GAsyncResult        *result,
                                   GError             **error);
void     dsp_secrets_free         (char                *secret);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DspSecret, dsp_secrets_free)

G_END_DECLS
