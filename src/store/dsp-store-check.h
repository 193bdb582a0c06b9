/* dsp-store-check.h — SQLite's whole look at the store's file, after the start
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dsp-store.h"

G_BEGIN_DECLS

void     dsp_store_check_async  (DspStore            *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
gboolean dsp_store_check_finish (DspStore            *self,
                                 GAsyncResult        *result,
                                 char               **notice,
                                 GError             **error);

G_END_DECLS
