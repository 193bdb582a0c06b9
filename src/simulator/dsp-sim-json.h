/* dsp-sim-json.h — small JsonBuilder helpers for the simulator's replies, and
 * a writer straight to text for the disputes, which make up most of them
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

/* Appends JSON to @out; @member is NULL for a value in an array or at the top. */
typedef struct {
  GString  *out;
  gboolean  first;  /* nothing written yet in the open object or array */
} SimWriter;

void sim_writer_init         (SimWriter  *writer,
                              GString    *out);
void sim_writer_begin_object (SimWriter  *writer,
                              const char *member);
void sim_writer_end_object   (SimWriter  *writer);
void sim_writer_begin_array  (SimWriter  *writer,
                              const char *member);
void sim_writer_end_array    (SimWriter  *writer);
void sim_writer_string       (SimWriter  *writer,
                              const char *member,
                              const char *value);
void sim_writer_int          (SimWriter  *writer,
                              const char *member,
                              gint64      value);
void sim_writer_time         (SimWriter  *writer,
                              const char *member,
                              gint64      when);
void sim_writer_null         (SimWriter  *writer,
                              const char *member);

G_END_DECLS
