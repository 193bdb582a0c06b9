/* dsp-list-answer.c
 *
 * The accounts share the app's store; the demo, and a test's stores, have
 * one each. The list asks each store its question and hears the sum
 * (dsp_tally_add()). Cancelled, it says nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-list-answer"

#include "config.h"

#include "dsp-list-answer.h"
#include "dsp-source.h"

struct _DspListAnswer
{
  GObject            parent_instance;

  DspQuery          *query;
  GCancellable      *cancellable;
  DspTally          *sum;
  guint              pending;
  gboolean           failed;
  DspListAnswerFunc  func;
  gpointer           user_data;
};

G_DEFINE_FINAL_TYPE (DspListAnswer, dsp_list_answer, G_TYPE_OBJECT)

static void
on_tally (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(DspListAnswer) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DspTally) tally = dsp_store_tally_finish (DSP_STORE (object), result, &error);

  if (tally == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("The store could not answer: %s", error->message);
      self->failed = TRUE;
    }
  else if (self->sum == NULL)
    self->sum = g_steal_pointer (&tally);
  else
    dsp_tally_add (self->sum, tally, self->query);
  if (--self->pending > 0 || g_cancellable_is_cancelled (self->cancellable))
    return;
  /* a store that could not answer: said as no answer (NULL) */
  if (self->failed)
    g_clear_pointer (&self->sum, dsp_tally_free);
  self->func (self, g_steal_pointer (&self->sum), self->user_data);
}

/* Which of @sources keep their disputes in @store, and their names. */
GStrv
dsp_sources_in_store (GPtrArray *sources,
                      DspStore  *store,
                      GStrv     *names)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) named = g_strv_builder_new ();

  for (guint i = 0; i < sources->len; i++)
    if (dsp_source_get_store (g_ptr_array_index (sources, i)) == store)
      {
        g_autofree char *name = dsp_source_dup_name (g_ptr_array_index (sources, i));

        g_strv_builder_add (ids, dsp_source_get_id (g_ptr_array_index (sources, i)));
        g_strv_builder_add (named, name ? name : "");
      }
  *names = g_strv_builder_end (named);
  return g_strv_builder_end (ids);
}

/* The stores @sources keep their disputes in, each once, in their order. */
GPtrArray *
dsp_sources_stores (GPtrArray *sources)
{
  GPtrArray *stores = g_ptr_array_new ();

  for (guint i = 0; i < sources->len; i++)
    {
      DspStore *store = dsp_source_get_store (g_ptr_array_index (sources, i));

      if (!g_ptr_array_find (stores, store, NULL))
        g_ptr_array_add (stores, store);
    }
  return stores;
}

/* Asks every store of @sources @query (with @rows of the view's items: -1
 * all, 0 none); @func hears the sum, unless cancelled first. */
DspListAnswer *
dsp_list_answer_new (GPtrArray         *sources,
                     const DspQuery    *query,
                     gint64             rows,
                     DspListAnswerFunc  func,
                     gpointer           user_data)
{
  DspListAnswer *self = g_object_new (DSP_TYPE_LIST_ANSWER, NULL);
  g_autoptr(GPtrArray) stores = dsp_sources_stores (sources);

  self->query = dsp_query_copy (query);
  self->func = func;
  self->user_data = user_data;
  self->pending = stores->len;
  for (guint i = 0; i < stores->len; i++)
    {
      g_auto(GStrv) names = NULL;
      g_auto(GStrv) ids = dsp_sources_in_store (sources, g_ptr_array_index (stores, i), &names);

      dsp_store_tally_async (g_ptr_array_index (stores, i), (const char * const *) ids,
                             (const char * const *) names, query, rows,
                             self->cancellable, on_tally, g_object_ref (self));
    }
  return self;
}

void
dsp_list_answer_cancel (DspListAnswer *self)
{
  g_return_if_fail (DSP_IS_LIST_ANSWER (self));
  g_cancellable_cancel (self->cancellable);
}

static void
dsp_list_answer_finalize (GObject *object)
{
  DspListAnswer *self = DSP_LIST_ANSWER (object);

  g_clear_pointer (&self->sum, dsp_tally_free);
  g_clear_pointer (&self->query, dsp_query_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (dsp_list_answer_parent_class)->finalize (object);
}

static void
dsp_list_answer_class_init (DspListAnswerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dsp_list_answer_finalize;
}

static void
dsp_list_answer_init (DspListAnswer *self)
{
  self->cancellable = g_cancellable_new ();
}
