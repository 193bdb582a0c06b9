/* dsp-json-check.h — refuse what RFC 8259 does not allow, before json-glib reads it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  DSP_JSON_WELL_FORMED,
  DSP_JSON_TOO_DEEP,
  DSP_JSON_MALFORMED,
} DspJsonCheck;

DspJsonCheck dsp_json_check (const char *data,
                             gsize       length,
                             guint       max_depth,
                             gsize      *offset);

G_END_DECLS
