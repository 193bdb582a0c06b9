/* dsp-evidence-dialog.h — the answer to Klarna (evidence, or an appeal): text,
 * files checked before anything is sent, a confirmation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dsp-action.h"
#include "dsp-source.h"

G_BEGIN_DECLS

#define DSP_TYPE_EVIDENCE_DIALOG (dsp_evidence_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DspEvidenceDialog, dsp_evidence_dialog, DSP, EVIDENCE_DIALOG, AdwWindow)

DspEvidenceDialog *dsp_evidence_dialog_new       (GtkWindow         *parent,
                                                  DspSource         *source,
                                                  DspDispute        *dispute,
                                                  DspActionKind      kind);
void               dsp_evidence_dialog_add_file  (DspEvidenceDialog *self,
                                                  GFile             *file);
void               dsp_evidence_dialog_add_file_for (DspEvidenceDialog *self,
                                                     GFile             *file,
                                                     const char        *item);
guint              dsp_evidence_dialog_get_n_files (DspEvidenceDialog *self);

G_END_DECLS
