/* dsp-checklist.h — what Klarna needs to decide a dispute of each reason
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *key;     /* kept with a draft: stable across languages */
  const char *title;   /* untranslated: pass through _() */
  const char *hint;    /* untranslated: pass through _() */
} DspChecklistItem;

const DspChecklistItem *dsp_checklist_for_reason (const char *reason,
                                                  guint      *n_items);

G_END_DECLS
