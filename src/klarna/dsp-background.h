/* dsp-background.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void dsp_background_lower_thread (void);
void dsp_background_release      (gpointer       data,
                                  GDestroyNotify free_func);

G_END_DECLS
