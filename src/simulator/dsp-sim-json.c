/* dsp-sim-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-simulator"

#include "config.h"

#include <time.h>

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

void
sim_writer_init (SimWriter *writer,
                 GString   *out)
{
  writer->out = out;
  writer->first = TRUE;
}

static void
append_quoted (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guint) (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* The comma before a value, and its member name. */
static void
start_value (SimWriter  *writer,
             const char *member)
{
  if (!writer->first)
    g_string_append_c (writer->out, ',');
  writer->first = FALSE;
  if (member)
    {
      append_quoted (writer->out, member);
      g_string_append_c (writer->out, ':');
    }
}

static void
open_container (SimWriter  *writer,
                const char *member,
                char        bracket)
{
  start_value (writer, member);
  g_string_append_c (writer->out, bracket);
  writer->first = TRUE;
}

/* The container just closed is a value of its parent, which so has one. */
static void
close_container (SimWriter *writer,
                 char       bracket)
{
  g_string_append_c (writer->out, bracket);
  writer->first = FALSE;
}

void
sim_writer_begin_object (SimWriter  *writer,
                         const char *member)
{
  open_container (writer, member, '{');
}

void
sim_writer_end_object (SimWriter *writer)
{
  close_container (writer, '}');
}

void
sim_writer_begin_array (SimWriter  *writer,
                        const char *member)
{
  open_container (writer, member, '[');
}

void
sim_writer_end_array (SimWriter *writer)
{
  close_container (writer, ']');
}

void
sim_writer_string (SimWriter  *writer,
                   const char *member,
                   const char *value)
{
  start_value (writer, member);
  if (value)
    append_quoted (writer->out, value);
  else
    g_string_append (writer->out, "null");
}

void
sim_writer_int (SimWriter  *writer,
                const char *member,
                gint64      value)
{
  start_value (writer, member);
  g_string_append_printf (writer->out, "%" G_GINT64_FORMAT, value);
}

/* RFC 3339 in UTC, as sim_json_add_time writes it, without allocating. */
void
sim_writer_time (SimWriter  *writer,
                 const char *member,
                 gint64      when)
{
  time_t seconds = (time_t) when;
  struct tm utc;

  start_value (writer, member);
  if (gmtime_r (&seconds, &utc) == NULL)
    {
      g_string_append (writer->out, "\"\"");
      return;
    }
  g_string_append_printf (writer->out, "\"%04d-%02d-%02dT%02d:%02d:%02dZ\"", utc.tm_year + 1900, utc.tm_mon + 1,
                          utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
}

void
sim_writer_null (SimWriter  *writer,
                 const char *member)
{
  start_value (writer, member);
  g_string_append (writer->out, "null");
}
