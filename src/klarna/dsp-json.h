/* dsp-json.h — tolerant readers for Klarna's JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define DSP_JSON_MAX_DEPTH 64
#define DSP_JSON_MAX_BYTES (64 * 1024 * 1024)

JsonNode   *dsp_json_parse      (const char *data,
                                 gsize       length,
                                 GError    **error);
const char *dsp_json_string     (JsonObject *object,
                                 const char *member);
char       *dsp_json_dup_string (JsonObject *object,
                                 const char *member);
const char *dsp_json_code       (JsonObject *object,
                                 const char *member);
gboolean    dsp_json_int        (JsonObject *object,
                                 const char *member,
                                 gint64     *value);
gint64      dsp_json_time       (JsonObject *object,
                                 const char *member);
JsonObject *dsp_json_object     (JsonObject *object,
                                 const char *member);
JsonArray  *dsp_json_array      (JsonObject *object,
                                 const char *member);
char       *dsp_json_to_string  (JsonNode   *node);

G_END_DECLS
