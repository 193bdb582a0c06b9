/* dsp-json-check.c
 *
 * json-glib reads more than JSON (single quotes, comments, hexadecimal,
 * integers that wrap) and recurses without a floor. This scanner accepts
 * exactly RFC 8259 text, in one pass with no recursion, so json-glib only
 * ever sees a document it reads the way the standard does and whose depth
 * is bounded. Also refused: invalid UTF-8, unpaired surrogate escapes,
 * integers outside 64 bits and numbers no double can hold — json-glib would
 * keep them in a form that no longer reads back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-json"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dsp-json-check.h"

/* Longer numbers are no amount or count Klarna sends. */
#define MAX_NUMBER_LENGTH 64

typedef enum {
  EXPECT_VALUE,
  EXPECT_VALUE_OR_CLOSE,
  EXPECT_KEY,
  EXPECT_KEY_OR_CLOSE,
  EXPECT_COLON,
  EXPECT_NEXT,
} Expect;

typedef struct {
  const guchar *p;
  const guchar *end;
  guint         depth;
  guint         max_depth;
  GByteArray   *open;      /* '{' or '[' for each level */
  gboolean      too_deep;
} Scan;

static gboolean
at (Scan  *s,
    guchar c)
{
  return s->p < s->end && *s->p == c;
}

