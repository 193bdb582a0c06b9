/* dsp-client-status.h — an HTTP failure and Klarna's error body, in words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GError *dsp_client_status_to_error (guint   status,
                                    GBytes *body,
                                    guint   retry_after);

G_END_DECLS
