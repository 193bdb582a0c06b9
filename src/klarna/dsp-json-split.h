/* dsp-json-split.h — the text of each element of a document's array, as received
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GPtrArray *dsp_json_split_array (const char *data,
                                 gsize       length,
                                 const char *member);

G_END_DECLS
