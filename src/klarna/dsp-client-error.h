/* dsp-client-error.h — what went wrong talking to Klarna, in words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DSP_CLIENT_ERROR (dsp_client_error_quark ())

/* libsoup 3.2 has no name for it. */
#define DSP_HTTP_TOO_MANY_REQUESTS 429

typedef enum {
  DSP_CLIENT_ERROR_UNAUTHORIZED,
  DSP_CLIENT_ERROR_FORBIDDEN,
  DSP_CLIENT_ERROR_NOT_FOUND,
  DSP_CLIENT_ERROR_CONFLICT,
  DSP_CLIENT_ERROR_INVALID_INPUT,
  DSP_CLIENT_ERROR_RATE_LIMITED,
  DSP_CLIENT_ERROR_UNAVAILABLE,
  DSP_CLIENT_ERROR_NETWORK,
  DSP_CLIENT_ERROR_TIMEOUT,
  DSP_CLIENT_ERROR_MALFORMED,
  DSP_CLIENT_ERROR_INSECURE,
  DSP_CLIENT_ERROR_FAILED,
} DspClientError;

GQuark  dsp_client_error_quark          (void);
GError *dsp_client_error_from_transport (const GError *error);
GError *dsp_client_error_malformed      (void);

G_END_DECLS
