/* fuzz-evidence.c — a file the owner adds as evidence: "NAME\nFIRST BYTES"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dsp-evidence.h"
#include "fuzz-util.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *rest = (const char *) data;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  const char *type;
  /* Sizes around the 7 MB limit, from the input's length. */
  goffset file_size;

  fuzz_init ();
  name = fuzz_next_line (&rest, &size);
  file_size = size == 0 ? 0 : (goffset) size * 262144 - (goffset) (size % 7);
  type = dsp_evidence_check_file (name, file_size, (const guint8 *) rest, MIN (size, DSP_EVIDENCE_SNIFF_BYTES), &error);
  fuzz_check ((type == NULL) != (error == NULL), "a file is either taken or refused with a reason");
  if (error)
    fuzz_check_text (error->message);
  else
    fuzz_check (g_utf8_validate (name, -1, NULL), "a file taken has a readable name");
  g_clear_error (&error);
  if (!dsp_evidence_check_count ((guint) size % 16, &error))
    fuzz_check_text (error->message);
  return 0;
}
