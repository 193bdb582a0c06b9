/* dsp-sim-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-simulator"

#include "config.h"

#include <string.h>

#include "dsp-sim-query.h"
#include "klarna/dsp-time.h"

#define DEFAULT_PAGE_SIZE 20
#define MAX_PAGE_SIZE 1000

typedef struct {
  gint64 start;
  gint64 end;
} Range;

struct _SimQuery
{
  GPtrArray *states;
  GPtrArray *reasons;
  GPtrArray *order_ids;
  GPtrArray *transaction_ids;
  GPtrArray *references;
  Range      created;
  Range      updated;
  Range      closed;
  guint      state_mask;
  char      *sort_by;
  guint      size;
  char      *starting_after;
  GString   *filters;
};

void
sim_query_free (SimQuery *query)
{
  g_ptr_array_unref (query->states);
  g_ptr_array_unref (query->reasons);
  g_ptr_array_unref (query->order_ids);
  g_ptr_array_unref (query->transaction_ids);
  g_ptr_array_unref (query->references);
  g_free (query->sort_by);
  g_free (query->starting_after);
  g_string_free (query->filters, TRUE);
  g_free (query);
}

guint
sim_query_size (SimQuery *query)
{
  return query->size;
}

/* Repeated values may come as key=A&key=B or key=A,B: accept both. */
static void
add_values (GPtrArray  *list,
            const char *value)
{
  g_auto(GStrv) parts = g_strsplit (value, ",", -1);

  for (guint i = 0; parts[i]; i++)
    if (*parts[i])
      g_ptr_array_add (list, g_strdup (parts[i]));
}

static gboolean
set_time (gint64     *slot,
          const char *value)
{
  *slot = dsp_time_parse (value);
  return *slot != 0;
}

