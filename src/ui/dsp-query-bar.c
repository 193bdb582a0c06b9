/* dsp-query-bar.c
 *
 * Above the list: a search (Ctrl+F, or typing in the list), which disputes
 * are shown — a state, each with its count, a store, a reason — in what
 * order, and what is at stake in that view. All of it is the list's query,
 * answered by the store; the state, order, store and reason chosen are
 * kept for the next start.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-query-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-labels.h"
#include "dsp-money.h"
#include "dsp-dropdown-name.h"
#include "dsp-query-bar.h"

struct _DspQueryBar
{
  AdwBin          parent_instance;

  GSettings      *settings;
  DspRefresher   *refresher;
  DspDisputeList *list;
  GtkStringList  *groups;
  GtkStringList  *sorts;
  GtkStringList  *stores;
  GtkStringList  *reasons;
  GPtrArray      *reason_codes;  /* the reason dropdown's codes; NULL first: every reason */
  gboolean        filling;       /* the dropdowns change, not the owner's choice */

  GtkSearchBar   *search_bar;
  GtkSearchEntry *search_entry;
  GtkDropDown    *group_dropdown;
  GtkDropDown    *sort_dropdown;
  GtkDropDown    *store_dropdown;
  GtkDropDown    *reason_dropdown;
  GtkLabel       *stake_label;
};

G_DEFINE_FINAL_TYPE (DspQueryBar, dsp_query_bar, ADW_TYPE_BIN)

/* The states in the order offered; "All" last. */
static const struct {
  DspQueryGroup group;
  const char   *label;
} groups[] = {
  { DSP_QUERY_NEEDS_RESPONSE, N_("Needs your response") },
  { DSP_QUERY_IN_REVIEW, N_("Klarna is reviewing") },
  { DSP_QUERY_PRELIMINARY_LOSS, N_("Preliminary loss") },
  { DSP_QUERY_RESOLVED, N_("Resolved by you") },
  { DSP_QUERY_CLOSED, N_("Closed") },
  { DSP_QUERY_ALL, N_("All") },
};

static const char *sorts[] = {
  N_("Most urgent"), N_("Deadline"), N_("Amount"), N_("Newest"), N_("Order number"),
};

static GPtrArray *
sources_of (DspQueryBar *self)
{
  return dsp_refresher_get_sources (self->refresher);
}

static guint
group_position (DspQueryGroup group)
{
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (groups[i].group == group)
      return i;
  return G_N_ELEMENTS (groups) - 1;
}

/* What the dropdowns and the search say, as the list's query. */
static void
update_query (DspQueryBar *self)
{
  g_autoptr(DspQuery) query = NULL;
  guint group = gtk_drop_down_get_selected (self->group_dropdown);
  guint store = gtk_drop_down_get_selected (self->store_dropdown);
  guint reason = gtk_drop_down_get_selected (self->reason_dropdown);
  GPtrArray *sources = sources_of (self);

  if (self->filling || self->list == NULL)
    return;
  query = dsp_query_copy (dsp_dispute_list_get_query (self->list));
  query->group = group < G_N_ELEMENTS (groups) ? groups[group].group : DSP_QUERY_ALL;
  query->sort = MIN (gtk_drop_down_get_selected (self->sort_dropdown), DSP_QUERY_SORT_ORDER);
  g_clear_pointer (&query->source_id, g_free);
  if (store != 0 && store != GTK_INVALID_LIST_POSITION && store <= sources->len)
    query->source_id = g_strdup (dsp_source_get_id (g_ptr_array_index (sources, store - 1)));
  g_clear_pointer (&query->reason, g_free);
  if (reason != GTK_INVALID_LIST_POSITION && reason < self->reason_codes->len)
    query->reason = g_strdup (g_ptr_array_index (self->reason_codes, reason));
  g_free (query->text);
  query->text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  dsp_dispute_list_set_query (self->list, query);
}

/* The owner chose: shown now, and again at the next start. */
static void
on_chosen (DspQueryBar *self)
{
  const DspQuery *query;

  if (self->filling || self->list == NULL)
    return;
  update_query (self);
  query = dsp_dispute_list_get_query (self->list);
  g_settings_set_enum (self->settings, "list-group", query->group);
  g_settings_set_enum (self->settings, "list-sort", query->sort);
  g_settings_set_string (self->settings, "list-store", query->source_id ? query->source_id : "");
  g_settings_set_string (self->settings, "list-reason", query->reason ? query->reason : "");
}

/* Replaces every string of @list at once; the dropdown keeps its choice. */
static gboolean
same_strings (GtkStringList *list,
              const char   **strings)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    if (strings[i] == NULL || g_strcmp0 (gtk_string_list_get_string (list, i), strings[i]) != 0)
      return FALSE;
  return strings[n] == NULL;
}

