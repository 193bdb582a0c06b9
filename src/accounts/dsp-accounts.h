/* dsp-accounts.h — every connected Klarna store, as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dsp-account.h"

G_BEGIN_DECLS

#define DSP_TYPE_ACCOUNTS (dsp_accounts_get_type ())
G_DECLARE_FINAL_TYPE (DspAccounts, dsp_accounts, DSP, ACCOUNTS, GObject)

DspAccounts *dsp_accounts_new             (GSettings           *settings);
GListModel  *dsp_accounts_get_model       (DspAccounts         *self);
DspAccount  *dsp_accounts_find            (DspAccounts         *self,
                                           const char          *id);
void         dsp_accounts_save_async      (DspAccounts         *self,
                                           const char          *account_id,
                                           GSettings           *edits,
                                           const char          *api_key,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
DspAccount  *dsp_accounts_save_finish     (DspAccounts         *self,
                                           GAsyncResult        *result,
                                           GError             **error);
GSettings   *dsp_accounts_edit            (const char          *account_id);
void         dsp_accounts_remove_async    (DspAccounts         *self,
                                           DspAccount          *account,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean     dsp_accounts_remove_finish   (DspAccounts         *self,
                                           GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
