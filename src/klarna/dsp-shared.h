/* dsp-shared.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *dsp_shared_dup     (const char *text);
void  dsp_shared_release (char       *text);
void  dsp_shared_clear   (char      **slot);
void  dsp_shared_set     (char      **slot,
                          const char *text);

G_END_DECLS