static void
skip_space (Scan *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

static gboolean
scan_hex4 (Scan     *s,
           gunichar *value)
{
  *value = 0;
  for (guint i = 0; i < 4; i++, s->p++)
    {
      if (s->p >= s->end || !g_ascii_isxdigit (*s->p))
        return FALSE;
      *value = *value * 16 + (guint) g_ascii_xdigit_value (*s->p);
    }
  return TRUE;
}

/* After the backslash. A high surrogate must be followed by a low one. */
static gboolean
scan_escape (Scan *s)
{
  gunichar unit, low;

  if (s->p < s->end && *s->p != '\0' && strchr ("\"\\/bfnrt", *s->p) != NULL)
    {
      s->p++;
      return TRUE;
    }
  if (!at (s, 'u'))
    return FALSE;
  s->p++;
  if (!scan_hex4 (s, &unit) || (unit >= 0xDC00 && unit <= 0xDFFF))
    return FALSE;
  if (unit < 0xD800 || unit > 0xDBFF)
    return TRUE;
  if (s->end - s->p < 2 || s->p[0] != '\\' || s->p[1] != 'u')
    return FALSE;
  s->p += 2;
  return scan_hex4 (s, &low) && low >= 0xDC00 && low <= 0xDFFF;
}

static gboolean
scan_string (Scan *s)
{
  for (s->p++; s->p < s->end;)
    {
      guchar c = *s->p;
      gunichar wide;

      if (c == '"')
        {
          s->p++;
          return TRUE;
        }
      if (c < 0x20)
        return FALSE;
      if (c == '\\')
        {
          s->p++;
          if (!scan_escape (s))
            return FALSE;
          continue;
        }
      if (c < 0x80)
        {
          s->p++;
          continue;
        }
      /* Refuses overlong forms, encoded surrogates and anything past U+10FFFF. */
      wide = g_utf8_get_char_validated ((const char *) s->p, s->end - s->p);
      if (wide == (gunichar) -1 || wide == (gunichar) -2)
        return FALSE;
      s->p += g_unichar_to_utf8 (wide, NULL);
    }
  return FALSE;
}

static gboolean
scan_digits (Scan *s)
{
  const guchar *start = s->p;

  while (s->p < s->end && g_ascii_isdigit (*s->p))
    s->p++;
  return s->p > start;
}

static gboolean
number_in_range (const guchar *start,
                 gsize         length,
                 gboolean      integral)
{
  char text[MAX_NUMBER_LENGTH + 1];
  gint64 integer;

  if (length > MAX_NUMBER_LENGTH)
    return FALSE;
  memcpy (text, start, length);
  text[length] = '\0';
  if (integral)
    return g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &integer, NULL);
  return isfinite (g_ascii_strtod (text, NULL));
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static gboolean
scan_number (Scan *s)
{
  const guchar *start = s->p;
  gboolean integral = TRUE;

  if (at (s, '-'))
    s->p++;
  if (at (s, '0'))
    s->p++;
  else if (!scan_digits (s))
    return FALSE;
  if (at (s, '.'))
    {
      s->p++;
      integral = FALSE;
      if (!scan_digits (s))
        return FALSE;
    }
  if (at (s, 'e') || at (s, 'E'))
    {
      s->p++;
      integral = FALSE;
      if (at (s, '+') || at (s, '-'))
        s->p++;
      if (!scan_digits (s))
        return FALSE;
    }
  return number_in_range (start, s->p - start, integral);
}

static gboolean
scan_word (Scan       *s,
           const char *word)
{
  gsize length = strlen (word);

  if ((gsize) (s->end - s->p) < length || memcmp (s->p, word, length) != 0)
    return FALSE;
  s->p += length;
  return TRUE;
}

static gboolean
open_container (Scan *s)
{
  if (s->depth >= s->max_depth)
    {
      s->too_deep = TRUE;
      return FALSE;
    }
  g_byte_array_append (s->open, s->p, 1);
  s->depth++;
  s->p++;
  return TRUE;
}

/* One value; a container is only opened, its members come as later steps. */
static gboolean
scan_value (Scan   *s,
            Expect *expect)
{
  guchar c = *s->p;

  *expect = c == '{' ? EXPECT_KEY_OR_CLOSE : c == '[' ? EXPECT_VALUE_OR_CLOSE : EXPECT_NEXT;
  switch (c)
    {
    case '{':
    case '[':
      return open_container (s);
    case '"':
      return scan_string (s);
    case 't':
      return scan_word (s, "true");
    case 'f':
      return scan_word (s, "false");
    case 'n':
      return scan_word (s, "null");
    default:
      return (c == '-' || g_ascii_isdigit (c)) && scan_number (s);
    }
}

static gboolean
close_container (Scan   *s,
                 Expect *expect)
{
  guchar opened = s->depth > 0 ? s->open->data[s->depth - 1] : 0;

  if (!((opened == '{' && *s->p == '}') || (opened == '[' && *s->p == ']')))
    return FALSE;
  s->depth--;
  g_byte_array_set_size (s->open, s->depth);
  s->p++;
  *expect = EXPECT_NEXT;
  return TRUE;
}

/* One token at s->p (not white space, not the end), given what may come. */
static gboolean
scan_step (Scan   *s,
           Expect *expect)
{
  switch (*expect)
    {
    case EXPECT_VALUE_OR_CLOSE:
      if (*s->p == ']')
        return close_container (s, expect);
      return scan_value (s, expect);
    case EXPECT_VALUE:
      return scan_value (s, expect);
    case EXPECT_KEY_OR_CLOSE:
      if (*s->p == '}')
        return close_container (s, expect);
      G_GNUC_FALLTHROUGH;
    case EXPECT_KEY:
      *expect = EXPECT_COLON;
      return *s->p == '"' && scan_string (s);
    case EXPECT_COLON:
      *expect = EXPECT_VALUE;
      return *s->p++ == ':';
    case EXPECT_NEXT:
    default:
      if (s->depth == 0)
        return FALSE;
      if (*s->p != ',')
        return close_container (s, expect);
      s->p++;
      *expect = s->open->data[s->depth - 1] == '{' ? EXPECT_KEY : EXPECT_VALUE;
      return TRUE;
    }
}

/**
 * dsp_json_check:
 * @offset: (out) (optional): where the first problem is
 *
 * Whether @data is one RFC 8259 JSON text, nested at most @max_depth deep.
 */
DspJsonCheck
dsp_json_check (const char *data,
                gsize       length,
                guint       max_depth,
                gsize      *offset)
{
  Scan s = { (const guchar *) data, (const guchar *) data + length, 0, max_depth, NULL, FALSE };
  Expect expect = EXPECT_VALUE;
  gboolean ok = TRUE;

  s.open = g_byte_array_sized_new (MIN (max_depth, 64));
  for (skip_space (&s); ok && s.p < s.end; skip_space (&s))
    ok = scan_step (&s, &expect);
  ok = ok && expect == EXPECT_NEXT && s.depth == 0;
  g_byte_array_unref (s.open);

  if (offset)
    *offset = (gsize) (s.p - (const guchar *) data);
  if (ok)
    return DSP_JSON_WELL_FORMED;
  return s.too_deep ? DSP_JSON_TOO_DEEP : DSP_JSON_MALFORMED;
}
