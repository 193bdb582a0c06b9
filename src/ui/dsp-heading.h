/* dsp-heading.h — a preferences group's title that screen readers know as a heading
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void dsp_heading_promote         (AdwPreferencesGroup *group);
void dsp_heading_promote_all     (GtkWidget           *root);
void dsp_heading_set_title       (AdwPreferencesGroup *group,
                                  const char          *title);
void dsp_heading_set_description (AdwPreferencesGroup *group,
                                  const char          *description);

G_END_DECLS