static void
refill (DspQueryBar   *self,
        GtkDropDown   *dropdown,
        GtkStringList *list,
        const char   **strings,
        guint          selected)
{
  /* unchanged, untouched: no needless change for the dropdown to report */
  if (same_strings (list, strings) && gtk_drop_down_get_selected (dropdown) == selected)
    return;
  self->filling = TRUE;
  gtk_string_list_splice (list, 0, g_list_model_get_n_items (G_LIST_MODEL (list)), strings);
  gtk_drop_down_set_selected (dropdown, selected);
  /* the choice's words may have changed in place ("Needs your response (24)"):
   * its button is named again, as the dropdown does not say so */
  dsp_dropdown_name_update (dropdown);
  self->filling = FALSE;
}

static void
update_groups (DspQueryBar    *self,
               const DspTally *tally)
{
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) strings = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      g_autofree char *label = NULL;

      if (tally)
        /* Translators: a state of disputes, and how many are in it: "Closed (1,204)" */
        label = g_strdup_printf (C_("filter", "%s (%'u)"), _(groups[i].label), tally->counts[groups[i].group]);
      g_strv_builder_add (labels, label ? label : _(groups[i].label));
    }
  strings = g_strv_builder_end (labels);
  refill (self, self->group_dropdown, self->groups, (const char **) strings,
          gtk_drop_down_get_selected (self->group_dropdown));
}

static guint
reason_position (DspQueryBar *self,
                 const char  *code)
{
  for (guint i = 1; code && i < self->reason_codes->len; i++)
    if (g_str_equal (g_ptr_array_index (self->reason_codes, i), code))
      return i;
  return 0;
}

/* Every reason among the stores shown, and the one chosen even if none is. */
static void
update_reasons (DspQueryBar    *self,
                const DspTally *tally)
{
  const char *chosen = dsp_dispute_list_get_query (self->list)->reason;
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) strings = NULL;

  g_ptr_array_set_size (self->reason_codes, 0);
  g_ptr_array_add (self->reason_codes, NULL);
  for (guint i = 0; tally && i < tally->reasons->len; i++)
    g_ptr_array_add (self->reason_codes, g_strdup (g_ptr_array_index (tally->reasons, i)));
  if (chosen && reason_position (self, chosen) == 0)
    g_ptr_array_add (self->reason_codes, g_strdup (chosen));
  g_strv_builder_add (labels, _("Every Reason"));
  for (guint i = 1; i < self->reason_codes->len; i++)
    {
      g_autofree char *label = dsp_reason_to_string (g_ptr_array_index (self->reason_codes, i));
      g_strv_builder_add (labels, label);
    }
  strings = g_strv_builder_end (labels);
  refill (self, self->reason_dropdown, self->reasons, (const char **) strings, reason_position (self, chosen));
}

static char *
dup_stake_text (const DspTally *tally)
{
  g_autofree char *amounts = NULL;
  g_autofree char *stake = NULL;

  if (tally->at_stake_count == 0)
    return g_strdup (_("Nothing in this view needs your response."));
  amounts = dsp_stakes_dup_text (tally->at_stake);
  /* Translators: "€4,210.50 and SEK 12,300 in 37 disputes need your response" */
  stake = g_strdup_printf (ngettext ("%s in %'u dispute needs your response", "%s in %'u disputes need your response",
                                     tally->at_stake_count),
                           amounts, tally->at_stake_count);
  if (tally->overdue == 0)
    return g_strconcat (stake, ".", NULL);
  /* Translators: the money at stake, then how many of those disputes are past their deadline */
  return g_strdup_printf (ngettext ("%s; %'u is overdue.", "%s; %'u are overdue.", tally->overdue),
                          stake, tally->overdue);
}

static void
on_tally_changed (DspQueryBar *self)
{
  const DspTally *tally = dsp_dispute_list_get_tally (self->list);
  g_autofree char *stake = tally ? dup_stake_text (tally) : NULL;

  update_groups (self, tally);
  update_reasons (self, tally);
  gtk_label_set_text (self->stake_label, stake ? stake : "");
  gtk_widget_set_visible (GTK_WIDGET (self->stake_label), stake != NULL);
}

/* The stores shown changed: offered by name, the kept one chosen again. */
static void
on_sources_changed (DspQueryBar *self)
{
  GPtrArray *sources = sources_of (self);
  g_autofree char *kept = g_settings_get_string (self->settings, "list-store");
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) strings = NULL;
  guint chosen = 0;

  g_strv_builder_add (names, _("All Stores"));
  for (guint i = 0; i < sources->len; i++)
    {
      DspSource *source = g_ptr_array_index (sources, i);
      g_autofree char *name = dsp_source_dup_name (source);

      g_strv_builder_add (names, name ? name : _("Demo"));
      if (g_strcmp0 (dsp_source_get_id (source), kept) == 0)
        chosen = i + 1;
    }
  strings = g_strv_builder_end (names);
  refill (self, self->store_dropdown, self->stores, (const char **) strings, sources->len > 1 ? chosen : 0);
  gtk_widget_set_visible (GTK_WIDGET (self->store_dropdown), sources->len > 1);
  update_query (self);
}

