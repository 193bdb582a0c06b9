/* dsp-dropdown-name.h — a dropdown's button named as a screen reader should read it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void dsp_dropdown_name_follow (GtkDropDown *dropdown,
                               const char  *name);
void dsp_dropdown_name_update (GtkDropDown *dropdown);

G_END_DECLS
