/* dsp-store-insight.c
 *
 * One pass over the columns of the stores' disputes (the JSON is read only
 * for a loss in the period, for whether the loss was accepted), summed on
 * the store's thread: nothing here is Klarna's to tell, it is what the app
 * has seen. The weeks are the owner's: Monday to Sunday, local time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-store"

#include "config.h"

#include "dsp-clock.h"
#include "dsp-store-index.h"
#include "dsp-store-insight.h"
#include "dsp-store-private.h"

typedef struct {
  GStrv  sources;
  GStrv  names;
  gint64 from;
  gint64 now;
} Ask;

static void
ask_free (Ask *ask)
{
  g_strfreev (ask->sources);
  g_strfreev (ask->names);
  g_free (ask);
}

/* What a closed dispute came to, by Klarna's outcome and its detail. */
DspOutcome
dsp_outcome_of (DspStatus   status,
                const char *outcome_detailed)
{
  if (status == DSP_STATUS_WON)
    return DSP_OUTCOME_WON;
  if (status != DSP_STATUS_LOST)
    return DSP_OUTCOME_NONE;
  return outcome_detailed && g_ascii_strcasecmp (outcome_detailed, "partner_accepted_the_loss") == 0
           ? DSP_OUTCOME_ACCEPTED : DSP_OUTCOME_LOST;
}

static GArray *
stakes_new (void)
{
  return g_array_new (FALSE, TRUE, sizeof (DspStake));
}

static void
part_free (DspInsightPart *part)
{
  g_free (part->key);
  g_array_unref (part->lost_money);
  g_free (part);
}

void
dsp_insight_free (DspInsight *insight)
{
  g_array_unref (insight->at_risk);
  g_array_unref (insight->recovered);
  g_array_unref (insight->lost_money);
  g_ptr_array_unref (insight->stores);
  g_ptr_array_unref (insight->reasons);
  g_free (insight);
}

static DspInsight *
insight_new (gint64 from,
             gint64 now)
{
  DspInsight *insight = g_new0 (DspInsight, 1);
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (now);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (today), g_date_time_get_month (today),
                                                         g_date_time_get_day_of_month (today), 0, 0, 0);
  g_autoptr(GDateTime) monday = g_date_time_add_days (midnight, 1 - g_date_time_get_day_of_week (midnight));

  insight->from = from;
  insight->to = now;
  for (int i = 0; i < DSP_INSIGHT_WEEKS; i++)
    {
      g_autoptr(GDateTime) start = g_date_time_add_weeks (monday, i - (DSP_INSIGHT_WEEKS - 1));

      insight->week_start[i] = g_date_time_to_unix (start);
    }
  insight->at_risk = stakes_new ();
  insight->recovered = stakes_new ();
  insight->lost_money = stakes_new ();
  insight->stores = g_ptr_array_new_with_free_func ((GDestroyNotify) part_free);
  insight->reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) part_free);
  return insight;
}

static DspInsightPart *
part_for (GPtrArray  *parts,
          const char *key)
{
  DspInsightPart *part;

  for (guint i = 0; i < parts->len; i++)
    if (g_strcmp0 (((DspInsightPart *) g_ptr_array_index (parts, i))->key, key) == 0)
      return g_ptr_array_index (parts, i);
  part = g_new0 (DspInsightPart, 1);
  part->key = g_strdup (key);
  part->lost_money = stakes_new ();
  g_ptr_array_add (parts, part);
  return part;
}

/* One dispute's share of the figures. */
typedef struct {
  const char *store;
  const char *reason;
  const char *currency;
  DspStatus   status;
  gint64      amount;
  gint64      created_at;
  gint64      closed_at;
  DspOutcome  outcome;
} Row;

static void
count_part (DspInsightPart *part,
            const Row      *row,
            gboolean        opened,
            gboolean        closed)
{
  part->opened += opened;
  if (!closed)
    return;
  part->won += row->outcome == DSP_OUTCOME_WON;
  if (row->outcome == DSP_OUTCOME_LOST || row->outcome == DSP_OUTCOME_ACCEPTED)
    {
      part->lost++;
      dsp_stake_add (part->lost_money, row->currency, row->amount);
    }
}

