/* dsp-dispute-list.c
 *
 * What the views show: a query over the store. The store answers on its
 * own thread with lean items (dsp-dispute-item.c), read from columns and in
 * the query's order; a new answer is laid over the old one so that what
 * stays keeps its item (its row, the selection, the scroll position).
 * Between answers, a synced page or the owner's mark moves, adds or drops
 * single items in place. The whole dispute is read from the store only for
 * the one a view opens.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-dispute-list"

#include "config.h"

#include <gio/gio.h>

#include "dsp-background.h"
#include "dsp-clock.h"
#include "dsp-dispute-list.h"
#include "dsp-list-answer.h"
#include "dsp-list-splice.h"

/* The first answer brings the most urgent rows at once, the next the rest. */
#define FIRST_ROWS 100
/* After a sync's page or a mark, the counts are asked again this much later
 * (pages come in fast: one question for many of them). */
#define TALLY_DELAY_MS 250
/* During a sync into a view of more than LARGE_VIEW rows, a second:
 * counting them takes the store's thread from writing the pages. */
#define SYNC_TALLY_DELAY_MS 1000
#define LARGE_VIEW 10000
/* Up to this many, an answer's items are matched with those shown. */
#define REUSE_LIMIT 2000
/* Whole disputes kept for the views that opened them. */
#define MAX_OPENED 8

struct _DspDisputeList
{
  GObject       parent_instance;

  GPtrArray    *items;     /* DspDisputeItem: the view, in the query's order */
  GHashTable   *index;     /* source id → (dispute id → the item shown; the item's own string) */
  GPtrArray    *sources;
  DspQuery     *query;
  DspTally     *tally;     /* the store's last answer (without its items) */
  DspListAnswer *answer;   /* the question in flight */
  gboolean      full;      /* the view holds every row, not just the first */
  gboolean      reask;     /* the rows must be asked again (a search is shown) */
  gint64        asked_rows; /* what the question in flight asked for */
  gboolean      recount;   /* the store changed since that question */
  gboolean      stale;     /* the view changed since: the answer may miss it */
  guint         tally_source;
  GHashTable   *opened;    /* "source\037id" → DspDispute, read whole for a view */
  DspDispute   *wanted;    /* whose order a view waits for */
  char         *wanted_error;
  guint         shown;     /* the items the views know of (all but while a change is revealed) */
  guint         reveal_end; /* a change's rows up to here go a few a frame, the rest at once */
  guint         reveal_source;
  GPtrArray    *pending;   /* DspDispute: synced pages not merged yet, in order */
  guint         merge_source; /* while on, pages wait */
};

static void dsp_dispute_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DspDisputeList, dsp_dispute_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, dsp_dispute_list_model_init))

