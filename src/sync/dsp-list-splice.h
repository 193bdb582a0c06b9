/* dsp-list-splice.h — a sorted view with some rows taken out and others sorted in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @item (a reference the splice takes) goes before the old view's row @at. */
typedef struct {
  gpointer item;
  guint    at;
} DspListMover;

GPtrArray *dsp_list_splice (GPtrArray        *old,
                            GArray           *gone,
                            GArray           *movers,
                            GCompareDataFunc  compare,
                            gpointer          data,
                            GPtrArray        *dropped);

G_END_DECLS
