/* dsp-insight.c
 *
 * Each store of the sources (the accounts share one; the demo has its own)
 * is asked in turn, and the figures added up.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-insight"

#include "config.h"

#include "dsp-insight.h"
#include "dsp-list-answer.h"
#include "dsp-source.h"

typedef struct {
  GPtrArray  *sources;
  GPtrArray  *stores;
  gint64      from;
  guint       next;
  DspInsight *sum;
} Ask;

static void
ask_free (Ask *ask)
{
  g_ptr_array_unref (ask->sources);
  g_ptr_array_unref (ask->stores);
  g_clear_pointer (&ask->sum, dsp_insight_free);
  g_free (ask);
}

static void ask_next (GTask *task);

static void
on_insight (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Ask *ask = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(DspInsight) insight = dsp_store_insight_finish (DSP_STORE (object), result, &error);

  if (insight == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  if (ask->sum == NULL)
    ask->sum = g_steal_pointer (&insight);
  else
    dsp_insight_add (ask->sum, insight);
  ask_next (task);
}

static void
ask_next (GTask *task)
{
  Ask *ask = g_task_get_task_data (task);
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) ids = NULL;
  DspStore *store;

  if (ask->next == ask->stores->len)
    {
      g_task_return_pointer (task, g_steal_pointer (&ask->sum), (GDestroyNotify) dsp_insight_free);
      g_object_unref (task);
      return;
    }
  store = g_ptr_array_index (ask->stores, ask->next++);
  ids = dsp_sources_in_store (ask->sources, store, &names);
  dsp_store_insight_async (store, (const char * const *) ids, (const char * const *) names, ask->from,
                           g_task_get_cancellable (task), on_insight, task);
}

/* The figures of @sources since @from (0: all time); with no source, none. */
void
dsp_insight_async (GPtrArray           *sources,
                   gint64               from,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Ask *ask = g_new0 (Ask, 1);

  ask->sources = g_ptr_array_ref (sources);
  ask->stores = dsp_sources_stores (sources);
  ask->from = from;
  g_task_set_source_tag (task, dsp_insight_async);
  g_task_set_task_data (task, ask, (GDestroyNotify) ask_free);
  if (ask->stores->len == 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no store shown");
      g_object_unref (task);
      return;
    }
  ask_next (task);
}

DspInsight *
dsp_insight_finish (GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dsp_insight_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
