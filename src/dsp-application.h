/* dsp-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dsp-accounts.h"
#include "dsp-refresher.h"
#include "dsp-store.h"

G_BEGIN_DECLS

#define DSP_TYPE_APPLICATION (dsp_application_get_type ())
G_DECLARE_FINAL_TYPE (DspApplication, dsp_application, DSP, APPLICATION, AdwApplication)

DspApplication *dsp_application_new        (void);
gboolean        dsp_application_demo_arrival (gpointer     self);
gboolean        dsp_application_start_demo (DspApplication  *self,
                                            GError         **error);

DspAccounts    *dsp_application_get_accounts (DspApplication  *self);
DspStore       *dsp_application_get_store    (DspApplication  *self);
DspRefresher   *dsp_application_get_refresher (DspApplication *self);
void            dsp_application_check_store  (DspApplication  *self);

G_END_DECLS
