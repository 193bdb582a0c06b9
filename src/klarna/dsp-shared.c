/* dsp-shared.c — texts many objects share (a store's name, a currency,
 * Klarna's state word, a returning customer): one counted copy, freed with
 * its last user, from any thread.
 *
 * Not GLib's interned GRefString: in GLib 2.74 a release that takes a
 * string's count to none and an intern of the same text on another thread
 * can meet, and the intern hands out a string that is being freed (seen as
 * heap corruption with list items made on the store's thread and let go of
 * on another). Here the table and the counts change under one lock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dsp-shared.h"

typedef struct {
  guint count;
  char  text[];
} Shared;

static GMutex lock;
static GHashTable *texts; /* text → its Shared, which holds the key */

/* A copy of @text shared with every other holder of the same text. */
char *
dsp_shared_dup (const char *text)
{
  Shared *shared;

  if (text == NULL)
    return NULL;
  g_mutex_lock (&lock);
  if (texts == NULL)
    texts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  shared = g_hash_table_lookup (texts, text);
  if (shared)
    shared->count++;
  else
    {
      gsize length = strlen (text);

      shared = g_malloc (sizeof *shared + length + 1);
      shared->count = 1;
      memcpy (shared->text, text, length + 1);
      g_hash_table_insert (texts, shared->text, shared);
    }
  g_mutex_unlock (&lock);
  return shared->text;
}

/* Lets go of a copy from dsp_shared_dup(). */
void
dsp_shared_release (char *text)
{
  Shared *shared;

  if (text == NULL)
    return;
  shared = (Shared *) (text - G_STRUCT_OFFSET (Shared, text));
  g_mutex_lock (&lock);
  if (--shared->count == 0)
    g_hash_table_remove (texts, text);
  g_mutex_unlock (&lock);
}

void
dsp_shared_clear (char **slot)
{
  dsp_shared_release (*slot);
  *slot = NULL;
}

/* A shared copy of @text in @slot, the one there let go of; @text may be
 * that one. */
void
dsp_shared_set (char       **slot,
                const char  *text)
{
  char *copy;

  if (g_strcmp0 (*slot, text) == 0)
    return;
  copy = dsp_shared_dup (text);
  dsp_shared_release (*slot);
  *slot = copy;
}
