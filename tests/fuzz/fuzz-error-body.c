/* fuzz-error-body.c — an HTTP error from Klarna: "STATUS\nBODY"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dsp-client-error.h"
#include "dsp-client-status.h"
#include "fuzz-util.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *rest = (const char *) data;
  g_autofree char *line = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  guint64 status = 400;

  fuzz_init ();
  line = fuzz_next_line (&rest, &size);
  g_ascii_string_to_unsigned (line, 10, 100, 599, &status, NULL);
  body = g_bytes_new (rest, size);
  error = dsp_client_status_to_error ((guint) status, body, (guint) (size % 90));
  fuzz_check (error != NULL && error->domain == DSP_CLIENT_ERROR, "an error in the client's own words");
  fuzz_check_text (error->message);
  fuzz_check (g_utf8_strlen (error->message, -1) < 500, "an error message of reasonable length");
  return 0;
}
