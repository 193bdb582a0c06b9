/* dsp-checklist-group.c
 *
 * A row per item of dsp_checklist_for_reason(): its check is on when a
 * document was added for it ("covered": then it cannot be unticked, the
 * document has to go) or the owner ticked it (something said in the
 * answer, say the tracking number). Each row's button asks for a document
 * for that item ("add-for"); "changed" says a tick changed by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-checklist-group"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-checklist-group.h"
#include "dsp-checklist.h"

struct _DspChecklistGroup
{
  AdwPreferencesGroup     parent_instance;

  const DspChecklistItem *items;
  guint                   n_items;
  GPtrArray              *rows;     /* AdwActionRow, one per item */
  GPtrArray              *checks;   /* GtkCheckButton, one per item */
  GHashTable             *covered;  /* item keys a document covers */
  GHashTable             *ticked;   /* item keys ticked by hand */
  gboolean                syncing;
};

G_DEFINE_FINAL_TYPE (DspChecklistGroup, dsp_checklist_group, ADW_TYPE_PREFERENCES_GROUP)

enum { ADD_FOR, CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
show_ticks (DspChecklistGroup *self)
{
  self->syncing = TRUE;
  for (guint i = 0; i < self->n_items; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);
      gboolean covered = g_hash_table_contains (self->covered, self->items[i].key);

      gtk_check_button_set_active (check, covered || g_hash_table_contains (self->ticked, self->items[i].key));
      gtk_widget_set_sensitive (GTK_WIDGET (check), !covered);
      gtk_widget_set_tooltip_text (GTK_WIDGET (check), covered ? _("A document covers this") : _("Tick it when your answer covers this"));
    }
  self->syncing = FALSE;
}

static void
on_toggled (GtkCheckButton    *check,
            DspChecklistGroup *self)
{
  guint index;

  if (self->syncing || !g_ptr_array_find (self->checks, check, &index))
    return;
  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->ticked, g_strdup (self->items[index].key));
  else
    g_hash_table_remove (self->ticked, self->items[index].key);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_add_clicked (GtkButton         *button,
                DspChecklistGroup *self)
{
  g_signal_emit (self, signals[ADD_FOR], 0, g_object_get_data (G_OBJECT (button), "dsp-item"));
}

static GtkWidget *
item_row (DspChecklistGroup      *self,
          const DspChecklistItem *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");
  /* Translators: a button beside an item Klarna needs, such as "Proof of delivery" */
  g_autofree char *add_label = g_strdup_printf (_("Add a document: %s"), _(item->title));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(item->title));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(item->hint));
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  /* named by its row (the row's activatable widget), not twice */
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_tooltip_text (add, _("Add a document for this"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, add_label, -1);
  g_object_set_data (G_OBJECT (add), "dsp-item", (gpointer) item->key);
  g_signal_connect (add, "clicked", G_CALLBACK (on_add_clicked), self);
  g_signal_connect (check, "toggled", G_CALLBACK (on_toggled), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), add);
  g_ptr_array_add (self->checks, check);
  return row;
}

/* @reason: Klarna's code; the rows are made again */
void
dsp_checklist_group_set_reason (DspChecklistGroup *self,
                                const char        *reason)
{
  g_return_if_fail (DSP_IS_CHECKLIST_GROUP (self));
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->checks, 0);
  self->items = dsp_checklist_for_reason (reason, &self->n_items);
  for (guint i = 0; i < self->n_items; i++)
    {
      GtkWidget *row = item_row (self, &self->items[i]);

      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
    }
  show_ticks (self);
}

static void
replace_keys (GHashTable         *set,
              const char * const *keys)
{
  g_hash_table_remove_all (set);
  for (guint i = 0; keys && keys[i]; i++)
    g_hash_table_add (set, g_strdup (keys[i]));
}

/* The items the documents were added for (NULL-terminated; unknown keys ignored). */
void
dsp_checklist_group_set_covered (DspChecklistGroup  *self,
                                 const char * const *keys)
{
  g_return_if_fail (DSP_IS_CHECKLIST_GROUP (self));
  replace_keys (self->covered, keys);
  show_ticks (self);
}

void
dsp_checklist_group_set_ticked (DspChecklistGroup  *self,
                                const char * const *keys)
{
  g_return_if_fail (DSP_IS_CHECKLIST_GROUP (self));
  replace_keys (self->ticked, keys);
  show_ticks (self);
}

/* Ticked by hand, in the list's order. */
GStrv
dsp_checklist_group_dup_ticked (DspChecklistGroup *self)
{
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();

  for (guint i = 0; i < self->n_items; i++)
    if (g_hash_table_contains (self->ticked, self->items[i].key))
      g_strv_builder_add (keys, self->items[i].key);
  return g_strv_builder_end (keys);
}

/* "Proof of delivery, Delivery address": what nothing covers yet, or NULL. */
char *
dsp_checklist_group_dup_missing (DspChecklistGroup *self)
{
  g_autoptr(GString) missing = g_string_new (NULL);

  for (guint i = 0; i < self->n_items; i++)
    if (!g_hash_table_contains (self->covered, self->items[i].key) &&
        !g_hash_table_contains (self->ticked, self->items[i].key))
      /* Translators: the separator between items of a list */
      g_string_append_printf (missing, "%s%s", missing->len ? _(", ") : "", _(self->items[i].title));
  return missing->len ? g_string_free (g_steal_pointer (&missing), FALSE) : NULL;
}

/* An item's title in the owner's language, or NULL for a key not in the list. */
const char *
dsp_checklist_group_get_title (DspChecklistGroup *self,
                               const char        *key)
{
  for (guint i = 0; key && i < self->n_items; i++)
    if (g_str_equal (self->items[i].key, key))
      return _(self->items[i].title);
  return NULL;
}

static void
dsp_checklist_group_finalize (GObject *object)
{
  DspChecklistGroup *self = DSP_CHECKLIST_GROUP (object);

  g_ptr_array_unref (self->rows);
  g_ptr_array_unref (self->checks);
  g_hash_table_unref (self->covered);
  g_hash_table_unref (self->ticked);
  G_OBJECT_CLASS (dsp_checklist_group_parent_class)->finalize (object);
}

static void
dsp_checklist_group_class_init (DspChecklistGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dsp_checklist_group_finalize;
  signals[ADD_FOR] = g_signal_new ("add-for", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
dsp_checklist_group_init (DspChecklistGroup *self)
{
  self->rows = g_ptr_array_new ();
  self->checks = g_ptr_array_new ();
  self->covered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->ticked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("What Klarna Needs"));
}
