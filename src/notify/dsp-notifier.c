/* dsp-notifier.c
 *
 * After each sync, the rules say what is due; each notification goes out
 * as a GNotification (plain text, a stable id per dispute so a newer one
 * replaces the older) and is recorded in the store before the next look.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-clock.h"
#include "dsp-notifier.h"
#include "dsp-notify-rules.h"

struct _DspNotifier
{
  GObject       parent_instance;

  GApplication *application;   /* not owned: it owns us */
  DspStore     *store;
  GHashTable   *sent;          /* source → GHashTable of "id|step" */
  GHashTable   *shown;         /* ids of the notifications it sent, for dsp_notifier_withdraw_all() */
  GTimeZone    *zone;
  GSettings    *settings;
};

G_DEFINE_FINAL_TYPE (DspNotifier, dsp_notifier, G_TYPE_OBJECT)

typedef struct {
  DspNotifier *self;
  char        *source;
  char        *label;      /* said before each title ("Shop EU", "Demo"), or NULL */
  GPtrArray   *disputes;
} Review;

static void
review_free (Review *review)
{
  g_object_unref (review->self);
  g_free (review->source);
  g_free (review->label);
  g_ptr_array_unref (review->disputes);
  g_free (review);
}

char *
dsp_notifier_id (const char *source,
                 const char *dispute_id)
{
  return g_strconcat ("dispute-", source, "-", dispute_id, NULL);
}

static void
on_recorded (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!dsp_store_write_finish (DSP_STORE (source), result, &error))
    g_debug ("Notification not recorded: %s", error->message);
}

static void
show (DspNotifier *self,
      const char  *source,
      const char  *label,
      DspNotice   *notice)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *id = NULL;

  dsp_notice_text (notice, self->zone, &title, &body);
  if (label)
    {
      g_autofree char *alone = g_steal_pointer (&title);

      /* Translators: a store's name (or "Demo"), then what the notification says */
      title = g_strdup_printf (C_("notification", "%s: %s"), label, alone);
    }
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  if (notice->dispute)
    {
      g_autoptr(GVariant) ref = g_variant_ref_sink (dsp_dispute_ref_new (source, dsp_dispute_get_id (notice->dispute)));

      id = dsp_notifier_id (source, dsp_dispute_get_id (notice->dispute));
      g_notification_set_default_action_and_target_value (notification, "app.show-dispute", ref);
      g_notification_add_button_with_target_value (notification, _("Open"), "app.show-dispute", ref);
      if (dsp_dispute_get_deadline (notice->dispute) != 0)
        g_notification_add_button_with_target_value (notification, _("Mark Resolved"), "app.mark-resolved", ref);
      if (notice->kind == DSP_NOTICE_OVERDUE || notice->kind == DSP_NOTICE_REMINDER || notice->urgent)
        g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
    }
  else
    id = g_strconcat ("summary-", source, NULL);   /* clicking it just opens the app */
  g_application_send_notification (self->application, id, notification);
  g_hash_table_add (self->shown, g_steal_pointer (&id));
}

static int
compare_descending (gconstpointer a,
                    gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x < y) - (x > y);
}

/* The owner's ladder and quiet hours, as Preferences set them. */
static GArray *
read_policy (DspNotifier     *self,
             DspNotifyPolicy *policy)
{
  g_autoptr(GVariant) steps = g_settings_get_value (self->settings, "reminder-steps");
  gsize n = 0;
  const gint64 *values = g_variant_get_fixed_array (steps, &n, sizeof (gint64));
  GArray *ladder = g_array_sized_new (FALSE, FALSE, sizeof (gint64), (guint) n);

  for (gsize i = 0; i < n; i++)
    if (values[i] > 0)
      g_array_append_val (ladder, values[i]);
  g_array_sort (ladder, compare_descending);
  policy->ladder = (const gint64 *) (gpointer) ladder->data;
  policy->n_ladder = ladder->len;
  policy->burst = 3;
  policy->quiet_start = policy->quiet_end = -1;
  if (g_settings_get_boolean (self->settings, "quiet-hours"))
    {
      policy->quiet_start = g_settings_get_int (self->settings, "quiet-start") * 60;
      policy->quiet_end = g_settings_get_int (self->settings, "quiet-end") * 60;
    }
  return ladder;
}