enum {
  UPDATING,
  UPDATED,
  RESOLVED_CHANGED,
  ORDER_CHANGED,
  QUERY_CHANGED,
  TALLY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void ask (DspDisputeList *self, gint64 rows);
static void retally (DspDisputeList *self);

static GType
get_item_type (GListModel *model)
{
  return DSP_TYPE_DISPUTE_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return DSP_DISPUTE_LIST (model)->shown;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  DspDisputeList *self = DSP_DISPUTE_LIST (model);

  return position < self->shown ? g_object_ref (g_ptr_array_index (self->items, position)) : NULL;
}

static void
dsp_dispute_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

DspDisputeList *
dsp_dispute_list_new (void)
{
  return g_object_new (DSP_TYPE_DISPUTE_LIST, NULL);
}

/* The index costs no allocation per item: a table per store, keyed by the
 * item's own id string. */
static DspDisputeItem *
index_lookup (DspDisputeList *self,
              const char     *source_id,
              const char     *dispute_id)
{
  GHashTable *ids = g_hash_table_lookup (self->index, source_id ? source_id : "");

  return ids ? g_hash_table_lookup (ids, dispute_id) : NULL;
}

static void
index_add (DspDisputeList *self,
           DspDisputeItem *item)
{
  dsp_tally_index_add (self->index, item);
}

static void
index_remove (DspDisputeList *self,
              DspDisputeItem *item)
{
  const char *source_id = dsp_dispute_item_get_source_id (item);
  GHashTable *ids = g_hash_table_lookup (self->index, source_id ? source_id : "");

  if (ids && g_hash_table_lookup (ids, dsp_dispute_item_get_id (item)) == item)
    g_hash_table_remove (ids, dsp_dispute_item_get_id (item));
}

DspSource *
dsp_dispute_list_find_source (DspDisputeList *self,
                              const char     *source_id)
{
  g_return_val_if_fail (DSP_IS_DISPUTE_LIST (self), NULL);

  for (guint i = 0; i < self->sources->len; i++)
    if (g_strcmp0 (dsp_source_get_id (g_ptr_array_index (self->sources, i)), source_id) == 0)
      return g_ptr_array_index (self->sources, i);
  return NULL;
}

/* ---- the view, in order ---- */

static int
compare (DspDisputeList *self,
         DspDisputeItem *a,
         DspDisputeItem *b)
{
  return dsp_query_compare (self->query, a, b);
}

/* Where @item is, or would go, in the view (binary search). */
static guint
position_for (DspDisputeList *self,
              DspDisputeItem *item,
              gboolean       *found)
{
  guint low = 0, high = self->items->len;

  *found = FALSE;
  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      int order = compare (self, g_ptr_array_index (self->items, middle), item);

      if (order == 0)
        {
          *found = TRUE;
          return middle;
        }
      if (order < 0)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

/* Where @item is now (found by what it says, before it changes). */
static gboolean
find_item (DspDisputeList *self,
           DspDisputeItem *item,
           guint          *position)
{
  gboolean found;

  *position = position_for (self, item, &found);
  if (found && g_ptr_array_index (self->items, *position) == (gpointer) item)
    return TRUE;
  /* the view was sorted otherwise (a new order asked, not yet answered) */
  return g_ptr_array_find (self->items, item, position);
}

/* ---- a large change, a few rows a frame ----
 * A view makes a new widget for every new item among the rows it keeps
 * (some thirty), and lays out all their labels in one frame: a new answer
 * at the top held the window 35–50 ms. A change among the top rows has its
 * first rows told at once, the next few every frame until past the rows a
 * view at the top keeps, the rest at once; meanwhile the views know of the
 * items up to there only (shown). Any other change, or a position asked,
 * tells the rest first. */
#define REVEAL_FIRST 10
#define REVEAL_STEP 8
#define REVEAL_ROWS 48
#define REVEAL_INTERVAL_MS 16

static void
reveal (DspDisputeList *self,
        guint           n)
{
  guint position = self->shown;

  self->shown += n;
  if (self->shown == self->items->len)
    g_clear_handle_id (&self->reveal_source, g_source_remove);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, n);
}

static void
reveal_all (DspDisputeList *self)
{
  if (self->shown < self->items->len)
    reveal (self, self->items->len - self->shown);
}

static gboolean
reveal_step (gpointer user_data)
{
  DspDisputeList *self = user_data;
  guint left = self->items->len - self->shown;

  /* the source goes with the last rows (reveal()) */
  reveal (self, self->shown < self->reveal_end ? MIN (REVEAL_STEP, left) : left);
  return self->reveal_source != 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
remove_at (DspDisputeList *self,
           guint           position)
{
  reveal_all (self);
  index_remove (self, g_ptr_array_index (self->items, position));
  g_ptr_array_remove_index (self->items, position);
  self->shown--;
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

/* @item, changed, leaves @from for where it now goes: told as one change
 * over the rows between, so the views keep every row's widget. */
static void
move_item (DspDisputeList *self,
           DspDisputeItem *item,
           guint           from)
{
  gpointer held;
  gboolean found;
  guint to;

  reveal_all (self);
  held = g_ptr_array_steal_index (self->items, from);
  to = position_for (self, item, &found);
  guint low = MIN (from, to), span = MAX (from, to) - low + 1;

  g_ptr_array_insert (self->items, to, held);
  g_list_model_items_changed (G_LIST_MODEL (self), low, span, span);
}

/* The views hear of @next replacing the view from @position: @removed
 * rows gone, @added new ones, @tail rows after them as they were. A change
 * of more than a few rows is revealed a few at a time (its tail with it).
 * (GTK also looks for the selected and the focused row among the rows a
 * change adds, one by one, when those rows were among the ones it takes
 * away: the first emission adds only a few.) */
static void
tell_change (DspDisputeList *self,
             guint           position,
             guint           removed,
             guint           added,
             guint           tail,
             gboolean        at_once)
{
  if (removed == 0 && added == 0)
    return;
  /* small, below the rows a view at the top keeps, or mostly rows the views
   * have widgets for (a synced page: they are kept only within one change): at once */
  if (at_once || added <= REVEAL_FIRST || position >= REVEAL_ROWS)
    {
      self->shown = self->items->len;
      g_clear_handle_id (&self->reveal_source, g_source_remove);
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }
  self->shown = position + REVEAL_FIRST;
  self->reveal_end = REVEAL_ROWS;
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed + tail, REVEAL_FIRST);
  if (self->shown < self->items->len && self->reveal_source == 0)
    self->reveal_source = g_timeout_add (REVEAL_INTERVAL_MS, reveal_step, self);
}

/* How many rows @old and @next share at their beginning and at their end. */
static void
shared_ends (GPtrArray *old,
             GPtrArray *next,
             guint     *head,
             guint     *tail)
{
  guint old_n = old->len, new_n = next->len;

  *head = *tail = 0;
  while (*head < old_n && *head < new_n && old->pdata[*head] == next->pdata[*head])
    (*head)++;
  while (*tail < old_n - *head && *tail < new_n - *head && old->pdata[old_n - 1 - *tail] == next->pdata[new_n - 1 - *tail])
    (*tail)++;
}

/* @next (referenced) replaces @old, which the views knew: told as one
 * change between the ends they share. While a change is being revealed the
 * views know its first rows only: the new one is told against those (the
 * whole answer after its first rows goes on being revealed). */
static void
tell_over (DspDisputeList *self,
           GPtrArray      *old,
           GPtrArray      *next,
           guint           head,
           guint           tail,
           gboolean        at_once)
{
  guint known = self->shown;

  self->items = g_ptr_array_ref (next);
  if (known < old->len)
    {
      /* the views' part of the old view, and nothing after it */
      head = MIN (head, known);
      tail = 0;
    }
  tell_change (self, head, known - tail - head, next->len - tail - head, tail, at_once);
}

/* @next becomes the view: the beginning and end it shares with the view
 * stay as they are, the middle is told as one change (rows whose item
 * comes back keep their widgets). */
static void
lay_over (DspDisputeList *self,
          GPtrArray      *next,
          GHashTable     *index)
{
  GPtrArray *old = g_steal_pointer (&self->items);
  guint old_n = old->len, new_n = next->len, head, tail;

  shared_ends (old, next, &head, &tail);
  if (index || old_n - tail - head > new_n / 2)
    {
      /* all or most of it changed: a new index (the store's, when it made
       * one), the old one let go of later */
      dsp_background_release (g_steal_pointer (&self->index), (GDestroyNotify) g_hash_table_unref);
      self->index = index ? g_hash_table_ref (index) : dsp_tally_index_new ();
      for (guint i = 0; index == NULL && i < new_n; i++)
        index_add (self, next->pdata[i]);
    }
  else
    {
      for (guint i = head; i < old_n - tail; i++)
        index_remove (self, old->pdata[i]);
      for (guint i = head; i < new_n - tail; i++)
        index_add (self, next->pdata[i]);
    }
  tell_over (self, old, next, head, tail, FALSE);
  dsp_background_release (old, (GDestroyNotify) g_ptr_array_unref);
}

/* The first rows of a large answer keep the items shown before (updated
 * in place), in the answer and in its index: the rows on screen keep their
 * widgets, and only those are looked up. */
#define KEEP_HEAD 200

static void
keep_head (DspDisputeList *self,
           GPtrArray      *items,
           GHashTable     *index)
{
  for (guint i = 0; i < MIN (items->len, KEEP_HEAD); i++)
    {
      DspDisputeItem *item = g_ptr_array_index (items, i);
      DspDisputeItem *shown = index_lookup (self, dsp_dispute_item_get_source_id (item), dsp_dispute_item_get_id (item));

      if (shown == NULL || shown == item)
        continue;
      dsp_dispute_item_update (shown, item);
      items->pdata[i] = g_object_ref (shown);
      if (index)
        dsp_tally_index_add (index, shown);
      g_object_unref (item);
    }
}

/* The store's answer: what was shown before keeps its item (updated in
 * place), wherever it moved. */
static void
take_items (DspDisputeList *self,
            GPtrArray      *items,
            GHashTable     *index)
{
  g_autoptr(GPtrArray) next = g_ptr_array_new_full (items->len, g_object_unref);
  /* a large answer is taken as it comes but for its first rows (the
   * selection is found again by store and id): looking each item up would
   * hold the window too long */
  gboolean reuse = items->len <= REUSE_LIMIT;

  if (!reuse)
    {
      keep_head (self, items, index);
      g_signal_emit (self, signals[UPDATING], 0);
      lay_over (self, items, index);
      g_signal_emit (self, signals[UPDATED], 0);
      return;
    }
  for (guint i = 0; i < items->len; i++)
    {
      DspDisputeItem *item = g_ptr_array_index (items, i);
      DspDisputeItem *shown = index_lookup (self, dsp_dispute_item_get_source_id (item), dsp_dispute_item_get_id (item));

      if (shown)
        dsp_dispute_item_update (shown, item);
      g_ptr_array_add (next, g_object_ref (shown ? shown : item));
    }
  g_signal_emit (self, signals[UPDATING], 0);
  lay_over (self, next, NULL);
  g_signal_emit (self, signals[UPDATED], 0);
}

static int
by_query (gconstpointer a,
          gconstpointer b,
          gpointer      self)
{
  return compare (self, (DspDisputeItem *) a, (DspDisputeItem *) b);
}

/* ---- the store's answers ---- */

/* Disputes due within a week get their customer's name first; a hundred
 * at most at a time, so a large store never sets off a flood of requests. */
#define PREFETCH_LIMIT 100
#define PREFETCH_HORIZON (7 * 24 * 3600)

static void
prefetch_customers (DspDisputeList *self)
{
  gint64 horizon = dsp_clock_now () + PREFETCH_HORIZON;
  guint asked = 0;

  for (guint i = 0; i < self->items->len && asked < PREFETCH_LIMIT; i++)
    {
      DspDisputeItem *item = g_ptr_array_index (self->items, i);
      gint64 deadline = dsp_dispute_item_get_deadline (item);
      DspSource *source = dsp_dispute_list_find_source (self, dsp_dispute_item_get_source_id (item));

      if (deadline == 0 || deadline >= horizon)
        break;
      if (source && dsp_dispute_item_get_customer_name (item) == NULL)
        {
          dsp_source_request_order (source, dsp_dispute_item_get_order_id (item), item, FALSE);
          asked++;
        }
    }
}

static void
on_answer (DspListAnswer *answer,
           DspTally      *tally,
           gpointer       user_data)
{
  DspDisputeList *self = user_data;
  gboolean counted = self->asked_rows <= 0;

  if (answer != self->answer)
    return;
  g_clear_object (&self->answer);
  /* a page merged meanwhile may be newer than the answer: asked again
   * (the store has it now, its page written before this question) */
  if (self->stale && tally)
    {
      dsp_tally_free (tally);
      ask (self, self->asked_rows);
      return;
    }
  if (tally == NULL)
    {
      /* what is shown stays; the next change asks again */
      self->full = TRUE;
      return;
    }
  if (tally->items)
    {
      gint64 start = g_get_monotonic_time ();

      take_items (self, tally->items, tally->index);
      g_clear_pointer (&tally->items, g_ptr_array_unref);
      g_clear_pointer (&tally->index, g_hash_table_unref);
      prefetch_customers (self);
      g_debug ("%u rows shown in %" G_GINT64_FORMAT " ms", self->items->len, (g_get_monotonic_time () - start) / 1000);
    }
  /* the first rows come without counts: the last ones stay until the rest */
  if (counted)
    {
      g_clear_pointer (&self->tally, dsp_tally_free);
      self->tally = tally;
      g_signal_emit (self, signals[TALLY_CHANGED], 0);
    }
  else
    dsp_tally_free (tally);
  if (!self->full)
    {
      self->full = TRUE;
      ask (self, -1);
    }
  else if (self->recount)
    retally (self);
}

/* Asks every store of the sources shown; a newer question replaces one in
 * flight. @rows: the view's items too (-1 all, N the first N), 0 only counts. */
static void
ask (DspDisputeList *self,
     gint64          rows)
{
  g_clear_handle_id (&self->tally_source, g_source_remove);
  /* only counts: the rows asked for bring them too, counted again after */
  if (rows == 0 && self->answer && self->asked_rows != 0)
    {
      self->recount = TRUE;
      return;
    }
  if (self->answer)
    dsp_list_answer_cancel (self->answer);
  g_clear_object (&self->answer);
  if (self->sources->len == 0)
    return;
  self->reask = FALSE;
  self->recount = FALSE;
  self->stale = FALSE;
  self->asked_rows = rows;
  self->answer = dsp_list_answer_new (self->sources, self->query, rows, on_answer, self);
}

static gboolean
on_tally_due (gpointer user_data)
{
  DspDisputeList *self = user_data;

  self->tally_source = 0;
  /* a search shown asks for its rows again: new disputes may match */
  ask (self, self->reask ? -1 : 0);
  return G_SOURCE_REMOVE;
}

/* Something stored changed: the counts are asked again, soon. */
static void
retally_after (DspDisputeList *self,
               guint           delay_ms)
{
  if (self->tally_source == 0)
    self->tally_source = g_timeout_add (delay_ms, on_tally_due, self);
}

static void
retally (DspDisputeList *self)
{
  retally_after (self, TALLY_DELAY_MS);
}

/* ---- orders and the disputes opened ---- */

static gboolean
is_wanted (DspDisputeList *self,
           DspSource      *source,
           const char     *order_id)
{
  return self->wanted && g_strcmp0 (dsp_dispute_get_source_id (self->wanted), dsp_source_get_id (source)) == 0 &&
         g_strcmp0 (dsp_dispute_get_order_id (self->wanted), order_id) == 0;
}

static void
on_order_loaded (DspDisputeList *self,
                 const char     *order_id,
                 DspOrder       *order,
                 DspSource      *source)
{
  if (!is_wanted (self, source, order_id))
    return;
  g_clear_pointer (&self->wanted_error, g_free);
  g_signal_emit (self, signals[ORDER_CHANGED], 0, self->wanted);
}

static void
on_order_failed (DspDisputeList *self,
                 const char     *order_id,
                 const char     *message,
                 DspSource      *source)
{
  if (!is_wanted (self, source, order_id))
    return;
  g_free (self->wanted_error);
  self->wanted_error = g_strdup (message);
  g_signal_emit (self, signals[ORDER_CHANGED], 0, self->wanted);
}

/* A refund changed the order: the source forgot it; the one shown is read again. */
static void
on_action_finished (DspDisputeList *self,
                    DspAction      *action)
{
  if (action->kind == DSP_ACTION_REFUND && self->wanted &&
      dsp_dispute_is (self->wanted, action->source, action->dispute_id))
    {
      g_autoptr(DspDispute) wanted = g_object_ref (self->wanted);

      dsp_dispute_list_want_order (self, wanted);
    }
}

static void
forget_sources (DspDisputeList *self)
{
  for (guint i = 0; i < self->sources->len; i++)
    {
      DspSource *source = g_ptr_array_index (self->sources, i);

      g_signal_handlers_disconnect_by_data (source, self);
      g_signal_handlers_disconnect_by_data (dsp_source_get_outbox (source), self);
    }
  g_ptr_array_set_size (self->sources, 0);
}

/* The stores shown: the store is asked at once for the most urgent rows,
 * then for the rest. */
void
dsp_dispute_list_set_sources (DspDisputeList *self,
                              GPtrArray      *sources)
{
  guint n = self->shown;

  g_return_if_fail (DSP_IS_DISPUTE_LIST (self));

  forget_sources (self);
  g_clear_handle_id (&self->merge_source, g_source_remove);
  g_ptr_array_set_size (self->pending, 0);
  g_clear_object (&self->wanted);
  g_hash_table_remove_all (self->opened);
  g_hash_table_remove_all (self->index);
  g_ptr_array_set_size (self->items, 0);
  g_clear_handle_id (&self->reveal_source, g_source_remove);
  self->shown = 0;
  g_clear_pointer (&self->tally, dsp_tally_free);
  if (n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
  for (guint i = 0; sources && i < sources->len; i++)
    {
      DspSource *source = g_ptr_array_index (sources, i);

      g_ptr_array_add (self->sources, g_object_ref (source));
      g_signal_connect_object (source, "order-loaded", G_CALLBACK (on_order_loaded), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (source, "order-failed", G_CALLBACK (on_order_failed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (dsp_source_get_outbox (source), "finished", G_CALLBACK (on_action_finished), self,
                               G_CONNECT_SWAPPED);
    }
  /* nothing to ask of no store */
  self->full = self->sources->len == 0;
  ask (self, FIRST_ROWS);
}

/* ---- a sync's pages ----
 * A sync brings a page every few milliseconds, and each change of the view
 * has the views lay out their rows anew (a frame's work, with new rows at
 * the top): the pages are merged at most every MERGE_INTERVAL_MS (the first
 * at once), those waiting as one change, and when a sync ends
 * (dsp_dispute_list_flush(), before its notifications). */
#define MERGE_INTERVAL_MS 250

/* One dispute of the pages: its fresh item, and where the view has it and
 * where its news would sort in, found before anything changes. */
typedef struct {
  DspDispute     *dispute;
  DspDisputeItem *fresh;
  DspDisputeItem *shown;
  guint           position;  /* of the shown one, if found */
  gboolean        found;
  guint           at;        /* the old row the news goes before */
} Change;

/* The last news of each dispute, in the order they came. */
static GPtrArray *
latest (GPtrArray *disputes)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *last = g_ptr_array_new ();

  for (guint i = disputes->len; i-- > 0;)
    {
      DspDispute *dispute = g_ptr_array_index (disputes, i);

      if (g_hash_table_add (seen, dsp_tally_key (dsp_dispute_get_source_id (dispute), dsp_dispute_get_id (dispute))))
        g_ptr_array_add (last, dispute);
    }
  for (guint i = 0; i < last->len / 2; i++)
    {
      gpointer swap = last->pdata[i];

      last->pdata[i] = last->pdata[last->len - 1 - i];
      last->pdata[last->len - 1 - i] = swap;
    }
  return last;
}

static void
change_clear (Change *change)
{
  g_clear_object (&change->fresh);
}

/* Where each dispute is and goes, while the view is still in order. */
static GArray *
locate (DspDisputeList *self,
        GPtrArray      *disputes)
{
  GArray *changes = g_array_sized_new (FALSE, TRUE, sizeof (Change), disputes->len);
  gboolean found;

  g_array_set_clear_func (changes, (GDestroyNotify) change_clear);
  for (guint i = 0; i < disputes->len; i++)
    {
      Change change = { g_ptr_array_index (disputes, i), NULL, NULL, 0, FALSE, 0 };

      change.fresh = dsp_dispute_item_new_from_dispute (change.dispute);
      change.shown = index_lookup (self, dsp_dispute_get_source_id (change.dispute), dsp_dispute_get_id (change.dispute));
      change.found = change.shown && find_item (self, change.shown, &change.position);
      change.at = position_for (self, change.fresh, &found);
      g_array_append_val (changes, change);
    }
  return changes;
}

/* Each item takes the news: @gone, the rows that leave their place;
 * @movers, those that (still) belong, with where they go. */
static void
apply_news (DspDisputeList *self,
            GArray         *changes,
            GArray         *gone,
            GArray         *movers)
{
  gboolean searching = dsp_query_has_text (self->query);

  for (guint i = 0; i < changes->len; i++)
    {
      Change *change = &g_array_index (changes, Change, i);
      DspDispute *opened = dsp_dispute_list_get_opened (self, dsp_dispute_get_source_id (change->dispute),
                                                        dsp_dispute_get_id (change->dispute));
      DspListMover mover = { NULL, change->at };

      if (opened)
        dsp_dispute_update_from (opened, change->dispute);
      if (change->shown)
        {
          dsp_dispute_item_update (change->shown, change->fresh);
          if (change->found)
            g_array_append_val (gone, change->position);
          if (dsp_query_matches (self->query, change->shown))
            mover.item = g_object_ref (change->shown);
          else
            index_remove (self, change->shown);
        }
      else if (!searching && dsp_query_matches (self->query, change->fresh))
        {
          mover.item = g_object_ref (change->fresh);
          index_add (self, change->fresh);
        }
      if (mover.item)
        g_array_append_val (movers, mover);
      /* a search is the store's to answer: asked again */
      self->reask = self->reask || (change->shown == NULL && searching);
    }
}

/* The pages' disputes, each item taking the news where it stands, moving,
 * arriving or leaving as the query says, all told as one change; a dispute
 * opened whole takes the news too. Views hear "updating" before, "updated"
 * after. */
static void
merge_now (DspDisputeList *self,
           GPtrArray      *disputes)
{
  g_autoptr(GArray) changes = locate (self, disputes);
  g_autoptr(GArray) gone = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) movers = g_array_new (FALSE, FALSE, sizeof (DspListMover));
  g_autoptr(GPtrArray) next = NULL;
  GPtrArray *dropped = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *old;
  guint head, tail;
  gint64 start = g_get_monotonic_time ();

  apply_news (self, changes, gone, movers);
  g_signal_emit (self, signals[UPDATING], 0);
  old = g_steal_pointer (&self->items);
  next = dsp_list_splice (old, gone, movers, by_query, self, dropped);
  shared_ends (old, next, &head, &tail);
  /* the views' rows, there already, keep their widgets: told at once (the
   * first rows of an empty view a few a frame) */
  tell_over (self, old, next, head, tail, self->shown >= REVEAL_ROWS);
  self->stale = self->answer != NULL;
  g_signal_emit (self, signals[UPDATED], 0);
  g_ptr_array_unref (old);
  dsp_background_release (dropped, (GDestroyNotify) g_ptr_array_unref);
  prefetch_customers (self);
  retally_after (self, self->items->len > LARGE_VIEW ? SYNC_TALLY_DELAY_MS : TALLY_DELAY_MS);
  g_debug ("%u synced disputes merged into %u rows in %" G_GINT64_FORMAT " ms", disputes->len, self->items->len,
           (g_get_monotonic_time () - start) / 1000);
}

static gboolean on_merge_due (gpointer user_data);

/* Merges what waits; the next pages wait a while. */
static void
merge_pages (DspDisputeList *self)
{
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GPtrArray) disputes = NULL;

  if (self->pending->len == 0)
    return;
  pages = g_steal_pointer (&self->pending);
  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
  disputes = latest (pages);
  merge_now (self, disputes);
  if (self->merge_source == 0)
    self->merge_source = g_timeout_add (MERGE_INTERVAL_MS, on_merge_due, self);
}

/* The interval is over: what came meanwhile is merged (and another
 * begins), or the next page is merged as it comes. */
static gboolean
on_merge_due (gpointer user_data)
{
  DspDisputeList *self = user_data;

  self->merge_source = 0;
  merge_pages (self);
  return G_SOURCE_REMOVE;
}

/* A synced page: merged now, or with the next pages soon. */
void
dsp_dispute_list_merge (DspDisputeList *self,
                        DspSource      *source,
                        GPtrArray      *disputes)
{
  g_return_if_fail (DSP_IS_DISPUTE_LIST (self));

  for (guint i = 0; i < disputes->len; i++)
    g_ptr_array_add (self->pending, g_object_ref (g_ptr_array_index (disputes, i)));
  if (self->merge_source == 0)
    merge_pages (self);
}

/* The pages not merged yet, now (a sync ended). */
void
dsp_dispute_list_flush (DspDisputeList *self)
{
  g_return_if_fail (DSP_IS_DISPUTE_LIST (self));
  merge_pages (self);
}

/* The item shown for a dispute, or NULL when the view does not show it. */
DspDisputeItem *
dsp_dispute_list_lookup (DspDisputeList *self,
                         const char     *source_id,
                         const char     *dispute_id)
{
  g_return_val_if_fail (DSP_IS_DISPUTE_LIST (self), NULL);
  return index_lookup (self, source_id, dispute_id);
}

/* Where the view shows a dispute (found by its store and id, then by the
 * view's order): its position, or FALSE when it is not shown. */
gboolean
dsp_dispute_list_find (DspDisputeList *self,
                       const char     *source_id,
                       const char     *dispute_id,
                       guint          *position)
{
  DspDisputeItem *item = dsp_dispute_list_lookup (self, source_id, dispute_id);

  if (item == NULL || !find_item (self, item, position))
    return FALSE;
  /* a position the views know */
  if (*position >= self->shown)
    reveal_all (self);
  return TRUE;
}

/* The whole dispute, if a view opened it. */
DspDispute *
dsp_dispute_list_get_opened (DspDisputeList *self,
                             const char     *source_id,
                             const char     *dispute_id)
{
  g_autofree char *key = dsp_tally_key (source_id, dispute_id);

  return g_hash_table_lookup (self->opened, key);
}

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DspDisputeList *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) read = dsp_store_read_disputes_finish (DSP_STORE (object), result, &error);
  const char *source_id = g_task_get_task_data (task);
  DspSource *source = dsp_dispute_list_find_source (self, source_id);
  DspDispute *dispute = read && read->len > 0 ? g_ptr_array_index (read, 0) : NULL;
  g_autofree char *name = source ? dsp_source_dup_name (source) : NULL;
  DspOrder *order = NULL;

  if (dispute == NULL || source == NULL)
    {
      if (error == NULL)
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "That dispute is no longer stored.");
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  dsp_dispute_set_source (dispute, source_id, name);
  order = dsp_source_lookup_order (source, dsp_dispute_get_order_id (dispute));
  if (order)
    {
      g_autofree char *customer = dsp_order_dup_customer_name (order);
      dsp_dispute_set_customer_name (dispute, customer);
    }
  if (g_hash_table_size (self->opened) >= MAX_OPENED)
    g_hash_table_remove_all (self->opened);
  g_hash_table_insert (self->opened, dsp_tally_key (source_id, dsp_dispute_get_id (dispute)), g_object_ref (dispute));
  g_task_return_pointer (task, g_object_ref (dispute), g_object_unref);
}

/* A view opens a dispute: read whole from the store (kept while opened). */
void
dsp_dispute_list_open_async (DspDisputeList      *self,
                             const char          *source_id,
                             const char          *dispute_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  DspSource *source = dsp_dispute_list_find_source (self, source_id);
  DspDispute *opened = dsp_dispute_list_get_opened (self, source_id, dispute_id);

  g_task_set_source_tag (task, dsp_dispute_list_open_async);
  g_task_set_task_data (task, g_strdup (source_id), g_free);
  if (opened || source == NULL)
    {
      if (opened)
        g_task_return_pointer (task, g_object_ref (opened), g_object_unref);
      else
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "That store is no longer shown.");
      g_object_unref (task);
      return;
    }
  dsp_store_read_disputes_async (dsp_source_get_store (source), source_id, NULL, dispute_id, cancellable, on_read, task);
}

