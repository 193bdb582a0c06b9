/* dsp-money.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-money"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "dsp-money.h"

typedef struct {
  const char *code;
  const char *symbol;
  gboolean    symbol_first;
} Currency;

static const Currency currencies[] = {
  { "EUR", "€", TRUE }, { "USD", "$", TRUE }, { "GBP", "£", TRUE },
  { "AUD", "A$", TRUE }, { "CAD", "CA$", TRUE }, { "NZD", "NZ$", TRUE },
  { "CHF", "CHF", TRUE }, { "SEK", "kr", FALSE }, { "NOK", "kr", FALSE },
  { "DKK", "kr.", FALSE }, { "PLN", "zł", FALSE }, { "CZK", "Kč", FALSE },
  { "JPY", "¥", TRUE },
};

guint
dsp_currency_exponent (const char *currency)
{
  static const char *zero_decimal[] = { "JPY", "KRW", "ISK", "CLP", "VND", "HUF" };

  for (gsize i = 0; currency && i < G_N_ELEMENTS (zero_decimal); i++)
    if (g_ascii_strcasecmp (currency, zero_decimal[i]) == 0)
      return 0;
  return 2;
}

static const Currency *
find_currency (const char *code)
{
  for (gsize i = 0; code && i < G_N_ELEMENTS (currencies); i++)
    if (g_ascii_strcasecmp (code, currencies[i].code) == 0)
      return &currencies[i];
  return NULL;
}

/* Integer arithmetic only: money never passes through a double. */
static char *
format_number (guint64 magnitude,
               guint   exponent)
{
  struct lconv *lc = localeconv ();
  const char *point = (lc->decimal_point && *lc->decimal_point) ? lc->decimal_point : ".";
  guint64 scale = 1;
  char whole[64];

  for (guint i = 0; i < exponent; i++)
    scale *= 10;
  snprintf (whole, sizeof whole, "%'" G_GUINT64_FORMAT, magnitude / scale);
  if (exponent == 0)
    return g_strdup (whole);
  return g_strdup_printf ("%s%s%0*" G_GUINT64_FORMAT, whole, point,
                          (int) exponent, magnitude % scale);
}

static gsize
bounded_length (const char *text,
                gsize       max)
{
  gsize n = 0;

  while (text && n < max && text[n] != '\0')
    n++;
  return n;
}

char *
dsp_money_format (gint64      minor_units,
                  const char *currency)
{
  const Currency *known = find_currency (currency);
  gboolean negative = minor_units < 0;
  guint64 magnitude = negative ? (guint64) 0 - (guint64) minor_units : (guint64) minor_units;
  g_autofree char *number = format_number (magnitude, dsp_currency_exponent (currency));
  const char *sign = negative ? "−" : "";
  g_autofree char *code = NULL;

  if (known && known->symbol_first)
    return g_strdup_printf ("%s%s%s", sign, known->symbol, number);
  if (known)
    return g_strdup_printf ("%s%s %s", sign, number, known->symbol);

  code = g_utf8_make_valid (currency ? currency : "", (gssize) bounded_length (currency, 8));
  return g_strdup_printf ("%s%s %s", sign, number, code);
}

/* "kr" is Swedish, Norwegian and (with a point) Danish. */
static gboolean
symbol_is_shared (const Currency *known)
{
  return g_str_has_prefix (known->symbol, "kr");
}

/* The same, but with the ISO code where a symbol would not tell currencies
 * apart ("SEK 12,300.00" beside "NOK 4,100.00"), as in a sum over several. */
char *
dsp_money_format_distinct (gint64      minor_units,
                           const char *currency)
{
  const Currency *known = find_currency (currency);
  gboolean negative = minor_units < 0;
  guint64 magnitude = negative ? (guint64) 0 - (guint64) minor_units : (guint64) minor_units;
  g_autofree char *number = NULL;

  if (known == NULL || !symbol_is_shared (known))
    return dsp_money_format (minor_units, currency);
  number = format_number (magnitude, dsp_currency_exponent (currency));
  return g_strdup_printf ("%s %s%s", known->code, negative ? "−" : "", number);
}

/* Nothing Klarna settles comes near this; checked before every step, so
 * the arithmetic below never wraps. */
#define MAX_MINOR_UNITS G_GINT64_CONSTANT (1000000000000000)

static gboolean
append_digit (gint64 *value,
              int     digit)
{
  if (*value > (MAX_MINOR_UNITS - digit) / 10)
    return FALSE;
  *value = *value * 10 + digit;
  return TRUE;
}

/**
 * dsp_money_parse:
 * @text: what the owner typed: "12", "12.5", "12,50"
 *
 * Reads an amount in @currency's major units into minor units, in integer
 * arithmetic. Refuses signs, letters, more decimals than the currency has,
 * and amounts too large to be real: any digit string is read exactly or
 * refused, never wrapped.
 */
gboolean
dsp_money_parse (const char *text,
                 const char *currency,
                 gint64     *minor_units)
{
  guint exponent = dsp_currency_exponent (currency), decimals = 0;
  gboolean seen_separator = FALSE, seen_digit = FALSE;
  gint64 value = 0;

  for (const char *p = text ? text : ""; *p; p++)
    {
      if (g_ascii_isspace (*p))
        continue;
      if ((*p == '.' || *p == ',') && !seen_separator && exponent > 0)
        {
          seen_separator = TRUE;
          continue;
        }
      if (!g_ascii_isdigit (*p) || (seen_separator && decimals == exponent) || !append_digit (&value, *p - '0'))
        return FALSE;
      decimals += seen_separator;
      seen_digit = TRUE;
    }
  for (; decimals < exponent; decimals++)
    if (!append_digit (&value, 0))
      return FALSE;
  if (!seen_digit)
    return FALSE;
  *minor_units = value;
  return TRUE;
}
