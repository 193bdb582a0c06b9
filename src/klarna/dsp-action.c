/* dsp-action.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-action"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "dsp-action.h"
#include "dsp-clock.h"
#include "dsp-json.h"
#include "dsp-money.h"
#include "dsp-time.h"

G_DEFINE_BOXED_TYPE (DspAction, dsp_action, dsp_action_ref, dsp_action_unref)

static const char *kinds[] = { "refund", "represent", "appeal", "accept-loss" };
static const char *states[] = { "pending", "sending", "done", "failed" };

DspActionFile *
dsp_action_file_new (const char *name,
                     const char *content_type,
                     GBytes     *data)
{
  DspActionFile *file = g_new0 (DspActionFile, 1);

  file->name = g_strdup (name);
  file->content_type = g_strdup (content_type);
  file->data = data ? g_bytes_ref (data) : NULL;
  file->size = data ? g_bytes_get_size (data) : 0;
  return file;
}

void
dsp_action_file_free (DspActionFile *file)
{
  g_free (file->name);
  g_free (file->content_type);
  g_free (file->description);
  g_clear_pointer (&file->data, g_bytes_unref);
  g_free (file->attachment_id);
  g_free (file);
}

DspAction *
dsp_action_new (DspActionKind  kind,
                const char    *source,
                const char    *dispute_id)
{
  DspAction *self = g_rc_box_new0 (DspAction);

  self->kind = kind;
  self->source = g_strdup (source);
  self->dispute_id = g_strdup (dispute_id);
  self->idempotency_key = g_uuid_string_random ();
  self->files = g_ptr_array_new_with_free_func ((GDestroyNotify) dsp_action_file_free);
  return self;
}

DspAction *
dsp_action_ref (DspAction *self)
{
  return g_rc_box_acquire (self);
}

static void
action_clear (DspAction *self)
{
  g_free (self->source);
  g_free (self->dispute_id);
  g_free (self->idempotency_key);
  g_free (self->message);
  g_free (self->order_id);
  g_free (self->currency);
  g_free (self->text);
  g_ptr_array_unref (self->files);
}

void
dsp_action_unref (DspAction *self)
{
  g_rc_box_release_full (self, (GDestroyNotify) action_clear);
}

const char *
dsp_action_kind_to_string (DspActionKind kind)
{
  return kinds[kind];
}

gboolean
dsp_action_kind_from_string (const char    *text,
                             DspActionKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (text, kinds[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
dsp_action_state_to_string (DspActionState state)
{
  return states[state];
}

DspActionState
dsp_action_state_from_string (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    if (g_strcmp0 (text, states[i]) == 0)
      return i;
  return DSP_ACTION_PENDING;
}

/* What is sent, apart from the files (those have a table of their own). */
char *
dsp_action_payload_to_json (DspAction *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "order_id");
  json_builder_add_string_value (builder, self->order_id);
  json_builder_set_member_name (builder, "amount");
  json_builder_add_int_value (builder, self->amount);
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, self->currency);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, self->text);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

void
dsp_action_payload_from_json (DspAction  *self,
                              const char *json)
{
  g_autoptr(JsonNode) root = json ? dsp_json_parse (json, strlen (json), NULL) : NULL;
  JsonObject *object = root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;

  if (object == NULL)
    return;
  g_free (self->order_id);
  self->order_id = dsp_json_dup_string (object, "order_id");
  g_free (self->currency);
  self->currency = dsp_json_dup_string (object, "currency");
  g_free (self->text);
  self->text = dsp_json_dup_string (object, "text");
  if (!dsp_json_int (object, "amount", &self->amount))
    self->amount = 0;
}

/* "Refund of €12.50", "Evidence with 2 files", … */
char *
dsp_action_dup_title (DspAction *self)
{
  g_autofree char *money = dsp_money_format (self->amount, self->currency);

  switch (self->kind)
    {
    case DSP_ACTION_REFUND:
      /* Translators: %s is an amount with its currency */
      return g_strdup_printf (_("Refund of %s"), money);
    case DSP_ACTION_REPRESENT:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Evidence with %u file", "Evidence with %u files",
                                           self->files->len), self->files->len);
    case DSP_ACTION_APPEAL:
      return g_strdup (_("Appeal"));
    case DSP_ACTION_ACCEPT_LOSS:
      return g_strdup (_("Loss accepted"));
    default:
      return g_strdup ("");
    }
}

/* What became of it, in a sentence: "Refund of €2.50: sent to Klarna", or
 * that it was not sent, and Klarna's reason. In the @demo nothing reaches
 * Klarna, and the sentence says so. */
char *
dsp_action_dup_outcome (DspAction *self,
                        gboolean   demo)
{
  g_autofree char *title = dsp_action_dup_title (self);

  if (self->state == DSP_ACTION_DONE && demo)
    /* Translators: %s is e.g. “Refund of €12.00” */
    return g_strdup_printf (_("%s: done in the demo — nothing was sent to Klarna"), title);
  if (self->state == DSP_ACTION_DONE)
    /* Translators: %s is e.g. “Refund of €12.00” */
    return g_strdup_printf (_("%s: sent to Klarna"), title);
  /* Translators: what was not sent, then why */
  return g_strdup_printf (_("%s not sent. %s"), title, self->message ? self->message : "");
}

/* "14:05" today, the whole date otherwise. */
static char *
format_when (gint64 when)
{
  g_autoptr(GDateTime) then = g_date_time_new_from_unix_local (when);
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (dsp_clock_now ());

  if (then && now && g_date_time_get_year (then) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (then) == g_date_time_get_day_of_year (now))
    return g_date_time_format (then, "%H:%M");
  return dsp_time_format_local (when);
}

/* Where it stands, in a sentence. */
char *
dsp_action_dup_progress (DspAction *self)
{
  g_autofree char *when = NULL;

  switch (self->state)
    {
    case DSP_ACTION_SENDING:
      return g_strdup (_("Sending to Klarna…"));
    case DSP_ACTION_DONE:
      when = format_when (self->finished_at);
      /* Translators: %s is a time, or a date and time */
      return g_strdup_printf (_("Sent to Klarna at %s"), when);
    case DSP_ACTION_FAILED:
      /* Translators: %s is Klarna's reason */
      return g_strdup_printf (_("Not sent: %s"), self->message ? self->message : "");
    case DSP_ACTION_PENDING:
    default:
      if (self->attempts == 0)
        return g_strdup (_("Waiting to be sent to Klarna"));
      when = format_when (self->next_attempt);
      /* Translators: a time (or date and time), then what went wrong */
      return g_strdup_printf (_("Not sent yet — trying again at %s. %s"), when, self->message ? self->message : "");
    }
}

/* Still to be sent (or being sent). */
gboolean
dsp_action_is_open (DspAction *self)
{
  return self->state == DSP_ACTION_PENDING || self->state == DSP_ACTION_SENDING;
}