static void
count_row (DspInsight *insight,
           const Row  *row)
{
  gboolean opened = row->created_at >= insight->from && row->created_at <= insight->to;
  gboolean closed = row->closed_at >= insight->from && row->closed_at <= insight->to && row->outcome != DSP_OUTCOME_NONE;

  for (int i = DSP_INSIGHT_WEEKS - 1; i >= 0; i--)
    if (row->created_at >= insight->week_start[i])
      {
        insight->weeks[i] += row->created_at <= insight->to;
        break;
      }
  if (row->status != DSP_STATUS_WON && row->status != DSP_STATUS_LOST && row->status != DSP_STATUS_CLOSED)
    {
      dsp_stake_add (insight->at_risk, row->currency, row->amount);
      insight->at_risk_count++;
    }
  insight->opened += opened;
  if (closed)
    {
      insight->won += row->outcome == DSP_OUTCOME_WON;
      insight->lost += row->outcome == DSP_OUTCOME_LOST;
      insight->accepted += row->outcome == DSP_OUTCOME_ACCEPTED;
      dsp_stake_add (row->outcome == DSP_OUTCOME_WON ? insight->recovered : insight->lost_money, row->currency,
                     row->amount);
    }
  if (opened || closed)
    {
      count_part (part_for (insight->stores, row->store), row, opened, closed);
      count_part (part_for (insight->reasons, row->reason), row, opened, closed);
    }
}

static sqlite3_stmt *
prepare (sqlite3 *db,
         Ask     *ask)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_string_printf (sql, "SELECT d.source, d.reason, d.currency, d.status, d.amount, d.created_at, d.closed_at, "
                        "CASE WHEN d.status = %d AND d.closed_at >= ?1 THEN %s END FROM disputes d WHERE d.source IN (",
                   DSP_STATUS_LOST, dsp_index_outcome_sql ());
  for (guint i = 0; ask->sources[i]; i++, n++)
    g_string_append_printf (sql, "%s?%u", i ? ", " : "", i + 2);
  g_string_append (sql, n ? ")" : "NULL)");
  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, ask->from);
  for (guint i = 0; ask->sources[i]; i++)
    sqlite3_bind_text (stmt, (int) i + 2, ask->sources[i], -1, SQLITE_STATIC);
  return stmt;
}

static const char *
name_of (Ask        *ask,
         const char *source)
{
  for (guint i = 0; ask->sources[i]; i++)
    if (g_strcmp0 (ask->sources[i], source) == 0 && ask->names && ask->names[i])
      return ask->names[i];
  return source;
}

static int
by_opened (gconstpointer a,
           gconstpointer b)
{
  const DspInsightPart *x = *(DspInsightPart **) a, *y = *(DspInsightPart **) b;

  return (y->opened > x->opened) - (y->opened < x->opened);
}

/* Costliest first: the most money lost in the currency most is lost in,
 * then the most disputes lost. */
static int
by_cost (gconstpointer a,
         gconstpointer b,
         gpointer      currency)
{
  const DspInsightPart *x = *(DspInsightPart **) a, *y = *(DspInsightPart **) b;
  gint64 in_x = 0, in_y = 0;

  for (guint i = 0; i < x->lost_money->len; i++)
    if (g_str_equal (g_array_index (x->lost_money, DspStake, i).currency, currency))
      in_x = g_array_index (x->lost_money, DspStake, i).amount;
  for (guint i = 0; i < y->lost_money->len; i++)
    if (g_str_equal (g_array_index (y->lost_money, DspStake, i).currency, currency))
      in_y = g_array_index (y->lost_money, DspStake, i).amount;
  if (in_x != in_y)
    return (in_y > in_x) - (in_y < in_x);
  if (x->lost != y->lost)
    return (y->lost > x->lost) - (y->lost < x->lost);
  return by_opened (a, b);
}

