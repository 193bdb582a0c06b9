/* dsp-store-files.h — an action's files, kept beside the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dsp-store.h"

G_BEGIN_DECLS

char     *dsp_store_files_dir   (DspStore    *self);
gboolean  dsp_store_files_write (const char  *dir,
                                 gint64       action_id,
                                 guint        position,
                                 GBytes      *data,
                                 GError     **error);
GBytes   *dsp_store_files_read  (const char  *dir,
                                 gint64       action_id,
                                 guint        position,
                                 gsize        size);

G_END_DECLS
