/* dsp-simulator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-simulator"

#include "config.h"

#include <string.h>

#include "dsp-sim-faults.h"
#include "dsp-sim-generate.h"
#include "dsp-sim-reply.h"
#include "dsp-simulator.h"
#include "dsp-simulator-private.h"

G_DEFINE_FINAL_TYPE (DspSimulator, dsp_simulator, G_TYPE_OBJECT)

static void
attachment_free (gpointer data)
{
  SimAttachment *attachment = data;

  g_free (attachment->filename);
  g_free (attachment->mime_type);
  g_free (attachment->dispute_id);
  g_bytes_unref (attachment->data);
  g_free (attachment);
}

static void
dsp_simulator_dispose (GObject *object)
{
  DspSimulator *self = DSP_SIMULATOR (object);

  if (self->server)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (dsp_simulator_parent_class)->dispose (object);
}

static void
dsp_simulator_finalize (GObject *object)
{
  DspSimulator *self = DSP_SIMULATOR (object);

  g_free (self->base_url);
  g_free (self->username);
  g_free (self->api_key);
  g_rand_free (self->rand);
  sim_index_free (self->index);
  g_hash_table_unref (self->orders);
  g_hash_table_unref (self->attachments);
  g_queue_clear_full (&self->faults, sim_fault_free);

  G_OBJECT_CLASS (dsp_simulator_parent_class)->finalize (object);
}

static void
dsp_simulator_class_init (DspSimulatorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = dsp_simulator_dispose;
  G_OBJECT_CLASS (klass)->finalize = dsp_simulator_finalize;
}

static void
dsp_simulator_init (DspSimulator *self)
{
  self->index = sim_index_new ();
  self->orders = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) sim_order_free);
  self->attachments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, attachment_free);
  self->api_key = g_strdup (DSP_SIMULATOR_DEMO_KEY);
  self->base_url = g_strdup ("http://127.0.0.1");
}

static gint64
history_offset (GRand *rand,
                guint  index)
{
  /* A few showcase deadlines first: overdue, due today, this week, later. */
  static const gint64 showcase[] = {
    21 * SIM_DAY + 5 * 3600, 21 * SIM_DAY - 5 * 3600, 19 * SIM_DAY, 15 * SIM_DAY, 4 * SIM_DAY,
  };

  if (index < G_N_ELEMENTS (showcase))
    return showcase[index];
  if (g_rand_boolean (rand))
    return g_rand_int_range (rand, 600, 21 * SIM_DAY);
  return g_rand_int_range (rand, 21 * SIM_DAY, 200 * SIM_DAY);
}

static int
compare_created (gconstpointer a,
                 gconstpointer b)
{
  const SimDispute *da = *(SimDispute * const *) a;
  const SimDispute *db = *(SimDispute * const *) b;

  return (da->created_at > db->created_at) - (da->created_at < db->created_at);
}

/* Seeded history: each dispute lives through its scenario up to now. */
static void
populate (DspSimulator *self,
          guint         n_disputes)
{
  g_autoptr(GPtrArray) made = g_ptr_array_new ();
  gint64 now = dsp_simulator_get_now (self);

  for (guint i = 0; i < n_disputes; i++)
    {
      SimDispute *dispute;
      SimOrder *order;
      gint64 created = now - history_offset (self->rand, i);

      sim_generate_dispute (self->rand, i, created, i >= 5, &dispute, &order);
      g_hash_table_insert (self->orders, order->id, order);
      g_ptr_array_add (made, dispute);
    }
  g_ptr_array_sort (made, compare_created);
  for (guint i = 0; i < made->len; i++)
    {
      SimDispute *dispute = g_ptr_array_index (made, i);

      sim_dispute_advance (dispute, now);
      sim_index_add (self->index, dispute);
    }
  self->next_index = n_disputes;
  self->advanced_to = now;
}

/* @now 0 runs on the real clock; anything else pins it. */
DspSimulator *
dsp_simulator_new (guint   n_disputes,
                   guint32 seed,
                   gint64  now)
{
  DspSimulator *self = g_object_new (DSP_TYPE_SIMULATOR, NULL);

  self->rand = g_rand_new_with_seed (seed);
  self->fixed_now = now;
  populate (self, n_disputes);
  return self;
}

void
dsp_simulator_set_credentials (DspSimulator *self,
                               const char   *username,
                               const char   *api_key)
{
  g_return_if_fail (DSP_IS_SIMULATOR (self));
  g_return_if_fail (api_key != NULL);

  g_free (self->username);
  self->username = g_strdup (username);
  g_free (self->api_key);
  self->api_key = g_strdup (api_key);
}

const char *
dsp_simulator_get_base_url (DspSimulator *self)
{
  return self->base_url;
}

