/* dsp-refresher.c
 *
 * Owned by the application, so syncing goes on with no window at all (the
 * background service). Every account syncs on its own; one failing hides
 * none of the others. What a view or the notifier needs to hear comes as
 * signals: "progress", "finished", "synced", "problem", "action-finished".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-refresher"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-background.h"
#include "dsp-clock.h"
#include "dsp-refresher.h"

#define POLL_SECONDS 30

struct _DspRefresher
{
  GObject         parent_instance;

  DspDisputeList *list;
  GSettings      *settings;
  GPtrArray      *sources;
  gboolean        demo;
  int             poll_minutes;   /* bound to the "poll-interval" setting */
  GCancellable   *cancellable;    /* the refresh under way, or NULL */
  GPtrArray      *errors;         /* what went wrong in it, in words */
  char           *last_errors;
  guint           pending;
  guint           loading;
  guint           generation;
  guint           poll_id;
  guint           ticks;
  gint64          started;
  gint64          started_ms;     /* by dsp_clock, for the time left */
  guint           fetched;        /* in this refresh, every store's */
  guint           total;
  gboolean        again;          /* an action took effect during a refresh */
};

G_DEFINE_FINAL_TYPE (DspRefresher, dsp_refresher, G_TYPE_OBJECT)

enum { PROP_0, PROP_LIST, PROP_POLL_INTERVAL, PROP_REFRESHING, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum {
  SOURCES_CHANGED,
  PROGRESS,
  FINISHED,
  SYNCED,
  PROBLEM,
  ACTION_FINISHED,
  NOTICE,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static void refresh (DspRefresher *self,
                     gboolean      only_due);

typedef struct {
  DspRefresher *self;
  DspSource    *source;
  guint         generation;
  guint         fetched;     /* as its last page said */
  guint         total;
} Call;

static Call *
call_new (DspRefresher *self,
          DspSource    *source)
{
  Call *call = g_new0 (Call, 1);

  call->self = g_object_ref (self);
  call->source = g_object_ref (source);
  call->generation = self->generation;
  return call;
}

static void
call_free (Call *call)
{
  g_object_unref (call->self);
  g_object_unref (call->source);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, call_free)

DspRefresher *
dsp_refresher_new (DspDisputeList *list)
{
  return g_object_new (DSP_TYPE_REFRESHER, "list", list, NULL);
}

DspDisputeList *
dsp_refresher_get_list (DspRefresher *self)
{
  g_return_val_if_fail (DSP_IS_REFRESHER (self), NULL);
  return self->list;
}

/* "Shop EU: Klarna rejected the API key…"; the demo needs no name. */
static char *
with_store_name (DspSource  *source,
                 const char *message)
{
  g_autofree char *name = dsp_source_dup_name (source);

  /* Translators: store name, then what went wrong with it */
  return name ? g_strdup_printf (_("%s: %s"), name, message) : g_strdup (message);
}

static void
set_refreshing (DspRefresher *self,
                GCancellable *cancellable)
{
  gboolean was = self->cancellable != NULL;

  g_clear_object (&self->cancellable);
  self->cancellable = cancellable;
  if (was != (cancellable != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESHING]);
}

typedef struct {
  DspRefresher *self;
  guint         generation;
  gboolean      reached;
} Announce;

static void
on_open_read (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Announce *announce = user_data;
  DspRefresher *self = announce->self;
  g_autoptr(GError) error = NULL;
  GPtrArray *disputes = dsp_source_read_open_finish (DSP_SOURCE (object), result, &error);

  if (disputes == NULL)
    g_debug ("The stored disputes could not be read for reminders: %s", error->message);
  else if (announce->generation == self->generation)
    g_signal_emit (self, signals[SYNCED], 0, object, disputes, announce->reached);
  /* thousands, in a large store: let go of off the window's thread */
  dsp_background_release (disputes, (GDestroyNotify) g_ptr_array_unref);
  g_object_unref (self);
  g_free (announce);
}

/* What of @source still asks something of the owner, read whole from the
 * store, for whoever watches for news (the reminders). */
static void
announce_synced (DspRefresher *self,
                 DspSource    *source,
                 gboolean      reached)
{
  Announce *announce = g_new0 (Announce, 1);

  announce->self = g_object_ref (self);
  announce->generation = self->generation;
  announce->reached = reached;
  dsp_source_read_open_async (source, NULL, on_open_read, announce);
}

static void
finish_refresh (DspRefresher *self)
{
  set_refreshing (self, NULL);
  g_ptr_array_add (self->errors, NULL);
  g_free (self->last_errors);
  self->last_errors = g_strjoinv ("\n", (char **) self->errors->pdata);
  g_ptr_array_set_size (self->errors, 0);
  g_debug ("Refreshed in %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - self->started) / 1000);
  g_signal_emit (self, signals[FINISHED], 0);
  if (self->again)
    {
      self->again = FALSE;
      refresh (self, FALSE);
    }
}

static void
on_page (GPtrArray *disputes,
         guint      fetched,
         guint      total,
         gpointer   user_data)
{
  Call *call = user_data;
  DspRefresher *self = call->self;

  if (call->generation != self->generation)
    return;
  dsp_dispute_list_merge (self->list, call->source, disputes);
  self->fetched += fetched - MIN (call->fetched, fetched);
  self->total += total - MIN (call->total, total);
  call->fetched = fetched;
  call->total = total;
  g_signal_emit (self, signals[PROGRESS], 0,
                 self->total > 0 ? MIN (1.0, (double) self->fetched / self->total) : -1.0);
}

static void
report_error (DspRefresher *self,
              DspSource    *source,
              const GError *error)
{
  g_autofree char *message = with_store_name (source, error->message);

  g_debug ("Sync of %s failed: %s", dsp_source_get_id (source), error->message);
  g_ptr_array_add (self->errors, g_strdup (message));
  g_signal_emit (self, signals[PROBLEM], 0, source, message);
}

static void
on_synced (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  DspRefresher *self = call->self;
  DspSource *source = DSP_SOURCE (object);
  g_autoptr(GError) error = NULL;

  dsp_source_sync_finish (source, result, &error);
  /* A reply that raced a cancel belongs to sources no longer shown. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || call->generation != self->generation)
    return;
  self->pending--;
  /* its last pages in the view before it counts as synced */
  dsp_dispute_list_flush (self->list);
  if (error != NULL)
    report_error (self, source, error);
  /* Offline too: reminders for deadlines already known still fall due. */
  announce_synced (self, source, error == NULL);
  if (self->pending == 0)
    finish_refresh (self);
}

/* With @only_due, those still waiting out a back-off are left alone, and a
 * metered connection is left alone unless the owner allowed it. */
static void
refresh (DspRefresher *self,
         gboolean      only_due)
{
  gint64 now = dsp_clock_now ();

  if (self->sources->len == 0 || self->cancellable != NULL || self->loading > 0)
    return;
  if (only_due && g_network_monitor_get_network_metered (g_network_monitor_get_default ()) &&
      !g_settings_get_boolean (self->settings, "poll-on-metered"))
    return;

  self->started = g_get_monotonic_time ();
  self->started_ms = dsp_clock_now_ms ();
  self->fetched = self->total = 0;
  set_refreshing (self, g_cancellable_new ());
  for (guint i = 0; i < self->sources->len; i++)
    {
      DspSource *source = g_ptr_array_index (self->sources, i);
      Call *call;

      if (!dsp_source_can_sync (source))
        {
          g_ptr_array_add (self->errors,
                           with_store_name (source, _("Klarna rejected the API key. Enter a new one in Preferences.")));
          continue;
        }
      if (only_due && !dsp_source_is_due (source, now))
        continue;
      call = call_new (self, source);
      self->pending++;
      /* the pages borrow the call; the end takes it */
      dsp_source_sync_async (source, on_page, call, self->cancellable, on_synced, call);
    }
  if (self->pending == 0)
    finish_refresh (self);
}

/* How many disputes the refresh under way has fetched, of how many its
 * stores said they have (0 until one says), and for how long. */
void
dsp_refresher_get_progress (DspRefresher *self,
                            guint        *fetched,
                            guint        *total,
                            gint64       *elapsed_ms)
{
  g_return_if_fail (DSP_IS_REFRESHER (self));
  *fetched = self->fetched;
  *total = self->total;
  *elapsed_ms = dsp_clock_now_ms () - self->started_ms;
}

/* The owner's refresh: every store, due or not. */
void
dsp_refresher_refresh (DspRefresher *self)
{
  g_return_if_fail (DSP_IS_REFRESHER (self));
  refresh (self, FALSE);
}

/* Every half minute: whichever store is due catches up on its own; every
 * five minutes, reminders are looked at even when nothing was synced. */
static gboolean
on_poll (gpointer user_data)
{
  DspRefresher *self = user_data;

  refresh (self, TRUE);
  if (++self->ticks % 10 == 0 && self->cancellable == NULL && self->loading == 0)
    for (guint i = 0; i < self->sources->len; i++)
      announce_synced (self, g_ptr_array_index (self->sources, i), TRUE);
  return G_SOURCE_CONTINUE;
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  DspRefresher *self = call->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;

  if (!dsp_source_load_finish (DSP_SOURCE (object), result, &notice, &error))
    g_debug ("Not everything stored could be shown: %s", error->message);
  if (call->generation != self->generation)
    return;
  if (notice)
    g_signal_emit (self, signals[NOTICE], 0, notice);
  if (--self->loading == 0)
    {
      g_debug ("Stored disputes shown after %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - self->started) / 1000);
      refresh (self, FALSE);
    }
}

/* Said by the view (a toast) or the app (a notification); what changed at
 * Klarna comes with the next sync. */
static void
on_action_finished (DspRefresher *self,
                    DspAction    *action,
                    DspOutbox    *outbox)
{
  for (guint i = 0; i < self->sources->len; i++)
    if (dsp_source_get_outbox (g_ptr_array_index (self->sources, i)) == outbox)
      g_signal_emit (self, signals[ACTION_FINISHED], 0, g_ptr_array_index (self->sources, i), action);
  if (self->cancellable)
    self->again = TRUE;
  else
    refresh (self, FALSE);
}

static void
stop (DspRefresher *self)
{
  g_cancellable_cancel (self->cancellable);
  set_refreshing (self, NULL);
  self->pending = 0;
  self->loading = 0;
  self->generation++;
  g_ptr_array_set_size (self->errors, 0);
  for (guint i = 0; i < self->sources->len; i++)
    {
      DspSource *source = g_ptr_array_index (self->sources, i);

      g_signal_handlers_disconnect_by_data (dsp_source_get_outbox (source), self);
      dsp_source_cancel (source);
    }
  g_ptr_array_set_size (self->sources, 0);
}

static gboolean
same_sources (DspRefresher *self,
              GPtrArray    *sources,
              gboolean      demo)
{
  if (sources == NULL || sources->len == 0 || sources->len != self->sources->len || demo != self->demo)
    return FALSE;
  for (guint i = 0; i < sources->len; i++)
    if (g_ptr_array_index (sources, i) != g_ptr_array_index (self->sources, i))
      return FALSE;
  return TRUE;
}

static void
apply_poll_interval (DspRefresher *self)
{
  for (guint i = 0; i < self->sources->len; i++)
    dsp_source_set_poll_interval (g_ptr_array_index (self->sources, i), 60 * (gint64) self->poll_minutes);
}

/* The accounts (or the demo) to keep up to date: what is on disk shows at
 * once, then each catches up with Klarna. The same ones again change
 * nothing: the list, and the syncs under way, stay. */
void
dsp_refresher_set_sources (DspRefresher *self,
                           GPtrArray    *sources,
                           gboolean      demo)
{
  g_return_if_fail (DSP_IS_REFRESHER (self));

  if (same_sources (self, sources, demo))
    return;
  stop (self);
  g_clear_pointer (&self->last_errors, g_free);
  self->demo = demo;
  for (guint i = 0; sources && i < sources->len; i++)
    {
      DspSource *source = g_ptr_array_index (sources, i);

      g_ptr_array_add (self->sources, g_object_ref (source));
      g_signal_connect_object (dsp_source_get_outbox (source), "finished", G_CALLBACK (on_action_finished), self,
                               G_CONNECT_SWAPPED);
    }
  apply_poll_interval (self);
  dsp_dispute_list_set_sources (self->list, self->sources);
  self->loading = self->sources->len;
  self->started = g_get_monotonic_time ();
  g_signal_emit (self, signals[SOURCES_CHANGED], 0);
  for (guint i = 0; i < self->sources->len; i++)
    {
      DspSource *source = g_ptr_array_index (self->sources, i);
      Call *call = call_new (self, source);

      /* the marks, orders and sync state: the list reads the rows itself */
      dsp_source_load_async (source, NULL, NULL, NULL, on_loaded, call);
    }
}

GPtrArray *
dsp_refresher_get_sources (DspRefresher *self)
{
  g_return_val_if_fail (DSP_IS_REFRESHER (self), NULL);
  return self->sources;
}

gboolean
dsp_refresher_get_demo (DspRefresher *self)
{
  g_return_val_if_fail (DSP_IS_REFRESHER (self), FALSE);
  return self->demo;
}

gboolean
dsp_refresher_is_refreshing (DspRefresher *self)
{
  g_return_val_if_fail (DSP_IS_REFRESHER (self), FALSE);
  return self->cancellable != NULL;
}

/* Reading what is on disk, before the first sync. */
gboolean
dsp_refresher_is_loading (DspRefresher *self)
{
  g_return_val_if_fail (DSP_IS_REFRESHER (self), FALSE);
  return self->loading > 0;
}

/* What went wrong in the last refresh, a line per store, or NULL. */
const char *
dsp_refresher_get_errors (DspRefresher *self)
{
  g_return_val_if_fail (DSP_IS_REFRESHER (self), NULL);
  return self->last_errors && *self->last_errors ? self->last_errors : NULL;
}

/* The status's parts are said one after another: "Demo · Offline · …". */
static void
append_part (GString    *subtitle,
             const char *part)
{
  g_string_append_printf (subtitle, "%s%s", subtitle->len ? " · " : "", part);
}

/* "Updated at 14:03", "Offline · Updated 24 Nov, 18:10" ("Offline: Shop EU ·
 * …" when one of several stores is), "Demo · …": when
 * the least recently synced store was last brought up to date, and what
 * waits to be sent; NULL when there is nothing to say. */
char *
dsp_refresher_dup_status (DspRefresher *self)
{
  gint64 oldest = G_MAXINT64;
  g_autoptr(GString) offline = g_string_new (NULL);   /* which stores, when several */
  guint n_offline = 0, waiting = 0;
  g_autoptr(GString) subtitle = g_string_new (self->demo ? _("Demo") : NULL);
  GPtrArray *sources = self->sources;

  g_return_val_if_fail (DSP_IS_REFRESHER (self), NULL);

  for (guint i = 0; i < sources->len; i++)
    {
      DspSource *source = g_ptr_array_index (sources, i);
      g_autofree char *name = NULL;

      oldest = MIN (oldest, dsp_source_get_synced_at (source));
      waiting += dsp_outbox_count_open (dsp_source_get_outbox (source));
      if (!dsp_source_is_offline (source))
        continue;
      n_offline++;
      name = dsp_source_dup_name (source);
      if (name)
        g_string_append_printf (offline, "%s%s", offline->len ? ", " : "", name);
    }
  if (n_offline > 0 && sources->len > 1 && offline->len > 0)
    {
      /* Translators: the stores that could not reach Klarna, "Offline: Shop EU, Shop UK" */
      g_autofree char *which = g_strdup_printf (_("Offline: %s"), offline->str);

      append_part (subtitle, which);
    }
  else if (n_offline > 0)
    append_part (subtitle, _("Offline"));
  if (oldest > 0 && oldest < G_MAXINT64)
    {
      g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (dsp_clock_now ());
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (oldest);
      gboolean today = g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now) &&
                       g_date_time_get_year (when) == g_date_time_get_year (now);
      g_autofree char *time = g_date_time_format (when, today ? "%H:%M" : _("%-d %b, %H:%M"));
      g_autofree char *updated = g_strdup_printf (_("Updated at %s"), time);

      append_part (subtitle, updated);
    }
  if (waiting > 0)
    {
      g_autofree char *actions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u action waiting to be sent",
                                                               "%u actions waiting to be sent", waiting), waiting);

      append_part (subtitle, actions);
    }
  return subtitle->len ? g_string_free (g_steal_pointer (&subtitle), FALSE) : NULL;
}

static void
dsp_refresher_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DspRefresher *self = DSP_REFRESHER (object);

