/* dsp-sim-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dsp-sim-json.h"
#include "klarna/dsp-time.h"

void
sim_json_add_string (JsonBuilder *builder,
                     const char  *member,
                     const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

void
sim_json_add_int (JsonBuilder *builder,
                  const char  *member,
                  gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

/* RFC 3339 in UTC, as Klarna sends it. */
void
sim_json_add_time (JsonBuilder *builder,
                   const char  *member,
                   gint64       when)
{
  g_autofree char *text = dsp_time_format_rfc3339 (when);

  sim_json_add_string (builder, member, text);
}
