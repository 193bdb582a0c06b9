/* dsp-evidence.c
 *
 * PDF, JPEG, PNG or DOCX; at most 7 MB; at most 10; the name's extension
 * matching the content — told by the first bytes, never by the name alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-evidence"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dsp-evidence.h"

G_DEFINE_QUARK (dsp-evidence-error-quark, dsp_evidence_error)

typedef struct {
  const char *content_type;
  const char *magic;
  gsize       magic_length;
  const char *extensions[3];
  const char *rename_to;
} Kind;

static const Kind kinds[] = {
  { "application/pdf", "%PDF-", 5, { ".pdf", NULL }, ".pdf" },
  { "image/jpeg", "\xff\xd8\xff", 3, { ".jpg", ".jpeg", NULL }, ".jpg" },
  { "image/png", "\x89PNG\r\n\x1a\n", 8, { ".png", NULL }, ".png" },
  /* A Word document is a ZIP archive. */
  { "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "PK\x03\x04", 4,
    { ".docx", NULL }, ".docx" },
};

static const Kind *
sniff (const guint8 *head,
       gsize         length)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (length >= kinds[i].magic_length && memcmp (head, kinds[i].magic, kinds[i].magic_length) == 0)
      return &kinds[i];
  return NULL;
}

static gboolean
has_extension (const Kind *kind,
               const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (guint i = 0; kind->extensions[i]; i++)
    if (g_str_has_suffix (lower, kind->extensions[i]))
      return TRUE;
  return FALSE;
}

/**
 * dsp_evidence_check_file:
 * @head: the file's first bytes (at least DSP_EVIDENCE_SNIFF_BYTES when it has them)
 *
 * Returns: (nullable): the content type to send, or NULL with the reason in
 *   words a shop owner understands
 */
const char *
dsp_evidence_check_file (const char    *name,
                         goffset        size,
                         const guint8  *head,
                         gsize          head_length,
                         GError       **error)
{
  const Kind *kind;
  /* A file name is bytes: the owner reads it as UTF-8. */
  g_autofree char *readable = g_utf8_make_valid (name, -1);

  if (size == 0)
    {
      g_set_error (error, DSP_EVIDENCE_ERROR, DSP_EVIDENCE_ERROR_EMPTY, _("“%s” is empty."), readable);
      return NULL;
    }
  if (size > DSP_EVIDENCE_MAX_FILE_SIZE)
    {
      g_autofree char *shown = g_format_size (size);

      g_set_error (error, DSP_EVIDENCE_ERROR, DSP_EVIDENCE_ERROR_SIZE,
                   _("“%s” is %s; Klarna takes files of up to 7 MB. Make it smaller, for example by scanning at a lower resolution."),
                   readable, shown);
      return NULL;
    }
  if (strlen (name) > DSP_EVIDENCE_MAX_NAME || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, DSP_EVIDENCE_ERROR, DSP_EVIDENCE_ERROR_NAME,
                           _("This file’s name is too long or unreadable for Klarna. Rename it and add it again."));
      return NULL;
    }
  kind = sniff (head, head_length);
  if (kind == NULL)
    {
      g_set_error (error, DSP_EVIDENCE_ERROR, DSP_EVIDENCE_ERROR_TYPE,
                   _("“%s” is not a PDF, JPEG, PNG or Word (DOCX) file, the only kinds Klarna takes. Save or export it as a PDF."),
                   name);
      return NULL;
    }
  if (!has_extension (kind, name))
    {
      g_set_error (error, DSP_EVIDENCE_ERROR, DSP_EVIDENCE_ERROR_EXTENSION,
                   /* Translators: a file name, then the ending it should have, e.g. “.pdf” */
                   _("“%s” does not end in %s although that is what it holds; Klarna refuses such files. Rename it and add it again."),
                   name, kind->rename_to);
      return NULL;
    }
  return kind->content_type;
}

/* Whether @count files are within Klarna's limit. */
gboolean
dsp_evidence_check_count (guint    count,
                          GError **error)
{
  if (count <= DSP_EVIDENCE_MAX_FILES)
    return TRUE;
  g_set_error (error, DSP_EVIDENCE_ERROR, DSP_EVIDENCE_ERROR_COUNT,
               _("Klarna takes at most %d files with one answer."), DSP_EVIDENCE_MAX_FILES);
  return FALSE;
}

/* Characters as Klarna counts them (Unicode characters, not bytes). */
guint
dsp_evidence_text_length (const char *text)
{
  return text ? g_utf8_strlen (text, -1) : 0;
}

/* Nothing but spaces (or NULL): nothing said. */
gboolean
dsp_evidence_text_is_blank (const char *text)
{
  for (; text && *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}