/* With @quiet, what is due is recorded as sent and not shown. */
static void
apply (DspNotifier *self,
       Review      *review,
       GHashTable  *sent,
       gboolean     quiet)
{
  const char *source = review->source;
  GPtrArray *disputes = review->disputes;
  DspNotifyPolicy policy = { 0 };
  g_autoptr(GArray) ladder = read_policy (self, &policy);
  g_autoptr(GPtrArray) plan = dsp_notify_plan (disputes, sent, NULL, &policy, dsp_clock_now (), self->zone);

  for (guint i = 0; i < plan->len; i++)
    {
      DspNotice *notice = g_ptr_array_index (plan, i);

      if (notice->dispute)
        {
          g_hash_table_add (sent, dsp_notify_sent_key (notice->dispute, notice->step));
          if (self->store)
            dsp_store_record_sent_async (self->store, source, dsp_dispute_get_id (notice->dispute),
                                         notice->step, on_recorded, NULL);
        }
      if (!notice->silent && !quiet)
        show (self, source, review->label, notice);
    }
}

static void
on_sent_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Review *review = user_data;
  DspNotifier *self = review->self;
  GHashTable *sent = dsp_store_load_sent_finish (DSP_STORE (source), result, NULL);

  if (sent == NULL)
    sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_replace (self->sent, g_strdup (review->source), sent);
  apply (self, review, sent, FALSE);
  review_free (review);
}

static Review *
review_new (DspNotifier *self,
            const char  *source,
            const char  *label,
            GPtrArray   *disputes)
{
  Review *review = g_new0 (Review, 1);

  review->self = g_object_ref (self);
  review->source = g_strdup (source);
  review->label = g_strdup (label);
  review->disputes = g_ptr_array_ref (disputes);
  return review;
}

static GHashTable *
sent_in_memory (DspNotifier *self,
                const char  *source)
{
  GHashTable *sent = g_hash_table_lookup (self->sent, source);

  if (sent == NULL)
    {
      sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_replace (self->sent, g_strdup (source), sent);
    }
  return sent;
}

/**
 * dsp_notifier_review:
 * @label: (nullable): said before each title: the store's name when the
 *   owner has several, "Demo" on the demo
 *
 * Looks at @source's disputes after a sync and sends what is due.
 */
void
dsp_notifier_review (DspNotifier *self,
                     const char  *source,
                     const char  *label,
                     GPtrArray   *disputes)
{
  Review *review;

  g_return_if_fail (DSP_IS_NOTIFIER (self));

  review = review_new (self, source, label, disputes);
  if (g_hash_table_lookup (self->sent, source) != NULL || self->store == NULL)
    {
      apply (self, review, sent_in_memory (self, source), FALSE);
      review_free (review);
      return;
    }
  dsp_store_load_sent_async (self->store, source, on_sent_loaded, review);
}

/* What is due now counts as sent, and nothing is shown: only what changes
 * after this notifies (the demo's disputes, as it opens). Kept in memory. */
void
dsp_notifier_baseline (DspNotifier *self,
                       const char  *source,
                       GPtrArray   *disputes)
{
  Review *review;

  g_return_if_fail (DSP_IS_NOTIFIER (self));
  g_return_if_fail (self->store == NULL);

  review = review_new (self, source, NULL, disputes);
  apply (self, review, sent_in_memory (self, source), TRUE);
  review_free (review);
}

/* Takes every notification it sent off the desktop (the demo's, as it is left). */
void
dsp_notifier_withdraw_all (DspNotifier *self)
{
  GHashTableIter iter;
  const char *id;

  g_return_if_fail (DSP_IS_NOTIFIER (self));
  g_hash_table_iter_init (&iter, self->shown);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    g_application_withdraw_notification (self->application, id);
  g_hash_table_remove_all (self->shown);
}

DspNotifier *
dsp_notifier_new (GApplication *application,
                  DspStore     *store)
{
  DspNotifier *self = g_object_new (DSP_TYPE_NOTIFIER, NULL);

  self->application = application;
  self->store = store ? g_object_ref (store) : NULL;
  return self;
}

static void
dsp_notifier_dispose (GObject *object)
{
  DspNotifier *self = DSP_NOTIFIER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dsp_notifier_parent_class)->dispose (object);
}

static void
dsp_notifier_finalize (GObject *object)
{
  DspNotifier *self = DSP_NOTIFIER (object);

  g_hash_table_unref (self->sent);
  g_hash_table_unref (self->shown);
  g_time_zone_unref (self->zone);

  G_OBJECT_CLASS (dsp_notifier_parent_class)->finalize (object);
}

static void
dsp_notifier_class_init (DspNotifierClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = dsp_notifier_dispose;
  G_OBJECT_CLASS (klass)->finalize = dsp_notifier_finalize;
}

static void
dsp_notifier_init (DspNotifier *self)
{
  self->sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
  self->shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->zone = g_time_zone_new_local ();
  self->settings = g_settings_new (APP_ID);
}
