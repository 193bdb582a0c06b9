/* dsp-query.c
 *
 * The question a view asks of the disputes: a state group, a store, a
 * search text and an order. Plain functions, so the answer can come from
 * objects in memory or, later, from the store's own index.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-query"

#include "config.h"

#include <string.h>

#include "dsp-query.h"

G_DEFINE_BOXED_TYPE (DspQuery, dsp_query, dsp_query_copy, dsp_query_free)

DspQuery *
dsp_query_new (void)
{
  return g_new0 (DspQuery, 1);
}

DspQuery *
dsp_query_copy (const DspQuery *query)
{
  DspQuery *copy = g_new0 (DspQuery, 1);

  *copy = *query;
  copy->source_id = g_strdup (query->source_id);
  copy->text = g_strdup (query->text);
  copy->reason = g_strdup (query->reason);
  return copy;
}

void
dsp_query_free (DspQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->source_id);
  g_free (query->text);
  g_free (query->reason);
  g_free (query);
}

gboolean
dsp_query_equal (const DspQuery *a,
                 const DspQuery *b)
{
  return a->group == b->group && a->sort == b->sort && g_strcmp0 (a->source_id, b->source_id) == 0 &&
         g_strcmp0 (a->reason, b->reason) == 0 &&
         g_strcmp0 (a->text ? a->text : "", b->text ? b->text : "") == 0;
}

gboolean
dsp_query_in_group (DspQueryGroup group,
                    DspStatus     status)
{
  switch (group)
    {
    case DSP_QUERY_NEEDS_RESPONSE:
      return status == DSP_STATUS_NEEDS_RESPONSE;
    case DSP_QUERY_IN_REVIEW:
      return status == DSP_STATUS_IN_REVIEW || status == DSP_STATUS_APPEAL_REVIEW;
    case DSP_QUERY_PRELIMINARY_LOSS:
      return status == DSP_STATUS_PRELIMINARY_LOSS;
    case DSP_QUERY_RESOLVED:
      return status == DSP_STATUS_RESOLVED;
    case DSP_QUERY_CLOSED:
      return status == DSP_STATUS_WON || status == DSP_STATUS_LOST || status == DSP_STATUS_CLOSED;
    case DSP_QUERY_ALL:
    case DSP_QUERY_N_GROUPS:
    default:
      return TRUE;
    }
}

gboolean
dsp_query_has_text (const DspQuery *query)
{
  for (const char *c = query->text; c && *c; c++)
    if (!g_ascii_isspace (*c))
      return TRUE;
  return FALSE;
}

/* The state group, the store and the reason; the search is the store's
 * (dsp_store_tally_async() says which disputes it finds). */
gboolean
dsp_query_matches (const DspQuery *query,
                   DspDisputeItem *item)
{
  return dsp_query_in_group (query->group, dsp_dispute_item_get_status (item)) &&
         (query->source_id == NULL || g_strcmp0 (dsp_dispute_item_get_source_id (item), query->source_id) == 0) &&
         (query->reason == NULL || g_strcmp0 (dsp_dispute_item_get_reason (item), query->reason) == 0);
}

static int
compare_int (gint64 a,
             gint64 b)
{
  return (a > b) - (a < b);
}

/* What an order compares, taken from an item once (a sort of a hundred
 * thousand compares each item many times). */
typedef struct {
  DspDisputeItem *item;
  DspItemKeys     k;
} Keys;

static void
keys_of (DspDisputeItem *item,
         Keys           *keys)
{
  keys->item = item;
  dsp_dispute_item_get_keys (item, &keys->k);
}

/* Disputes without a deadline come after those with one. */
static int
compare_deadline (gint64 x,
                  gint64 y)
{
  if ((x == 0) != (y == 0))
    return x == 0 ? 1 : -1;
  return compare_int (x, y);
}

/* The order @sort asks for; ties go by urgency (as
 * dsp_dispute_compare_urgency(), then the store), so the order is total. */
static int
compare_keys (DspQuerySort  sort,
              const Keys   *a,
              const Keys   *b)
{
  int order = 0;

  switch (sort)
    {
    case DSP_QUERY_SORT_DEADLINE:
      order = compare_deadline (a->k.deadline, b->k.deadline);
      break;
    case DSP_QUERY_SORT_AMOUNT:
      /* within a currency, largest first */
      order = g_strcmp0 (a->k.currency, b->k.currency);
      if (order == 0)
        order = compare_int (b->k.amount, a->k.amount);
      break;
    case DSP_QUERY_SORT_NEWEST:
      order = compare_int (b->k.created_at, a->k.created_at);
      break;
    case DSP_QUERY_SORT_ORDER:
      order = g_strcmp0 (a->k.reference, b->k.reference);
      break;
    case DSP_QUERY_SORT_URGENCY:
    default:
      break;
    }
  if (order == 0)
    order = dsp_urgency_compare (a->k.urgency_group, a->k.urgency_key, a->k.id, b->k.urgency_group, b->k.urgency_key, b->k.id);
  return order != 0 ? order : g_strcmp0 (a->k.source_id, b->k.source_id);
}

int
dsp_query_compare (const DspQuery *query,
                   DspDisputeItem *a,
                   DspDisputeItem *b)
{
  Keys x, y;

  keys_of (a, &x);
  keys_of (b, &y);
  return compare_keys (query->sort, &x, &y);
}

static int
compare_keyed (gconstpointer a,
               gconstpointer b,
               gpointer      sort)
{
  return compare_keys (GPOINTER_TO_INT (sort), a, b);
}

/* Sorts @items (DspDisputeItem) in @query's order, each item's keys taken
 * once: only while no other thread changes them (a fresh answer). */
void
dsp_query_sort (const DspQuery *query,
                GPtrArray      *items)
{
  g_autofree Keys *keys = g_new (Keys, items->len);

  for (guint i = 0; i < items->len; i++)
    keys_of (items->pdata[i], &keys[i]);
  g_qsort_with_data (keys, (gint) items->len, sizeof (Keys), compare_keyed, GINT_TO_POINTER (query->sort));
  for (guint i = 0; i < items->len; i++)
    items->pdata[i] = keys[i].item;
}
