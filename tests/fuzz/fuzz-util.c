/* fuzz-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fuzz"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dsp-deadline.h"
#include "dsp-json.h"
#include "dsp-timeline.h"
#include "fuzz-util.h"

/* G_DEBUG=fatal-criticals raises SIGTRAP, which libFuzzer does not catch (the
 * input would not be saved): a warning or a critical aborts instead. */
static GLogWriterOutput
abort_on_trouble (GLogLevelFlags   level,
                  const GLogField *fields,
                  gsize            n_fields,
                  gpointer         user_data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      g_log_writer_standard_streams (level, fields, n_fields, user_data);
      abort ();
    }
  return G_LOG_WRITER_HANDLED;
}

void
fuzz_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      setlocale (LC_ALL, "C.UTF-8");
      g_log_set_writer_func (abort_on_trouble, NULL, NULL);
      g_once_init_leave (&done, 1);
    }
}

void
fuzz_check (gboolean    condition,
            const char *what)
{
  if (condition)
    return;
  fprintf (stderr, "fuzz: broken promise: %s\n", what);
  abort ();
}

/* Everything the app shows is valid UTF-8 (NULL: nothing shown). */
void
fuzz_check_text (const char *text)
{
  g_autofree char *escaped = NULL;

  if (text == NULL || g_utf8_validate (text, -1, NULL))
    return;
  escaped = g_strescape (text, NULL);
  fprintf (stderr, "fuzz: not UTF-8: \"%s\"\n", escaped);
  fuzz_check (FALSE, "shown text is valid UTF-8");
}

/* The next line of the input (without its newline), advancing past it. */
char *
fuzz_next_line (const char **data,
                size_t      *size)
{
  const char *end = memchr (*data, '\n', *size);
  size_t length = end ? (size_t) (end - *data) : *size;
  char *line = g_strndup (*data, length);

  *data += MIN (length + 1, *size);
  *size -= MIN (length + 1, *size);
  return line;
}

/* Parses as the client does; whatever is accepted must be stored in a form
 * that reads back the same (what dsp-store.c writes and reads). */
JsonNode *
fuzz_parse_stored (const uint8_t *data,
                   size_t         size)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root = dsp_json_parse ((const char *) data, size, &error);
  g_autofree char *stored = NULL;
  g_autoptr(JsonNode) again = NULL;

  if (root == NULL)
    {
      fuzz_check (error != NULL, "a refusal comes with a reason");
      fuzz_check_text (error->message);
      return NULL;
    }
  stored = dsp_json_to_string (root);
  again = dsp_json_parse (stored, strlen (stored), NULL);
  fuzz_check (again != NULL, "stored JSON reads back");
  fuzz_check (json_node_equal (root, again), "stored JSON reads back the same");
  return root;
}

static void
check_labels (DspDispute *dispute)
{
  g_autofree char *status = dsp_dispute_dup_status_label (dispute, TRUE);
  g_autofree char *reason = dsp_dispute_dup_reason_label (dispute);
  g_autofree char *amount = dsp_dispute_dup_amount_label (dispute);
  g_autofree char *countdown = dsp_deadline_countdown (dsp_dispute_get_deadline (dispute), 1800000000);
  g_autoptr(GPtrArray) timeline = dsp_timeline_build (dispute);

  fuzz_check_text (status);
  fuzz_check_text (reason);
  fuzz_check_text (amount);
  fuzz_check_text (countdown);
  for (guint i = 0; timeline && i < timeline->len; i++)
    fuzz_check_text (((DspTimelineEvent *) g_ptr_array_index (timeline, i))->text);
}

/* A dispute as the list, the detail pane and the store use it. */
void
fuzz_dispute (JsonObject *object)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DspDispute) dispute = dsp_dispute_new_from_json (object, &error);
  g_autoptr(DspDispute) newer = NULL;

  if (dispute == NULL)
    {
      fuzz_check (error != NULL, "a refused dispute comes with a reason");
      fuzz_check_text (error->message);
      return;
    }
  fuzz_check_text (dsp_dispute_get_display_reference (dispute));
  check_labels (dispute);
  (void) dsp_dispute_get_urgency_group (dispute);

  newer = dsp_dispute_new_from_json (object, NULL);
  fuzz_check (newer != NULL, "a dispute reads the same twice");
  (void) dsp_dispute_compare_urgency (dispute, newer);
  dsp_dispute_update_from (dispute, newer);
  check_labels (dispute);
}
