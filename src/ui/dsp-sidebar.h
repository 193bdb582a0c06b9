/* dsp-sidebar.h — the list's side of the window, as wide whatever it shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DSP_TYPE_SIDEBAR (dsp_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (DspSidebar, dsp_sidebar, DSP, SIDEBAR, AdwBin)

G_END_DECLS