gint64
dsp_simulator_get_now (DspSimulator *self)
{
  if (self->fixed_now)
    return self->fixed_now + self->offset;
  return g_get_real_time () / G_USEC_PER_SEC + self->offset;
}

/* Runs Klarna's clock: every transition due by now happens, at its own time.
 * Only the disputes with a step due are visited. */
void
dsp_simulator_advance_all (DspSimulator *self)
{
  gint64 now = dsp_simulator_get_now (self);
  SimDispute *dispute;

  if (now == self->advanced_to)
    return;
  while ((dispute = sim_index_first_due (self->index, now)) != NULL)
    {
      sim_dispute_advance (dispute, now);
      sim_index_update (self->index, dispute);
    }
  self->advanced_to = now;
}

void
dsp_simulator_set_now (DspSimulator *self,
                       gint64        now)
{
  self->fixed_now = now;
  self->offset = 0;
  dsp_simulator_advance_all (self);
}

void
dsp_simulator_advance (DspSimulator *self,
                       gint64        seconds)
{
  self->offset += seconds;
  dsp_simulator_advance_all (self);
}

guint
dsp_simulator_get_n_disputes (DspSimulator *self)
{
  return sim_index_get_length (self->index);
}

guint
dsp_simulator_get_n_requests (DspSimulator *self)
{
  return self->n_requests;
}

/* How many disputes list calls have looked at so far: the cost of paging. */
guint64
dsp_simulator_get_n_examined (DspSimulator *self)
{
  return self->n_examined;
}

void
dsp_simulator_add_examined (DspSimulator *self,
                            guint         n)
{
  self->n_examined += n;
}

/* Response body bytes sent so far, for benchmarks. */
guint64
dsp_simulator_get_n_bytes (DspSimulator *self)
{
  return self->n_bytes;
}

/* A new dispute opened now, waiting for the merchant. */
const char *
dsp_simulator_add_dispute (DspSimulator *self,
                           const char   *reason)
{
  SimDispute *dispute;
  SimOrder *order;
  gint64 now = dsp_simulator_get_now (self);

  sim_generate_dispute (self->rand, self->next_index++, now, FALSE, &dispute, &order);
  if (reason)
    {
      dispute->reason = g_intern_string (reason);
      dispute->expires_at = now + sim_response_window (reason);
    }
  g_hash_table_insert (self->orders, order->id, order);
  sim_index_add (self->index, dispute);
  return dispute->id;
}

void
dsp_simulator_add_fault (DspSimulator    *self,
                         DspSimFaultKind  kind,
                         guint            value,
                         guint            times,
                         const char      *path_prefix)
{
  g_queue_push_tail (&self->faults, sim_fault_new (kind, value, times, path_prefix));
}

void
dsp_simulator_clear_faults (DspSimulator *self)
{
  g_queue_clear_full (&self->faults, sim_fault_free);
  g_queue_init (&self->faults);
}

/* In creation order, each as it stands now. */
GPtrArray *
dsp_simulator_get_disputes (DspSimulator *self)
{
  dsp_simulator_advance_all (self);
  return sim_index_get_disputes (self->index);
}

SimIndex *
dsp_simulator_get_index (DspSimulator *self)
{
  dsp_simulator_advance_all (self);
  return self->index;
}

SimDispute *
dsp_simulator_lookup_dispute (DspSimulator *self,
                              const char   *id)
{
  dsp_simulator_advance_all (self);
  return sim_index_lookup (self->index, id);
}

/* Call after acting on @dispute: its place in the index follows. */
void
dsp_simulator_dispute_changed (DspSimulator *self,
                               SimDispute   *dispute)
{
  sim_index_update (self->index, dispute);
}

SimOrder *
dsp_simulator_lookup_order (DspSimulator *self,
                            const char   *order_id)
{
  return g_hash_table_lookup (self->orders, order_id);
}

const char *
dsp_simulator_store_attachment (DspSimulator *self,
                                const char   *dispute_id,
                                const char   *filename,
                                const char   *mime_type,
                                GBytes       *data)
{
  SimAttachment *attachment = g_new0 (SimAttachment, 1);
  char *id = g_uuid_string_random ();

  attachment->dispute_id = g_strdup (dispute_id);
  attachment->filename = g_strdup (filename);
  attachment->mime_type = g_strdup (mime_type);
  attachment->data = g_bytes_ref (data);
  g_hash_table_insert (self->attachments, id, attachment);
  return id;
}

SimAttachment *
dsp_simulator_lookup_attachment (DspSimulator *self,
                                 const char   *attachment_id)
{
  return g_hash_table_lookup (self->attachments, attachment_id);
}
