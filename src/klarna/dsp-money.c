/* dsp-money.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-money"

#include "config.h"

#include <limits.h>
#include <locale.h>
#include <string.h>

#include "dsp-money.h"

typedef struct {
  const char *code;
  const char *symbol;
} Currency;

/* Symbols that name one currency wherever they are read. "kr" is Swedish,
 * Norwegian and Danish, so it is used only for the desktop's own currency. */
static const Currency currencies[] = {
  { "EUR", "€" }, { "USD", "$" }, { "GBP", "£" }, { "AUD", "A$" }, { "CAD", "CA$" },
  { "NZD", "NZ$" }, { "JPY", "¥" }, { "PLN", "zł" }, { "CZK", "Kč" },
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

static gsize
bounded_length (const char *text,
                gsize       max)
{
  gsize n = 0;

  while (text && n < max && text[n] != '\0')
    n++;
  return n;
}

/* The locale's own currency ("SEK" under sv_SE) is written with the
 * locale's symbol ("kr"); others with a symbol of their own or their code. */
static char *
currency_symbol (const struct lconv *lc,
                 const char         *code)
{
  if (code && lc->int_curr_symbol && strlen (code) == 3 &&
      g_ascii_strncasecmp (lc->int_curr_symbol, code, 3) == 0 &&
      lc->currency_symbol && *lc->currency_symbol)
    return g_strdup (lc->currency_symbol);
  for (gsize i = 0; code && i < G_N_ELEMENTS (currencies); i++)
    if (g_ascii_strcasecmp (code, currencies[i].code) == 0)
      return g_strdup (currencies[i].symbol);
  return g_utf8_make_valid (code ? code : "", (gssize) bounded_length (code, 8));
}

/* Digits with the locale's thousands separator, after its grouping ("3;3");
 * a locale without one (C) groups in threes with commas, as English does. */
static void
append_grouped (GString            *out,
                const char         *digits,
                const struct lconv *lc)
{
  const char *separator = *lc->mon_thousands_sep ? lc->mon_thousands_sep : ",";
  const char *grouping = *lc->mon_decimal_point ? lc->mon_grouping : "\3";
  gsize length = strlen (digits), breaks[32], n_breaks = 0, at = length;
  int group = 0;

  for (const char *g = grouping; n_breaks < G_N_ELEMENTS (breaks); g += (g[1] != '\0'))
    {
      group = *g;
      if (group <= 0 || group == CHAR_MAX || (gsize) group >= at)
        break;
      at -= (gsize) group;
      breaks[n_breaks++] = at;
    }
  for (gsize i = 0; i < length; i++)
    {
      for (gsize b = 0; b < n_breaks; b++)
        if (breaks[b] == i)
          g_string_append (out, separator);
      g_string_append_c (out, digits[i]);
    }
}

/* Between an amount and its symbol: the two never part at a line's end. */
#define NBSP "\302\240"

/* Integer arithmetic only: money never passes through a double. */
static void
append_number (GString            *out,
               guint64             magnitude,
               guint               exponent,
               const struct lconv *lc)
{
  const char *point = *lc->mon_decimal_point ? lc->mon_decimal_point : ".";
  guint64 scale = 1;
  char whole[32];

  for (guint i = 0; i < exponent; i++)
    scale *= 10;
  g_snprintf (whole, sizeof whole, "%" G_GUINT64_FORMAT, magnitude / scale);
  append_grouped (out, whole, lc);
  if (exponent > 0)
    g_string_append_printf (out, "%s%0*" G_GUINT64_FORMAT, point, (int) exponent, magnitude % scale);
}

/**
 * dsp_money_format:
 *
 * An amount as the desktop's locale writes money: "€1,198.14" in English,
 * "1.198,14 €" in German, "4 165,70 kr" in Swedish. The symbol stands where
 * the locale puts its own; a symbol several currencies share is never used
 * for a foreign one ("SEK 4,165.70" in English, "89,00 NOK" in Swedish), so
 * amounts side by side always say which currency they are in.
 */
char *
dsp_money_format (gint64      minor_units,
                  const char *currency)
{
  const struct lconv *lc = localeconv ();
  gboolean negative = minor_units < 0;
  guint64 magnitude = negative ? (guint64) 0 - (guint64) minor_units : (guint64) minor_units;
  g_autofree char *symbol = currency_symbol (lc, currency);
  gboolean letters = g_ascii_isalpha (symbol[0]) && g_ascii_isalpha (symbol[strlen (symbol) - 1]);
  gboolean before = lc->p_cs_precedes == CHAR_MAX ? TRUE : lc->p_cs_precedes != 0;
  gboolean space = lc->p_sep_by_space == CHAR_MAX ? letters : lc->p_sep_by_space != 0 || letters;
  GString *out = g_string_new (negative ? "−" : "");

  if (before)
    g_string_append_printf (out, "%s%s", symbol, space && *symbol ? NBSP : "");
  append_number (out, magnitude, dsp_currency_exponent (currency), lc);
  if (!before)
    g_string_append_printf (out, "%s%s", space && *symbol ? NBSP : "", symbol);
  return g_string_free (out, FALSE);
}
/* "1198.14", "-5.00", "3500" (JPY): for files read by programs, the same
 * in every language. */
char *
dsp_money_format_plain (gint64      minor_units,
                        const char *currency)
{
  guint exponent = dsp_currency_exponent (currency);
  guint64 magnitude = minor_units < 0 ? -(guint64) minor_units : (guint64) minor_units;
  guint64 unit = 1;

  for (guint i = 0; i < exponent; i++)
    unit *= 10;
  if (exponent == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, minor_units < 0 ? "-" : "", magnitude);
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT, minor_units < 0 ? "-" : "",
                          magnitude / unit, (int) exponent, magnitude % unit);
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