static gboolean
apply_range (SimQuery   *query,
             const char *key,
             const char *value,
             gboolean   *valid)
{
  static const struct { const char *name; gsize offset; } ranges[] = {
    { "created_at_start", G_STRUCT_OFFSET (SimQuery, created.start) },
    { "created_at_end", G_STRUCT_OFFSET (SimQuery, created.end) },
    { "updated_at_start", G_STRUCT_OFFSET (SimQuery, updated.start) },
    { "updated_at_end", G_STRUCT_OFFSET (SimQuery, updated.end) },
    { "closed_at_start", G_STRUCT_OFFSET (SimQuery, closed.start) },
    { "closed_at_end", G_STRUCT_OFFSET (SimQuery, closed.end) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    if (strcmp (key, ranges[i].name) == 0)
      {
        *valid = set_time (G_STRUCT_MEMBER_P (query, ranges[i].offset), value);
        return TRUE;
      }
  return FALSE;
}

static gboolean
apply_parameter (SimQuery   *query,
                 const char *key,
                 const char *value,
                 char      **bad_reason)
{
  gboolean valid = TRUE;
  guint64 size;

  if (strcmp (key, "state") == 0)
    add_values (query->states, value);
  else if (strcmp (key, "reason") == 0)
    add_values (query->reasons, value);
  else if (strcmp (key, "order_ids") == 0)
    add_values (query->order_ids, value);
  else if (strcmp (key, "payment_transaction_ids") == 0)
    add_values (query->transaction_ids, value);
  else if (strcmp (key, "purchase_references") == 0)
    add_values (query->references, value);
  else if (apply_range (query, key, value, &valid))
    ;
  else if (strcmp (key, "sort_by") == 0)
    {
      valid = g_strv_contains ((const char *[]) { "created_at", "-created_at", "closed_at", "-closed_at", NULL },
                               value);
      g_free (query->sort_by);
      query->sort_by = g_strdup (value);
    }
  else if (strcmp (key, "size") == 0)
    {
      valid = g_ascii_string_to_unsigned (value, 10, 1, MAX_PAGE_SIZE, &size, NULL);
      query->size = (guint) size;
    }
  else if (strcmp (key, "starting_after") == 0)
    {
      g_free (query->starting_after);
      query->starting_after = g_strdup (value);
    }

  if (!valid)
    *bad_reason = g_strdup_printf ("invalid value '%s'", value);
  return valid;
}

static gboolean
read_states (SimQuery *query)
{
  SimState state;

  for (guint i = 0; i < query->states->len; i++)
    {
      if (!sim_state_from_name (g_ptr_array_index (query->states, i), &state))
        return FALSE;
      query->state_mask |= 1u << state;
    }
  return TRUE;
}

/* The filters go on into the pages' links; paging and sorting are set per link. */
static void
keep_filter (SimQuery   *query,
             const char *key,
             const char *pair)
{
  if (!g_strv_contains ((const char *[]) { "size", "sort_by", "starting_after", NULL }, key))
    g_string_append_printf (query->filters, "&%s", pair);
}

SimQuery *
sim_query_parse (const char  *query_string,
                 char       **bad_parameter,
                 char       **bad_reason)
{
  g_autoptr(SimQuery) query = g_new0 (SimQuery, 1);
  g_auto(GStrv) pairs = g_strsplit (query_string ? query_string : "", "&", -1);

  query->states = g_ptr_array_new_with_free_func (g_free);
  query->reasons = g_ptr_array_new_with_free_func (g_free);
  query->order_ids = g_ptr_array_new_with_free_func (g_free);
  query->transaction_ids = g_ptr_array_new_with_free_func (g_free);
  query->references = g_ptr_array_new_with_free_func (g_free);
  query->size = DEFAULT_PAGE_SIZE;
  query->filters = g_string_new (NULL);

  for (guint i = 0; pairs[i]; i++)
    {
      g_auto(GStrv) kv = g_strsplit (pairs[i], "=", 2);
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;

      if (kv[0] == NULL || *kv[0] == '\0')
        continue;
      g_strdelimit (kv[0], "+", ' ');
      if (kv[1])
        g_strdelimit (kv[1], "+", ' ');
      key = g_uri_unescape_string (kv[0], NULL);
      value = g_uri_unescape_string (kv[1] ? kv[1] : "", NULL);
      if (key == NULL || value == NULL ||
          !apply_parameter (query, key, value, bad_reason))
        {
          *bad_parameter = g_strdup (key ? key : "query");
          if (*bad_reason == NULL)
            *bad_reason = g_strdup ("invalid encoding");
          return NULL;
        }
      keep_filter (query, key, pairs[i]);
    }
  if (!read_states (query))
    {
      *bad_parameter = g_strdup ("state");
      *bad_reason = g_strdup ("unknown state");
      return NULL;
    }
  return g_steal_pointer (&query);
}

static gboolean
in_list (GPtrArray  *list,
         const char *value)
{
  if (list->len == 0)
    return TRUE;
  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (g_ptr_array_index (list, i), value) == 0)
      return TRUE;
  return FALSE;
}

/* Start inclusive, end exclusive; an unset time matches no bounded range. */
static gboolean
in_range (const Range *range,
          gint64       value)
{
  if (range->start && (value == 0 || value < range->start))
    return FALSE;
  if (range->end && (value == 0 || value >= range->end))
    return FALSE;
  return TRUE;
}

static gboolean
matches (SimQuery   *query,
         SimDispute *dispute)
{
  return (query->state_mask == 0 || (query->state_mask & (1u << dispute->state))) &&
         in_list (query->reasons, dispute->reason) &&
         in_list (query->order_ids, dispute->order_id) &&
         in_list (query->transaction_ids, dispute->transaction_id) &&
         in_list (query->references, dispute->purchase_reference) &&
         in_range (&query->created, dispute->created_at) &&
         in_range (&query->updated, dispute->updated_at) &&
         in_range (&query->closed, dispute->closed_at);
}

static gboolean
bounded (const Range *range)
{
  return range->start || range->end;
}

/* One list call's way through the index: each step looks at as few disputes as it can. */
typedef struct {
  SimQuery *query;
  SimIndex *index;
  gboolean  descending;
  gboolean  by_closed;
  gint64    closed_low;   /* the part of the closing order the filter can match */
  gint64    closed_high;
  guint     examined;
} Walk;

static void
walk_init (Walk     *walk,
           SimQuery *query,
           SimIndex *index)
{
  /* An open dispute has no closing time: a filter that needs one skips them all. */
  gboolean needs_closed = bounded (&query->closed) || query->state_mask == 1u << SIM_CLOSED;

  walk->query = query;
  walk->index = index;
  walk->descending = query->sort_by && query->sort_by[0] == '-';
  walk->by_closed = query->sort_by && strstr (query->sort_by, "closed_at");
  walk->closed_low = needs_closed ? MAX (query->closed.start, 1) : G_MININT64;
  walk->closed_high = query->closed.end ? query->closed.end : G_MAXINT64;
  walk->examined = 0;
}

static gboolean
walk_matches (Walk       *walk,
              SimDispute *dispute)
{
  walk->examined++;
  return matches (walk->query, dispute);
}

static gint64
range_start (SimQuery *query,
             SimKey    key)
{
  const Range *ranges[] = { [SIM_KEY_CREATED] = &query->created, [SIM_KEY_UPDATED] = &query->updated,
                            [SIM_KEY_CLOSED] = &query->closed };

  return ranges[key]->start;
}

/* From @position on (or back), past every position a range's start excludes. */
static guint
skip_excluded (Walk     *walk,
               guint     position,
               gboolean  forward)
{
  guint none = forward ? sim_index_get_length (walk->index) : SIM_MAX_TREE_NONE;
  gboolean moved = TRUE;

  while (moved && position != none)
    {
      moved = FALSE;
      for (SimKey key = 0; key < SIM_N_KEYS && position != none; key++)
        {
          gint64 start = range_start (walk->query, key);
          guint next;

          if (start == 0)
            continue;
          next = forward ? sim_index_next_reaching (walk->index, key, position, start)
                         : sim_index_prev_reaching (walk->index, key, position, start);
          moved |= next != position;
          position = next;
        }
    }
  return position;
}

/* Creation order. @from NULL starts at the edge the step moves away from. */
static SimDispute *
step_by_position (Walk       *walk,
                  SimDispute *from,
                  gboolean    forward)
{
  guint length = sim_index_get_length (walk->index);
  guint p;

  if (forward)
    {
      for (p = from ? from->position + 1 : 0; (p = skip_excluded (walk, p, TRUE)) < length; p++)
        if (walk_matches (walk, sim_index_get (walk->index, p)))
          return sim_index_get (walk->index, p);
      return NULL;
    }
  p = from ? from->position : length;
  while (p > 0 && (p = skip_excluded (walk, p - 1, FALSE)) != SIM_MAX_TREE_NONE)
    if (walk_matches (walk, sim_index_get (walk->index, p)))
      return sim_index_get (walk->index, p);
  return NULL;
}

static SimDispute *
step_by_closing (Walk       *walk,
                 SimDispute *from,
                 gboolean    forward)
{
  GSequenceIter *iter;
  SimDispute *dispute;

  if (forward)
    {
      iter = from ? g_sequence_iter_next (sim_index_closed_iter (walk->index, from))
                  : sim_index_closed_from (walk->index, walk->closed_low);
      for (; !g_sequence_iter_is_end (iter); iter = g_sequence_iter_next (iter))
        {
          dispute = sim_index_closed_get (iter);
          if (dispute->closed_at >= walk->closed_high)
            return NULL;
          if (walk_matches (walk, dispute))
            return dispute;
        }
      return NULL;
    }
  iter = from ? sim_index_closed_iter (walk->index, from) : sim_index_closed_from (walk->index, walk->closed_high);
  while (!g_sequence_iter_is_begin (iter))
    {
      iter = g_sequence_iter_prev (iter);
      dispute = sim_index_closed_get (iter);
      if (dispute->closed_at < walk->closed_low)
        return NULL;
      if (walk_matches (walk, dispute))
        return dispute;
    }
  return NULL;
}

/* The matching dispute after @from in the list's order (@from NULL: the first). */
static SimDispute *
walk_next (Walk       *walk,
           SimDispute *from)
{
  return walk->by_closed ? step_by_closing (walk, from, !walk->descending)
                         : step_by_position (walk, from, !walk->descending);
}

/* The matching dispute before @from in the list's order (@from NULL: the last). */
static SimDispute *
walk_prev (Walk       *walk,
           SimDispute *from)
{
  return walk->by_closed ? step_by_closing (walk, from, walk->descending)
                         : step_by_position (walk, from, walk->descending);
}

/* Counted from the index for what a sync asks (nothing, changes since, states); else by looking at all. */
static guint
count_total (Walk *walk)
{
  SimQuery *query = walk->query;
  guint length = sim_index_get_length (walk->index);
  gboolean others = query->reasons->len || query->order_ids->len || query->transaction_ids->len ||
                    query->references->len || bounded (&query->created) || bounded (&query->closed);
  guint total = 0;

  if (!others && query->state_mask == 0)
    return bounded (&query->updated) ? sim_index_count_updated (walk->index, query->updated.start,
                                                                query->updated.end)
                                     : length;
  if (!others && !bounded (&query->updated))
    {
      for (SimState state = 0; state <= SIM_CLOSED; state++)
        if (query->state_mask & (1u << state))
          total += sim_index_count_state (walk->index, state);
      return total;
    }
  for (guint p = 0; p < length; p++)
    total += walk_matches (walk, sim_index_get (walk->index, p));
  return total;
}

static char *
page_href (SimQuery   *query,
           const char *base_url,
           const char *cursor)
{
  g_autoptr(GString) href = g_string_new (base_url);

  g_string_append_printf (href, "/v4/payment/disputes?size=%u", query->size);
  if (query->sort_by)
    g_string_append_printf (href, "&sort_by=%s", query->sort_by);
  g_string_append (href, query->filters->str);
  if (cursor)
    {
      g_string_append (href, "&starting_after=");
      g_string_append_uri_escaped (href, cursor, NULL, FALSE);
    }
  return g_string_free (g_steal_pointer (&href), FALSE);
}

static void
add_link (SimWriter  *writer,
          const char *rel,
          const char *href)
{
  sim_writer_begin_object (writer, rel);
  sim_writer_string (writer, "href", href);
  sim_writer_string (writer, "method", "GET");
  sim_writer_string (writer, "rel", rel);
  sim_writer_end_object (writer);
}

/* One page of the list, and what lies on either side of it. */
typedef struct {
  GPtrArray  *items;
  gboolean    more;
  gboolean    has_prev;
  SimDispute *before_prev;  /* the previous page starts after it; NULL: at the start */
} Page;

static void
read_page (Walk       *walk,
           SimDispute *cursor,
           Page       *page)
{
  SimDispute *dispute;

  page->items = g_ptr_array_new ();
  for (dispute = walk_next (walk, cursor); dispute && page->items->len < walk->query->size;
       dispute = walk_next (walk, dispute))
    g_ptr_array_add (page->items, dispute);
  page->more = dispute != NULL;

  /* Back from the page's first (or, past the end, from the last): a page and one. */
  dispute = page->items->len ? g_ptr_array_index (page->items, 0) : NULL;
  page->has_prev = FALSE;
  page->before_prev = NULL;
  for (guint i = 0; i <= walk->query->size; i++)
    {
      if ((dispute = walk_prev (walk, dispute)) == NULL)
        break;
      page->has_prev = TRUE;
      if (i == walk->query->size)
        page->before_prev = dispute;
    }
}

static void
add_pagination (SimWriter  *writer,
                SimQuery   *query,
                Page       *page,
                guint       total,
                const char *base_url)
{
  guint count = page->items->len;
  SimDispute *first = count ? g_ptr_array_index (page->items, 0) : NULL;
  SimDispute *last = count ? g_ptr_array_index (page->items, count - 1) : NULL;

  sim_writer_begin_object (writer, "pagination");
  sim_writer_int (writer, "count", count);
  sim_writer_int (writer, "total", total);
  sim_writer_string (writer, "first_item", first ? first->id : NULL);
  sim_writer_string (writer, "last_item", page->more ? last->id : NULL);
  sim_writer_begin_object (writer, "_links");
  if (page->more)
    {
      g_autofree char *href = page_href (query, base_url, last->id);
      add_link (writer, "next", href);
    }
  if (page->has_prev)
    {
      g_autofree char *href = page_href (query, base_url, page->before_prev ? page->before_prev->id : NULL);
      add_link (writer, "prev", href);
    }
  sim_writer_end_object (writer);
  sim_writer_end_object (writer);
}

/* A cursor that left the filtered set (its dispute changed state meanwhile)
 * still marks a place in creation order, so paging carries on; in closing
 * order it must still match. */
static gboolean
find_cursor (Walk        *walk,
             SimDispute **cursor)
{
  const char *id = walk->query->starting_after;

  *cursor = id ? sim_index_lookup (walk->index, id) : NULL;
  if (id == NULL)
    return TRUE;
  return *cursor && (!walk->by_closed || walk_matches (walk, *cursor));
}

/* Returns: (nullable): the page as JSON text; @examined: how many disputes the call looked at */
GString *
sim_query_run (SimQuery   *query,
               SimIndex   *index,
               const char *base_url,
               gboolean   *bad_cursor,
               guint      *examined)
{
  g_autoptr(GPtrArray) items = NULL;
  GString *text;
  SimDispute *cursor;
  SimWriter writer;
  Page page;
  guint total;
  Walk walk;

  walk_init (&walk, query, index);
  *bad_cursor = !find_cursor (&walk, &cursor);
  if (*bad_cursor)
    {
      *examined = walk.examined;
      return NULL;
    }
  read_page (&walk, cursor, &page);
  items = page.items;
  total = count_total (&walk);
  *examined = walk.examined;

  text = g_string_sized_new (4096 * (items->len + 1));
  sim_writer_init (&writer, text);
  sim_writer_begin_object (&writer, NULL);
  sim_writer_begin_array (&writer, "disputes");
  for (guint i = 0; i < items->len; i++)
    sim_dispute_write (g_ptr_array_index (items, i), &writer, base_url);
  sim_writer_end_array (&writer);
  add_pagination (&writer, query, &page, total, base_url);
  sim_writer_end_object (&writer);
  return text;
}
