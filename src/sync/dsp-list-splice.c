/* dsp-list-splice.c
 *
 * A synced page changes a hundred rows of a view that may hold a hundred
 * thousand. The new view is the old one with the changed rows taken out
 * (@gone: their positions) and the rows that belong sorted in (@movers:
 * each before the old row it now precedes, found by the caller with a
 * binary search while the old view was still in order). The rows that stay
 * are moved over with their references, never taken again: the view's
 * pointers are copied, the items themselves are not touched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib-object.h>

#include "dsp-list-splice.h"

static int
by_position (gconstpointer a,
             gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

typedef struct {
  GCompareDataFunc compare;
  gpointer         data;
} Order;

/* By the old row they go before, then in the view's order. */
static int
by_place (gconstpointer a,
          gconstpointer b,
          gpointer      user_data)
{
  const DspListMover *x = a, *y = b;
  Order *order = user_data;

  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;
  return order->compare (x->item, y->item, order->data);
}

/* Returns: (transfer full): the new view (it unrefs its items). @old
 * keeps its rows to compare with, but no longer owns them: their
 * references moved to the new view, or to @dropped for the rows @gone. */
GPtrArray *
dsp_list_splice (GPtrArray        *old,
                 GArray           *gone,
                 GArray           *movers,
                 GCompareDataFunc  compare,
                 gpointer          data,
                 GPtrArray        *dropped)
{
  GPtrArray *next = g_ptr_array_new_full (old->len - MIN (gone->len, old->len) + movers->len, g_object_unref);
  Order order = { compare, data };
  guint g = 0, m = 0;

  g_array_sort (gone, by_position);
  g_array_sort_with_data (movers, by_place, &order);
  for (guint i = 0; i < old->len; i++)
    {
      for (; m < movers->len && g_array_index (movers, DspListMover, m).at <= i; m++)
        g_ptr_array_add (next, g_array_index (movers, DspListMover, m).item);
      if (g < gone->len && g_array_index (gone, guint, g) == i)
        {
          for (; g < gone->len && g_array_index (gone, guint, g) == i; g++)
            ;
          g_ptr_array_add (dropped, old->pdata[i]);
          continue;
        }
      g_ptr_array_add (next, old->pdata[i]);
    }
  for (; m < movers->len; m++)
    g_ptr_array_add (next, g_array_index (movers, DspListMover, m).item);
  /* the references went with the rows */
  g_ptr_array_set_free_func (old, NULL);
  return next;
}