static void
sort_parts (DspInsight *insight)
{
  const char *currency;

  dsp_stakes_sort (insight->at_risk);
  dsp_stakes_sort (insight->recovered);
  dsp_stakes_sort (insight->lost_money);
  currency = insight->lost_money->len ? g_array_index (insight->lost_money, DspStake, 0).currency : "";
  for (guint i = 0; i < insight->reasons->len; i++)
    dsp_stakes_sort (((DspInsightPart *) g_ptr_array_index (insight->reasons, i))->lost_money);
  for (guint i = 0; i < insight->stores->len; i++)
    dsp_stakes_sort (((DspInsightPart *) g_ptr_array_index (insight->stores, i))->lost_money);
  g_ptr_array_sort (insight->stores, by_opened);
  g_ptr_array_sort_with_data (insight->reasons, by_cost, (gpointer) currency);
}

static void
insight_job (DspStore *self,
             GTask    *task,
             gpointer  data)
{
  Ask *ask = data;
  sqlite3 *db = dsp_store_get_db (self);
  sqlite3_stmt *stmt = db ? prepare (db, ask) : NULL;
  DspInsight *insight;
  int code;

  if (stmt == NULL)
    {
      g_task_return_new_error (task, DSP_STORE_ERROR, DSP_STORE_ERROR_FAILED, "store not open");
      return;
    }
  insight = insight_new (ask->from, ask->now);
  while ((code = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Row row = {
        name_of (ask, (const char *) sqlite3_column_text (stmt, 0)), (const char *) sqlite3_column_text (stmt, 1),
        (const char *) sqlite3_column_text (stmt, 2), sqlite3_column_int (stmt, 3), sqlite3_column_int64 (stmt, 4),
        sqlite3_column_int64 (stmt, 5), sqlite3_column_int64 (stmt, 6), DSP_OUTCOME_NONE,
      };

      row.outcome = dsp_outcome_of (row.status, (const char *) sqlite3_column_text (stmt, 7));
      count_row (insight, &row);
    }
  sqlite3_finalize (stmt);
  sort_parts (insight);
  g_task_return_pointer (task, insight, (GDestroyNotify) dsp_insight_free);
}

/* The figures of @sources (named @names) since @from (0: all time) up to now. */
void
dsp_store_insight_async (DspStore            *self,
                         const char * const  *sources,
                         const char * const  *names,
                         gint64               from,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  Ask *ask = g_new0 (Ask, 1);

  ask->sources = g_strdupv ((GStrv) sources);
  ask->names = names ? g_strdupv ((GStrv) names) : NULL;
  ask->from = from;
  ask->now = dsp_clock_now ();
  dsp_store_submit (self, insight_job, ask, (GDestroyNotify) ask_free, dsp_store_insight_async, cancellable, callback,
                    user_data);
}

DspInsight *
dsp_store_insight_finish (DspStore      *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dsp_store_insight_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
add_stakes (GArray *sum,
            GArray *more)
{
  for (guint i = 0; i < more->len; i++)
    dsp_stake_add (sum, g_array_index (more, DspStake, i).currency, g_array_index (more, DspStake, i).amount);
  dsp_stakes_sort (sum);
}

static void
add_parts (GPtrArray *sum,
           GPtrArray *more)
{
  for (guint i = 0; i < more->len; i++)
    {
      DspInsightPart *from = g_ptr_array_index (more, i), *to = part_for (sum, from->key);

      to->opened += from->opened;
      to->won += from->won;
      to->lost += from->lost;
      add_stakes (to->lost_money, from->lost_money);
    }
}

/* Another store's figures (the same period and weeks) added to @sum. */
void
dsp_insight_add (DspInsight *sum,
                 DspInsight *more)
{
  for (int i = 0; i < DSP_INSIGHT_WEEKS; i++)
    sum->weeks[i] += more->weeks[i];
  add_stakes (sum->at_risk, more->at_risk);
  add_stakes (sum->recovered, more->recovered);
  add_stakes (sum->lost_money, more->lost_money);
  sum->at_risk_count += more->at_risk_count;
  sum->opened += more->opened;
  sum->won += more->won;
  sum->lost += more->lost;
  sum->accepted += more->accepted;
  add_parts (sum->stores, more->stores);
  add_parts (sum->reasons, more->reasons);
  sort_parts (sum);
}

/* Won of those decided in the period, in whole percent (0 when none were). */
guint
dsp_insight_win_percent (const DspInsight *insight)
{
  guint decided = insight->won + insight->lost + insight->accepted;

  return decided ? (insight->won * 100 + decided / 2) / decided : 0;
}
