/* dsp-evidence.h — what Klarna takes as evidence, checked before anything is sent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DSP_EVIDENCE_MAX_FILES       10
#define DSP_EVIDENCE_MAX_FILE_SIZE   (7 * 1024 * 1024)
#define DSP_EVIDENCE_MAX_TEXT        5000
#define DSP_APPEAL_MAX_TEXT          10000
#define DSP_EVIDENCE_MAX_NAME        1000
#define DSP_EVIDENCE_MAX_DESCRIPTION 1000
/* Enough of a file's start to tell its type. */
#define DSP_EVIDENCE_SNIFF_BYTES     8

#define DSP_EVIDENCE_ERROR (dsp_evidence_error_quark ())

typedef enum {
  DSP_EVIDENCE_ERROR_TYPE,
  DSP_EVIDENCE_ERROR_EXTENSION,
  DSP_EVIDENCE_ERROR_SIZE,
  DSP_EVIDENCE_ERROR_EMPTY,
  DSP_EVIDENCE_ERROR_COUNT,
  DSP_EVIDENCE_ERROR_NAME,
} DspEvidenceError;

GQuark      dsp_evidence_error_quark (void);
const char *dsp_evidence_check_file  (const char    *name,
                                      goffset        size,
                                      const guint8  *head,
                                      gsize          head_length,
                                      GError       **error);
gboolean    dsp_evidence_check_count (guint          count,
                                      GError       **error);
guint       dsp_evidence_text_length (const char    *text);
gboolean    dsp_evidence_text_is_blank (const char  *text);

G_END_DECLS
