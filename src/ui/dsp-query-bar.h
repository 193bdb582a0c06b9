/* dsp-query-bar.h — the search, the filters with their counts, the order,
 * and the money at stake, above the list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dsp-refresher.h"

G_BEGIN_DECLS

#define DSP_TYPE_QUERY_BAR (dsp_query_bar_get_type ())
G_DECLARE_FINAL_TYPE (DspQueryBar, dsp_query_bar, DSP, QUERY_BAR, AdwBin)

void          dsp_query_bar_set_refresher (DspQueryBar  *self,
                                           DspRefresher *refresher);
GtkSearchBar *dsp_query_bar_get_search_bar (DspQueryBar *self);
void          dsp_query_bar_choose_group  (DspQueryBar  *self,
                                           guint         position);

G_END_DECLS
