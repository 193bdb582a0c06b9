/* dsp-account-dialog.h — add or edit one Klarna account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dsp-accounts.h"

G_BEGIN_DECLS

#define DSP_TYPE_ACCOUNT_DIALOG (dsp_account_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DspAccountDialog, dsp_account_dialog, DSP, ACCOUNT_DIALOG, AdwWindow)

DspAccountDialog *dsp_account_dialog_new        (GtkWindow        *parent,
                                                 DspAccounts      *accounts,
                                                 DspAccount       *account);
const char       *dsp_account_dialog_get_status (DspAccountDialog *self);
gboolean          dsp_account_dialog_is_busy    (DspAccountDialog *self);

G_END_DECLS