DspDispute *
dsp_dispute_list_open_finish (DspDisputeList  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The owner's mark: it moves the dispute out of "Needs your response" at
 * once and stops its reminders. Returns: whether the store is shown. */
gboolean
dsp_dispute_list_set_resolved (DspDisputeList *self,
                               const char     *source_id,
                               const char     *dispute_id,
                               gboolean        resolved)
{
  DspSource *source = dsp_dispute_list_find_source (self, source_id);
  DspDisputeItem *shown = dsp_dispute_list_lookup (self, source_id, dispute_id);
  DspDispute *opened = dsp_dispute_list_get_opened (self, source_id, dispute_id);
  guint position;
  gint64 when;

  if (source == NULL)
    return FALSE;
  when = dsp_source_set_resolved (source, dispute_id, resolved);
  if (opened)
    {
      dsp_dispute_set_resolved_at (opened, when);
      if (!resolved)
        dsp_dispute_set_resolved_note (opened, NULL);
    }
  if (shown && find_item (self, shown, &position))
    {
      g_signal_emit (self, signals[UPDATING], 0);
      dsp_dispute_item_set_resolved_at (shown, when);
      if (dsp_query_matches (self->query, shown))
        move_item (self, shown, position);
      else
        remove_at (self, position);
      g_signal_emit (self, signals[UPDATED], 0);
    }
  self->stale = self->answer != NULL;
  g_signal_emit (self, signals[RESOLVED_CHANGED], 0, source, dispute_id, when);
  /* a dispute not in the view may join it ("Resolved by you") */
  self->reask = self->reask || shown == NULL;
  retally (self);
  return TRUE;
}

/* An answer is being written for the dispute (kept in its store), or no
 * longer: its row says so at once. */
void
dsp_dispute_list_set_drafted (DspDisputeList *self,
                              const char     *source_id,
                              const char     *dispute_id,
                              gboolean        drafted)
{
  DspDisputeItem *shown = dsp_dispute_list_lookup (self, source_id, dispute_id);

  if (shown)
    dsp_dispute_item_set_drafted (shown, drafted);
}

/* Where the actions of @dispute's store are kept. */
DspOutbox *
dsp_dispute_list_get_outbox (DspDisputeList *self,
                             DspDispute     *dispute)
{
  DspSource *source = dispute ? dsp_dispute_list_find_source (self, dsp_dispute_get_source_id (dispute)) : NULL;

  return source ? dsp_source_get_outbox (source) : NULL;
}

/* A view shows @dispute: its order (the customer's details) is fetched if
 * not at hand; "order-changed" says when it is, or why not. */
void
dsp_dispute_list_want_order (DspDisputeList *self,
                             DspDispute     *dispute)
{
  DspSource *source;

  g_return_if_fail (DSP_IS_DISPUTE_LIST (self));

  g_set_object (&self->wanted, dispute);
  g_clear_pointer (&self->wanted_error, g_free);
  source = dispute ? dsp_dispute_list_find_source (self, dsp_dispute_get_source_id (dispute)) : NULL;
  if (source && dsp_source_lookup_order (source, dsp_dispute_get_order_id (dispute)) == NULL)
    dsp_source_request_order (source, dsp_dispute_get_order_id (dispute), dispute, TRUE);
}

DspOrder *
dsp_dispute_list_get_order (DspDisputeList *self,
                            DspDispute     *dispute)
{
  DspSource *source = dispute ? dsp_dispute_list_find_source (self, dsp_dispute_get_source_id (dispute)) : NULL;

  return source ? dsp_source_lookup_order (source, dsp_dispute_get_order_id (dispute)) : NULL;
}

const char *
dsp_dispute_list_get_order_error (DspDisputeList *self,
                                  DspDispute     *dispute)
{
  return dispute && dispute == self->wanted ? self->wanted_error : NULL;
}

/* ---- the query ---- */

const DspQuery *
dsp_dispute_list_get_query (DspDisputeList *self)
{
  g_return_val_if_fail (DSP_IS_DISPUTE_LIST (self), NULL);
  return self->query;
}

/* What the views show, and in what order: the store is asked, and its
 * answer laid over the view ("query-changed" then). */
void
dsp_dispute_list_set_query (DspDisputeList *self,
                            const DspQuery *query)
{
  g_return_if_fail (DSP_IS_DISPUTE_LIST (self));

  if (dsp_query_equal (self->query, query))
    return;
  dsp_query_free (self->query);
  self->query = dsp_query_copy (query);
  g_signal_emit (self, signals[QUERY_CHANGED], 0);
  /* most urgent first: the first rows of the new view at once, then all of
   * it (another order has no index to take its first rows from) */
  self->full = query->sort != DSP_QUERY_SORT_URGENCY;
  ask (self, self->full ? -1 : FIRST_ROWS);
}

/* The counts per state group, the money at stake, the reasons: NULL until
 * the store first answered. */
const DspTally *
dsp_dispute_list_get_tally (DspDisputeList *self)
{
  g_return_val_if_fail (DSP_IS_DISPUTE_LIST (self), NULL);
  return self->tally;
}

/* Whether the view waits for the store's answer (or will ask it soon). */
gboolean
dsp_dispute_list_is_asking (DspDisputeList *self)
{
  g_return_val_if_fail (DSP_IS_DISPUTE_LIST (self), FALSE);
  return self->answer != NULL || !self->full || self->tally_source != 0 || self->shown < self->items->len;
}

static void
dsp_dispute_list_dispose (GObject *object)
{
  DspDisputeList *self = DSP_DISPUTE_LIST (object);

  if (self->answer)
    dsp_list_answer_cancel (self->answer);
  g_clear_object (&self->answer);
  g_clear_handle_id (&self->tally_source, g_source_remove);
  g_clear_handle_id (&self->reveal_source, g_source_remove);
  g_clear_handle_id (&self->merge_source, g_source_remove);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->tally, dsp_tally_free);
  if (self->sources)
    forget_sources (self);
  g_clear_object (&self->wanted);
  g_clear_pointer (&self->wanted_error, g_free);
  g_clear_pointer (&self->opened, g_hash_table_unref);
  g_clear_pointer (&self->index, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->query, dsp_query_free);

  G_OBJECT_CLASS (dsp_dispute_list_parent_class)->dispose (object);
}

static void
dsp_dispute_list_class_init (DspDisputeListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GType type = G_TYPE_FROM_CLASS (klass);

  object_class->dispose = dsp_dispute_list_dispose;

  /* Around a change of the view: items are about to move, and have moved. */
  signals[UPDATING] = g_signal_new ("updating", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[UPDATED] = g_signal_new ("updated", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The owner marked a dispute resolved (its time), or took the mark back (0). */
  signals[RESOLVED_CHANGED] = g_signal_new ("resolved-changed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 3, DSP_TYPE_SOURCE, G_TYPE_STRING, G_TYPE_INT64);
  /* The order of the dispute a view asked for arrived, or could not be had. */
  signals[ORDER_CHANGED] = g_signal_new ("order-changed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, DSP_TYPE_DISPUTE);
  /* The query changed; the store's answer follows. */
  signals[QUERY_CHANGED] = g_signal_new ("query-changed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);
  /* The store answered (dsp_dispute_list_get_tally()). */
  signals[TALLY_CHANGED] = g_signal_new ("tally-changed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);
}

static void
dsp_dispute_list_init (DspDisputeList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
  self->opened = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->sources = g_ptr_array_new_with_free_func (g_object_unref);
  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
  self->query = dsp_query_new ();
}
