/* dsp-store-export.h — a view of the store as rows of a spreadsheet (CSV)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dsp-query.h"
#include "dsp-store.h"

G_BEGIN_DECLS

/* One dispute's row, and the item it was read for (to merge stores' rows
 * in the view's order). */
typedef struct {
  DspDisputeItem *item;
  char           *csv;
} DspExportRow;

void    dsp_export_row_free        (DspExportRow        *row);
char   *dsp_export_header          (void);
void    dsp_store_export_async     (DspStore            *self,
                                    const char * const  *sources,
                                    const char * const  *names,
                                    const DspQuery      *query,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
GPtrArray *dsp_store_export_finish (DspStore            *self,
                                    GAsyncResult        *result,
                                    GError             **error);

G_END_DECLS
