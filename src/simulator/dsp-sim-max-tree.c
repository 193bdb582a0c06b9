/* dsp-sim-max-tree.c
 *
 * A complete binary tree in one array: leaves hold the values by position,
 * each inner node the largest value below it. Node 1 is the root; node i has
 * children 2i and 2i+1; leaf p is node capacity + p.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-simulator"

#include "config.h"

#include "dsp-sim-max-tree.h"

#define EMPTY G_MININT64

struct _SimMaxTree
{
  gint64 *nodes;
  guint   capacity;
  guint   length;
};

SimMaxTree *
sim_max_tree_new (void)
{
  SimMaxTree *tree = g_new0 (SimMaxTree, 1);

  tree->capacity = 1;
  tree->nodes = g_new (gint64, 2);
  tree->nodes[0] = tree->nodes[1] = EMPTY;
  return tree;
}

void
sim_max_tree_free (SimMaxTree *tree)
{
  g_free (tree->nodes);
  g_free (tree);
}

static void
fix_upwards (SimMaxTree *tree,
             guint       node)
{
  for (node /= 2; node >= 1; node /= 2)
    tree->nodes[node] = MAX (tree->nodes[2 * node], tree->nodes[2 * node + 1]);
}

/* Doubles the capacity: leaves move, inner nodes are computed again. */
static void
grow (SimMaxTree *tree)
{
  guint capacity = tree->capacity * 2;
  gint64 *nodes = g_new (gint64, 2 * capacity);

  for (guint i = 0; i < capacity; i++)
    nodes[capacity + i] = i < tree->length ? tree->nodes[tree->capacity + i] : EMPTY;
  for (guint node = capacity - 1; node >= 1; node--)
    nodes[node] = MAX (nodes[2 * node], nodes[2 * node + 1]);
  nodes[0] = EMPTY;
  g_free (tree->nodes);
  tree->nodes = nodes;
  tree->capacity = capacity;
}

void
sim_max_tree_append (SimMaxTree *tree,
                     gint64      value)
{
  if (tree->length == tree->capacity)
    grow (tree);
  tree->length++;
  sim_max_tree_set (tree, tree->length - 1, value);
}

void
sim_max_tree_set (SimMaxTree *tree,
                  guint       position,
                  gint64      value)
{
  g_return_if_fail (position < tree->length);

  tree->nodes[tree->capacity + position] = value;
  fix_upwards (tree, tree->capacity + position);
}

/* From an inner node known to reach the bound, down to its first (or last) leaf that does. */
static guint
descend (SimMaxTree *tree,
         guint       node,
         gint64      at_least,
         gboolean    leftmost)
{
  while (node < tree->capacity)
    {
      guint first = leftmost ? 2 * node : 2 * node + 1;

      node = tree->nodes[first] >= at_least ? first : (first ^ 1);
    }
  return node - tree->capacity;
}

/* The first position ≥ @from whose value is ≥ @at_least; the length when none. */
guint
sim_max_tree_next (SimMaxTree *tree,
                   guint       from,
                   gint64      at_least)
{
  guint node = tree->capacity + from;

  if (from >= tree->length)
    return tree->length;
  if (tree->nodes[node] >= at_least)
    return from;
  for (; node > 1; node /= 2)
    if (node % 2 == 0 && tree->nodes[node + 1] >= at_least)
      return MIN (descend (tree, node + 1, at_least, TRUE), tree->length);
  return tree->length;
}

/* The last position ≤ @from whose value is ≥ @at_least; SIM_MAX_TREE_NONE when none. */
guint
sim_max_tree_prev (SimMaxTree *tree,
                   guint       from,
                   gint64      at_least)
{
  guint node;

  if (tree->length == 0)
    return SIM_MAX_TREE_NONE;
  from = MIN (from, tree->length - 1);
  node = tree->capacity + from;
  if (tree->nodes[node] >= at_least)
    return from;
  for (; node > 1; node /= 2)
    if (node % 2 == 1 && tree->nodes[node - 1] >= at_least)
      return descend (tree, node - 1, at_least, FALSE);
  return SIM_MAX_TREE_NONE;
}
