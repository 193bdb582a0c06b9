/* dsp-json-split.c
 *
 * A page of disputes is kept as Klarna sent it: each dispute's JSON is the
 * very text of its element in the page, cut out of the reply, instead of
 * being written out again from the parsed tree. Only documents the checker
 * (dsp-json-check.c) and json-glib have both accepted come here, so this
 * walks standard JSON; whatever it does not expect (an escaped member name,
 * the member twice) it leaves to the caller's slower way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-json"

#include "config.h"

#include <string.h>

#include "dsp-json.h"
#include "dsp-json-split.h"

typedef struct {
  const char *at;
  const char *end;
} Cursor;

static void
skip_space (Cursor *c)
{
  while (c->at < c->end && (*c->at == ' ' || *c->at == '\t' || *c->at == '\n' || *c->at == '\r'))
    c->at++;
}

static gboolean
take (Cursor *c,
      char    expected)
{
  skip_space (c);
  if (c->at >= c->end || *c->at != expected)
    return FALSE;
  c->at++;
  return TRUE;
}

/* Past a string; its text (without quotes, escapes left as they are) in @text. */
static gboolean
skip_string (Cursor      *c,
             const char **text,
             gsize       *length)
{
  const char *start;

  if (!take (c, '"'))
    return FALSE;
  for (start = c->at; c->at < c->end; c->at++)
    {
      if (*c->at == '\\')
        c->at++;
      else if (*c->at == '"')
        {
          *text = start;
          *length = (gsize) (c->at++ - start);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean skip_value (Cursor *c, guint depth);

/* Past an object's or an array's members, after its opening bracket. */
static gboolean
skip_members (Cursor *c,
              char    close,
              guint   depth)
{
  const char *key;
  gsize length;

  skip_space (c);
  if (c->at < c->end && *c->at == close)
    return ++c->at, TRUE;
  do
    {
      if (close == '}' && (!skip_string (c, &key, &length) || !take (c, ':')))
        return FALSE;
      if (!skip_value (c, depth))
        return FALSE;
    }
  while (take (c, ','));
  return take (c, close);
}

static gboolean
skip_value (Cursor *c,
            guint   depth)
{
  const char *text;
  gsize length;

  skip_space (c);
  if (c->at >= c->end || depth == 0)
    return FALSE;
  switch (*c->at)
    {
    case '"':
      return skip_string (c, &text, &length);
    case '{':
    case '[':
      return skip_members (c, *c->at++ == '{' ? '}' : ']', depth - 1);
    default:
      /* a number, true, false or null */
      for (text = c->at; c->at < c->end && (g_ascii_isalnum (*c->at) || (*c->at && strchr ("+-.", *c->at))); c->at++)
        ;
      return c->at > text;
    }
}

/* The array's elements, each its text as received. */
static GPtrArray *
split_elements (Cursor *c)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  if (!take (c, '['))
    return NULL;
  skip_space (c);
  if (c->at < c->end && *c->at == ']')
    return c->at++, g_steal_pointer (&texts);
  do
    {
      const char *start;

      skip_space (c);
      start = c->at;
      if (!skip_value (c, DSP_JSON_MAX_DEPTH))
        return NULL;
      g_ptr_array_add (texts, g_strndup (start, (gsize) (c->at - start)));
    }
  while (take (c, ','));
  return take (c, ']') ? g_steal_pointer (&texts) : NULL;
}

/* The text of each element of the array @member of the document's top
 * object, as it stands in @data; NULL when the document is not an object
 * with @member once (plainly spelt) holding an array. */
GPtrArray *
dsp_json_split_array (const char *data,
                      gsize       length,
                      const char *member)
{
  Cursor c = { data, data + length };
  g_autoptr(GPtrArray) found = NULL;
  const char *key;
  gsize key_length;

  if (!take (&c, '{'))
    return NULL;
  skip_space (&c);
  if (c.at < c.end && *c.at == '}')
    return NULL;
  do
    {
      if (!skip_string (&c, &key, &key_length) || !take (&c, ':'))
        return NULL;
      if (key_length == strlen (member) && memcmp (key, member, key_length) == 0)
        {
          if (found != NULL || (found = split_elements (&c)) == NULL)
            return NULL;
        }
      else if (!skip_value (&c, DSP_JSON_MAX_DEPTH))
        return NULL;
    }
  while (take (&c, ','));
  return take (&c, '}') ? g_steal_pointer (&found) : NULL;
}
