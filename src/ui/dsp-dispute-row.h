/* dsp-dispute-row.h — one dispute in the list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dsp-dispute-item.h"

G_BEGIN_DECLS

#define DSP_TYPE_DISPUTE_ROW (dsp_dispute_row_get_type ())
G_DECLARE_FINAL_TYPE (DspDisputeRow, dsp_dispute_row, DSP, DISPUTE_ROW, GtkWidget)

GtkWidget  *dsp_dispute_row_new         (void);
DspDisputeItem *dsp_dispute_row_get_dispute (DspDisputeRow *self);
void        dsp_dispute_row_set_dispute (DspDisputeRow *self,
                                         DspDisputeItem *dispute);
void        dsp_dispute_row_popup_menu  (DspDisputeRow *self,
                                         double         x,
                                         double         y);
GMenuModel *dsp_dispute_row_get_menu_model (DspDisputeRow *self);
void        dsp_dispute_row_add_menu_gestures (GtkWidget *list);
const char *dsp_status_css_class        (DspStatus      status);

GtkListItemFactory *dsp_dispute_row_factory_new (void);

G_END_DECLS
