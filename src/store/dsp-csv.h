/* dsp-csv.h — rows for a spreadsheet: RFC 4180, and no cell it would run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void dsp_csv_add_text  (GString    *csv,
                        const char *text);
void dsp_csv_add_value (GString    *csv,
                        const char *value);
void dsp_csv_end_row   (GString    *csv);

G_END_DECLS
