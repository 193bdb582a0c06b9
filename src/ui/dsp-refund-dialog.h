/* dsp-refund-dialog.h — all or part of an order paid back through Klarna
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dsp-source.h"

G_BEGIN_DECLS

#define DSP_TYPE_REFUND_DIALOG (dsp_refund_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DspRefundDialog, dsp_refund_dialog, DSP, REFUND_DIALOG, AdwWindow)

DspRefundDialog *dsp_refund_dialog_new (GtkWindow  *parent,
                                        DspSource  *source,
                                        DspDispute *dispute,
                                        DspOrder   *order);

G_END_DECLS
