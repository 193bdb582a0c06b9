/* dsp-sim-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
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
  char      *sort_by;
  guint      size;
  char      *starting_after;
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
states_are_known (GPtrArray *states)
{
  SimState state;

  for (guint i = 0; i < states->len; i++)
    if (!sim_state_from_name (g_ptr_array_index (states, i), &state))
      return FALSE;
  return TRUE;
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
    }
  if (!states_are_known (query->states))
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
  return in_list (query->states, sim_state_name (dispute->state)) &&
         in_list (query->reasons, dispute->reason) &&
         in_list (query->order_ids, dispute->order_id) &&
         in_list (query->transaction_ids, dispute->transaction_id) &&
         in_list (query->references, dispute->purchase_reference) &&
         in_range (&query->created, dispute->created_at) &&
         in_range (&query->updated, dispute->updated_at) &&
         in_range (&query->closed, dispute->closed_at);
}

static int
compare_closed (gconstpointer a,
                gconstpointer b)
{
  const SimDispute *da = *(SimDispute * const *) a;
  const SimDispute *db = *(SimDispute * const *) b;

  if (da->closed_at != db->closed_at)
    return da->closed_at < db->closed_at ? -1 : 1;
  return da->created_at < db->created_at ? -1 : da->created_at > db->created_at;
}

/* The disputes are kept in creation order; other orders are derived. */
static GPtrArray *
ordered_matches (SimQuery  *query,
                 GPtrArray *disputes)
{
  GPtrArray *out = g_ptr_array_new ();
  gboolean descending = query->sort_by && query->sort_by[0] == '-';

  for (guint i = 0; i < disputes->len; i++)
    {
      SimDispute *dispute = g_ptr_array_index (disputes, descending ? disputes->len - 1 - i : i);

      if (matches (query, dispute))
        g_ptr_array_add (out, dispute);
    }
  if (query->sort_by && strstr (query->sort_by, "closed_at"))
    {
      g_ptr_array_sort (out, compare_closed);
      if (descending)
        for (guint i = 0; i < out->len / 2; i++)
          {
            gpointer tmp = out->pdata[i];
            out->pdata[i] = out->pdata[out->len - 1 - i];
            out->pdata[out->len - 1 - i] = tmp;
          }
    }
  return out;
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
  if (cursor)
    {
      g_string_append (href, "&starting_after=");
      g_string_append_uri_escaped (href, cursor, NULL, FALSE);
    }
  return g_string_free (g_steal_pointer (&href), FALSE);
}

static void
add_link (JsonBuilder *builder,
          const char  *rel,
          const char  *href)
{
  json_builder_set_member_name (builder, rel);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "href");
  json_builder_add_string_value (builder, href);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, "GET");
  json_builder_set_member_name (builder, "rel");
  json_builder_add_string_value (builder, rel);
  json_builder_end_object (builder);
}

static void
add_pagination (JsonBuilder *builder,
                SimQuery    *query,
                GPtrArray   *ordered,
                guint        start,
                guint        end,
                const char  *base_url)
{
  SimDispute *first = start < end ? g_ptr_array_index (ordered, start) : NULL;
  SimDispute *last = start < end ? g_ptr_array_index (ordered, end - 1) : NULL;
  gboolean more = end < ordered->len;

  json_builder_set_member_name (builder, "pagination");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, end - start);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, ordered->len);
  json_builder_set_member_name (builder, "first_item");
  first ? json_builder_add_string_value (builder, first->id) : json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "last_item");
  more ? json_builder_add_string_value (builder, last->id) : json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "_links");
  json_builder_begin_object (builder);
  if (more)
    {
      g_autofree char *href = page_href (query, base_url, last->id);
      add_link (builder, "next", href);
    }
  if (start > 0)
    {
      guint prev = start > query->size ? start - query->size : 0;
      SimDispute *before = prev > 0 ? g_ptr_array_index (ordered, prev - 1) : NULL;
      g_autofree char *href = page_href (query, base_url, before ? before->id : NULL);
      add_link (builder, "prev", href);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

/* A cursor that left the filtered set (its dispute changed state meanwhile)
 * still marks a place in creation order, so paging carries on. */
static gboolean
find_start (SimQuery   *query,
            GPtrArray  *ordered,
            GHashTable *by_id,
            guint      *start)
{
  SimDispute *cursor = query->starting_after ? g_hash_table_lookup (by_id, query->starting_after) : NULL;
  gboolean descending = query->sort_by && query->sort_by[0] == '-';
  gboolean by_closed = query->sort_by && strstr (query->sort_by, "closed_at");

  *start = 0;
  if (query->starting_after == NULL)
    return TRUE;
  if (cursor == NULL)
    return FALSE;
  for (guint i = 0; i < ordered->len; i++)
    {
      SimDispute *dispute = g_ptr_array_index (ordered, i);

      if (dispute == cursor)
        {
          *start = i + 1;
          return TRUE;
        }
      if (!by_closed && (descending ? dispute->position < cursor->position
                                    : dispute->position > cursor->position))
        {
          *start = i;
          return TRUE;
        }
    }
  *start = ordered->len;
  return !by_closed;
}

JsonNode *
sim_query_run (SimQuery   *query,
               GPtrArray  *disputes,
               GHashTable *by_id,
               const char *base_url,
               gboolean   *bad_cursor)
{
  g_autoptr(GPtrArray) ordered = ordered_matches (query, disputes);
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  guint start, end;

  *bad_cursor = !find_start (query, ordered, by_id, &start);
  if (*bad_cursor)
    return NULL;
  end = MIN (start + query->size, ordered->len);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "disputes");
  json_builder_begin_array (builder);
  for (guint i = start; i < end; i++)
    json_builder_add_value (builder, sim_dispute_to_json (g_ptr_array_index (ordered, i), base_url));
  json_builder_end_array (builder);
  add_pagination (builder, query, ordered, start, end, base_url);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
