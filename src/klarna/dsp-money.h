/* dsp-money.h — amounts in minor units, formatted for people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

guint  dsp_currency_exponent (const char *currency);
char  *dsp_money_format      (gint64      minor_units,
                              const char *currency);
char  *dsp_money_format_plain (gint64     minor_units,
                               const char *currency);
gboolean dsp_money_parse     (const char *text,
                              const char *currency,
                              gint64     *minor_units);

G_END_DECLS
