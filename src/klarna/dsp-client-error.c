/* dsp-client-error.c — turn HTTP and transport failures into sentences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-client"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "dsp-client-error.h"

G_DEFINE_QUARK (dsp-client-error-quark, dsp_client_error)

GError *
dsp_client_error_from_transport (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new_literal (DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_TIMEOUT,
                                _("Klarna did not answer in time. Check your internet connection; the app will try again."));
  if (error->domain == G_TLS_ERROR)
    return g_error_new_literal (DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_NETWORK,
                                _("A secure connection to Klarna could not be made. Check the date and time of this computer and the network."));
  if (error->domain == SOUP_SESSION_ERROR ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))
    return g_error_new_literal (DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_NETWORK,
                                _("The connection to Klarna broke off. The app will try again."));
  return g_error_new_literal (DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_NETWORK,
                              _("Could not reach Klarna. Check your internet connection."));
}

GError *
dsp_client_error_malformed (void)
{
  return g_error_new_literal (DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_MALFORMED,
                              _("Klarna sent a reply the app could not read. The app will try again later."));
}
