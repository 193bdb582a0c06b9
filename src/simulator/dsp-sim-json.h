/* dsp-sim-json.h — small JsonBuilder helpers for the simulator's replies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

void sim_json_add_string (JsonBuilder *builder,
                          const char  *member,
                          const char  *value);
void sim_json_add_int    (JsonBuilder *builder,
                          const char  *member,
                          gint64       value);
void sim_json_add_time   (JsonBuilder *builder,
                          const char  *member,
                          gint64       when);

G_END_DECLS