  switch (prop_id)
    {
    case PROP_LIST:
      g_value_set_object (value, self->list);
      break;
    case PROP_POLL_INTERVAL:
      g_value_set_int (value, self->poll_minutes);
      break;
    case PROP_REFRESHING:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dsp_refresher_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DspRefresher *self = DSP_REFRESHER (object);

  switch (prop_id)
    {
    case PROP_LIST:
      self->list = g_value_dup_object (value);
      break;
    case PROP_POLL_INTERVAL:
      if (self->poll_minutes == g_value_get_int (value))
        break;
      self->poll_minutes = g_value_get_int (value);
      apply_poll_interval (self);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dsp_refresher_constructed (GObject *object)
{
  DspRefresher *self = DSP_REFRESHER (object);

  G_OBJECT_CLASS (dsp_refresher_parent_class)->constructed (object);
  g_assert (self->list != NULL);
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "poll-interval", self, "poll-interval", G_SETTINGS_BIND_GET);
  self->poll_id = g_timeout_add_seconds (POLL_SECONDS, on_poll, self);
}

static void
dsp_refresher_dispose (GObject *object)
{
  DspRefresher *self = DSP_REFRESHER (object);

  if (self->sources)
    stop (self);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_object (&self->settings);
  g_clear_object (&self->list);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->errors, g_ptr_array_unref);
  g_clear_pointer (&self->last_errors, g_free);

  G_OBJECT_CLASS (dsp_refresher_parent_class)->dispose (object);
}

static void
dsp_refresher_class_init (DspRefresherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GType type = G_TYPE_FROM_CLASS (klass);

  object_class->constructed = dsp_refresher_constructed;
  object_class->get_property = dsp_refresher_get_property;
  object_class->set_property = dsp_refresher_set_property;
  object_class->dispose = dsp_refresher_dispose;

  properties[PROP_LIST] =
    g_param_spec_object ("list", NULL, NULL, DSP_TYPE_DISPUTE_LIST,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Minutes between polls of each store (Preferences). */
  properties[PROP_POLL_INTERVAL] =
    g_param_spec_int ("poll-interval", NULL, NULL, 1, 24 * 60, 15,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REFRESHING] =
    g_param_spec_boolean ("refreshing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SOURCES_CHANGED] = g_signal_new ("sources-changed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);
  /* How far a refresh has come: 0 to 1, or -1 when it cannot tell. */
  signals[PROGRESS] = g_signal_new ("progress", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 1, G_TYPE_DOUBLE);
  signals[FINISHED] = g_signal_new ("finished", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A source was synced (or tried), or reminders are due a look: its
   * disputes, and whether Klarna was reached (FALSE: a problem was said). */
  signals[SYNCED] = g_signal_new ("synced", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 3, DSP_TYPE_SOURCE, G_TYPE_PTR_ARRAY, G_TYPE_BOOLEAN);
  /* Something went wrong with one store, in words (with its name). */
  signals[PROBLEM] = g_signal_new ("problem", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 2, DSP_TYPE_SOURCE, G_TYPE_STRING);
  /* An action for Klarna was sent, or given up. */
  signals[ACTION_FINISHED] = g_signal_new ("action-finished", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 2, DSP_TYPE_SOURCE, DSP_TYPE_ACTION);
  /* Said once, in words: e.g. that stored disputes could not be read. */
  signals[NOTICE] = g_signal_new ("notice", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
dsp_refresher_init (DspRefresher *self)
{
  self->sources = g_ptr_array_new_with_free_func (g_object_unref);
  self->errors = g_ptr_array_new_with_free_func (g_free);
  self->poll_minutes = 15;
}
