/* dsp-sim-reply.h — how the simulator answers, in Klarna's formats
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

void sim_reply_json     (SoupServerMessage *msg,
                         guint              status,
                         JsonNode          *node);
void sim_reply_text     (SoupServerMessage *msg,
                         guint              status,
                         GString           *text);
void sim_reply_empty    (SoupServerMessage *msg,
                         guint              status);
void sim_reply_v4_error (SoupServerMessage *msg,
                         guint              status,
                         const char        *error_code,
                         const char        *message,
                         const char        *parameter);
void sim_reply_om_error (SoupServerMessage *msg,
                         guint              status,
                         const char        *error_code,
                         const char        *message);
JsonObject *sim_read_json_body (SoupServerMessage *msg,
                                JsonNode         **root);

G_END_DECLS
