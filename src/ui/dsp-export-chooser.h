/* dsp-export-chooser.h — where a CSV export goes, asked with the file chooser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dsp-query.h"

G_BEGIN_DECLS

void  dsp_export_chooser_async  (GtkWindow            *parent,
                                 GPtrArray            *sources,
                                 const DspQuery       *query,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
char *dsp_export_chooser_finish (GAsyncResult         *result,
                                 GError              **error);

G_END_DECLS
