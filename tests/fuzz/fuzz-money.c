/* fuzz-money.c — an amount typed by the owner: "CURRENCY\nTEXT"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dsp-money.h"
#include "fuzz-util.h"

/* The digits typed, decimals padded to the currency's: what the amount must be. */
static char *
expected_digits (const char *text,
                 guint       exponent)
{
  GString *digits = g_string_new (NULL);
  const char *separator = strpbrk (text, ".,");
  guint decimals = 0;

  for (const char *p = text; *p; p++)
    if (g_ascii_isdigit (*p))
      {
        if (digits->len > 0 || *p != '0' || (separator && p > separator))
          g_string_append_c (digits, *p);
        decimals += separator && p > separator;
      }
  for (; decimals < exponent; decimals++)
    g_string_append_c (digits, '0');
  while (digits->len > 1 && digits->str[0] == '0')
    g_string_erase (digits, 0, 1);
  if (digits->len == 0)
    g_string_append_c (digits, '0');
  return g_string_free (digits, FALSE);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *rest = (const char *) data;
  g_autofree char *currency = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *read = NULL;
  g_autofree char *shown = NULL;
  gint64 minor = -1;

  fuzz_init ();
  currency = fuzz_next_line (&rest, &size);
  text = g_strndup (rest, size);
  if (!dsp_money_parse (text, currency, &minor))
    {
      fuzz_check (minor == -1, "a refused amount leaves the result alone");
      return 0;
    }
  fuzz_check (minor >= 0 && minor <= G_GINT64_CONSTANT (1000000000000000), "an amount within the limit");
  expected = expected_digits (text, dsp_currency_exponent (currency));
  read = g_strdup_printf ("%" G_GINT64_FORMAT, minor);
  fuzz_check (g_str_equal (expected, read), "an amount is read exactly as typed");
  shown = dsp_money_format (minor, currency);
  fuzz_check_text (shown);
  return 0;
}
