/* dsp-checklist-group.h — what Klarna needs for the dispute's reason, each
 * ticked off as a document covers it (or by hand)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DSP_TYPE_CHECKLIST_GROUP (dsp_checklist_group_get_type ())
G_DECLARE_FINAL_TYPE (DspChecklistGroup, dsp_checklist_group, DSP, CHECKLIST_GROUP, AdwPreferencesGroup)

void        dsp_checklist_group_set_reason  (DspChecklistGroup  *self,
                                             const char         *reason);
void        dsp_checklist_group_set_covered (DspChecklistGroup  *self,
                                             const char * const *keys);
void        dsp_checklist_group_set_ticked  (DspChecklistGroup  *self,
                                             const char * const *keys);
GStrv       dsp_checklist_group_dup_ticked  (DspChecklistGroup  *self);
char       *dsp_checklist_group_dup_missing (DspChecklistGroup  *self);
const char *dsp_checklist_group_get_title   (DspChecklistGroup  *self,
                                             const char         *key);

G_END_DECLS