/* The last start's choices, before the first question to the store. */
static void
restore (DspQueryBar *self)
{
  g_autoptr(DspQuery) query = dsp_query_copy (dsp_dispute_list_get_query (self->list));
  g_autofree char *reason = g_settings_get_string (self->settings, "list-reason");

  query->group = g_settings_get_enum (self->settings, "list-group");
  query->sort = g_settings_get_enum (self->settings, "list-sort");
  g_free (query->reason);
  query->reason = *reason ? g_strdup (reason) : NULL;
  dsp_dispute_list_set_query (self->list, query);
  self->filling = TRUE;
  gtk_drop_down_set_selected (self->group_dropdown, group_position (query->group));
  gtk_drop_down_set_selected (self->sort_dropdown, query->sort);
  self->filling = FALSE;
  on_tally_changed (self);
}

void
dsp_query_bar_set_refresher (DspQueryBar  *self,
                             DspRefresher *refresher)
{
  g_return_if_fail (DSP_IS_QUERY_BAR (self));
  g_return_if_fail (self->refresher == NULL);

  self->refresher = g_object_ref (refresher);
  self->list = g_object_ref (dsp_refresher_get_list (refresher));
  g_signal_connect_object (self->list, "tally-changed", G_CALLBACK (on_tally_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (refresher, "sources-changed", G_CALLBACK (on_sources_changed), self, G_CONNECT_SWAPPED);
  restore (self);
  on_sources_changed (self);
}

GtkSearchBar *
dsp_query_bar_get_search_bar (DspQueryBar *self)
{
  g_return_val_if_fail (DSP_IS_QUERY_BAR (self), NULL);
  return self->search_bar;
}

/* One of the states offered (0 for the first, "All" last), as if chosen. */
void
dsp_query_bar_choose_group (DspQueryBar *self,
                            guint        position)
{
  g_return_if_fail (DSP_IS_QUERY_BAR (self));
  if (position < G_N_ELEMENTS (groups))
    gtk_drop_down_set_selected (self->group_dropdown, position);
}

static void
dsp_query_bar_dispose (GObject *object)
{
  DspQueryBar *self = DSP_QUERY_BAR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DSP_TYPE_QUERY_BAR);
  g_clear_object (&self->list);
  g_clear_object (&self->refresher);
  g_clear_object (&self->settings);
  g_clear_object (&self->groups);
  g_clear_object (&self->sorts);
  g_clear_object (&self->stores);
  g_clear_object (&self->reasons);
  g_clear_pointer (&self->reason_codes, g_ptr_array_unref);

  G_OBJECT_CLASS (dsp_query_bar_parent_class)->dispose (object);
}

static void
dsp_query_bar_class_init (DspQueryBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dsp_query_bar_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Disputes/ui/dsp-query-bar.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, DspQueryBar, name)
  BIND (search_bar);
  BIND (search_entry);
  BIND (group_dropdown);
  BIND (sort_dropdown);
  BIND (store_dropdown);
  BIND (reason_dropdown);
  BIND (stake_label);
#undef BIND
}

static GtkStringList *
attach_strings (GtkDropDown *dropdown,
                const char  *name)
{
  GtkStringList *strings = gtk_string_list_new (NULL);

  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (strings));
  dsp_dropdown_name_follow (dropdown, name);
  return strings;
}

static void
dsp_query_bar_init (DspQueryBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
  self->reason_codes = g_ptr_array_new_with_free_func (g_free);
  self->groups = attach_strings (self->group_dropdown, _("Show"));
  self->sorts = attach_strings (self->sort_dropdown, _("Sort by"));
  self->stores = attach_strings (self->store_dropdown, _("Store"));
  self->reasons = attach_strings (self->reason_dropdown, _("Reason"));
  for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
    gtk_string_list_append (self->sorts, _(sorts[i]));
  update_groups (self, NULL);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (update_query), self);
  g_signal_connect_swapped (self->group_dropdown, "notify::selected", G_CALLBACK (on_chosen), self);
  g_signal_connect_swapped (self->sort_dropdown, "notify::selected", G_CALLBACK (on_chosen), self);
  g_signal_connect_swapped (self->store_dropdown, "notify::selected", G_CALLBACK (on_chosen), self);
  g_signal_connect_swapped (self->reason_dropdown, "notify::selected", G_CALLBACK (on_chosen), self);
}
