/* dsp-labels.h — Klarna's codes in a shop owner's words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *dsp_code_tidy        (const char *code);
char *dsp_reason_to_string (const char *reason);
char *dsp_outcome_to_string (const char *outcome_detailed);
char *dsp_sync_progress_to_string (guint  fetched,
                                   guint  total,
                                   gint64 elapsed_ms);

G_END_DECLS
