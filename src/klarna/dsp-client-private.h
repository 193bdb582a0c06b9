/* dsp-client-private.h — one call to Klarna, shared by the client's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "dsp-client.h"

G_BEGIN_DECLS

typedef struct {
  char           *method;
  char           *uri;
  GBytes         *body;
  char           *content_type;     /* of the body; JSON when NULL */
  char           *idempotency_key;
  DspProgress     progress;
  gpointer        progress_data;
  goffset         sent;
  int             sent_apart;       /* a large body's, counted on the worker */
  int             progress_due;     /* its progress waits to be told */
  SoupMessage    *message;
  guint           attempt;
  GBytes         *reply;            /* a large reply, while a worker parses it */
  const char     *split;            /* a member whose array's elements are kept as text */
  GPtrArray      *texts;            /* those texts, as received */
} Request;

Request *dsp_client_request_new    (DspClient           *self,
                                    const char          *method,
                                    const char          *path_and_query);
void     dsp_client_send           (DspClient           *self,
                                    Request             *request,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
char    *dsp_client_escape_segment (const char          *segment);
void     dsp_client_on_simple_done (GObject             *source,
                                    GAsyncResult        *result,
                                    gpointer             user_data);

G_END_DECLS
