/* dsp-csv.c
 *
 * Cells are separated by commas and rows end in CRLF (RFC 4180); a cell
 * holding a comma, a quote or a line break is quoted, its quotes doubled.
 * Text from outside (a customer's name, a note) that a spreadsheet would
 * take for a formula — starting with =, +, -, @, a tab or a carriage
 * return, after any spaces — gets an apostrophe in front, so it shows as
 * written and never runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dsp-csv.h"

static gboolean
runs_as_formula (const char *text)
{
  text += strspn (text, " ");
  return *text != '\0' && strchr ("=+-@\t\r", *text) != NULL;
}

static void
add_cell (GString    *csv,
          const char *cell)
{
  if (cell[strcspn (cell, ",\"\r\n")] == '\0')
    g_string_append (csv, cell);
  else
    {
      g_string_append_c (csv, '"');
      for (const char *c = cell; *c; c++)
        {
          if (*c == '"')
            g_string_append_c (csv, '"');
          g_string_append_c (csv, *c);
        }
      g_string_append_c (csv, '"');
    }
  g_string_append_c (csv, ',');
}

/* Text anyone may have written: made inert. */
void
dsp_csv_add_text (GString    *csv,
                  const char *text)
{
  g_autofree char *inert = NULL;

  if (text == NULL)
    text = "";
  if (!g_utf8_validate (text, -1, NULL))
    text = inert = g_utf8_make_valid (text, -1);
  if (runs_as_formula (text))
    {
      g_free (inert);
      text = inert = g_strconcat ("'", text, NULL);
    }
  add_cell (csv, text);
}

/* A number or a date the app wrote itself (a negative number stays one). */
void
dsp_csv_add_value (GString    *csv,
                   const char *value)
{
  add_cell (csv, value ? value : "");
}

void
dsp_csv_end_row (GString *csv)
{
  if (csv->len > 0 && csv->str[csv->len - 1] == ',')
    g_string_truncate (csv, csv->len - 1);
  g_string_append (csv, "\r\n");
}
