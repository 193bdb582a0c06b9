/* dsp-sim-max-tree.h — the largest of many values, per range of positions,
 * to find the next position whose value reaches a bound without looking at
 * every position in between
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SimMaxTree SimMaxTree;

#define SIM_MAX_TREE_NONE G_MAXUINT

SimMaxTree *sim_max_tree_new     (void);
void        sim_max_tree_free    (SimMaxTree *tree);
void        sim_max_tree_append  (SimMaxTree *tree,
                                  gint64      value);
void        sim_max_tree_set     (SimMaxTree *tree,
                                  guint       position,
                                  gint64      value);
guint       sim_max_tree_next    (SimMaxTree *tree,
                                  guint       from,
                                  gint64      at_least);
guint       sim_max_tree_prev    (SimMaxTree *tree,
                                  guint       from,
                                  gint64      at_least);

G_END_DECLS
