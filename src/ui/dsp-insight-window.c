/* dsp-insight-window.c
 *
 * What is at risk now, how many disputes opened each week (a chart), how
 * those decided in a chosen period went (won, lost, the loss accepted, the
 * win rate, the money won back and lost), per store and per reason, the
 * costliest reason first. Asked of the store on its thread (dsp-insight.c),
 * again when the period changes and a second after the list's counts do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-insight-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-clock.h"
#include "dsp-dropdown-name.h"
#include "dsp-insight.h"
#include "dsp-insight-window.h"
#include "dsp-labels.h"
#include "dsp-week-chart.h"

#define REASK_DELAY_MS 1000

struct _DspInsightWindow
{
  AdwWindow            parent_instance;

  DspRefresher        *refresher;
  GCancellable        *asking;
  guint                reask_id;
  GtkDropDown         *period;
  AdwActionRow        *risk_row;
  DspWeekChart        *chart;
  AdwPreferencesGroup *outcome_group;
  AdwActionRow        *won_row;
  AdwActionRow        *lost_row;
  AdwActionRow        *accepted_row;
  AdwActionRow        *rate_row;
  GtkLevelBar         *rate_bar;
  AdwActionRow        *money_lost_row;
  AdwPreferencesGroup *reason_group;
  AdwPreferencesGroup *store_group;
  GPtrArray           *part_rows;  /* the reason and store rows shown */
};

G_DEFINE_FINAL_TYPE (DspInsightWindow, dsp_insight_window, ADW_TYPE_WINDOW)

static const struct {
  const char *label;
  gint64      days;   /* 0: all time */
} periods[] = {
  { N_("Last 30 Days"), 30 },
  { N_("Last 90 Days"), 90 },
  { N_("Last 12 Months"), 365 },
  { N_("All Time"), 0 },
};

static char *
money_or_none (GArray *stakes)
{
  char *text = dsp_stakes_dup_text (stakes);

  return text ? text : g_strdup (_("nothing"));
}

/* A figure row (count_row()): the figure at its end, and what it means. */
static void
set_figure_row (AdwActionRow *row,
                const char   *figure,
                const char   *subtitle)
{
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "dsp-count"), figure);
  adw_action_row_set_subtitle (row, subtitle);
}

static void
set_count_row (AdwActionRow *row,
               guint         count,
               const char   *subtitle)
{
  g_autofree char *text = g_strdup_printf ("%u", count);

  set_figure_row (row, text, subtitle);
}

/* "3 lost (€120.00) · 5 won · 9 opened" */
static char *
part_summary (const DspInsightPart *part)
{
  g_autofree char *money = money_or_none (part->lost_money);
  g_autofree char *lost = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u lost (%s)", "%u lost (%s)", part->lost),
                                           part->lost, money);
  g_autofree char *won = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u won", "%u won", part->won), part->won);
  g_autofree char *opened = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u opened", "%u opened", part->opened),
                                             part->opened);

  return g_strjoin (" · ", lost, won, opened, NULL);
}

static void
show_parts (DspInsightWindow    *self,
            AdwPreferencesGroup *group,
            GPtrArray           *parts,
            gboolean             reasons)
{
  for (guint i = 0; i < parts->len; i++)
    {
      DspInsightPart *part = g_ptr_array_index (parts, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = reasons ? dsp_reason_to_string (part->key) : g_strdup (part->key);
      g_autofree char *summary = part_summary (part);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : _("Unknown"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
      adw_preferences_group_add (group, row);
      g_ptr_array_add (self->part_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (group), parts->len > (reasons ? 0u : 1u));
}

static void
clear_parts (DspInsightWindow *self)
{
  for (guint i = 0; i < self->part_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->part_rows, i);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP)),
                                    row);
    }
  g_ptr_array_set_size (self->part_rows, 0);
}

static void
show_insight (DspInsightWindow *self,
              DspInsight       *insight)
{
  g_autofree char *risk = money_or_none (insight->at_risk);
  g_autofree char *risk_sub = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Withheld by Klarna in %u open dispute",
                                                            "Withheld by Klarna in %u open disputes", insight->at_risk_count),
                                               insight->at_risk_count);
  g_autofree char *recovered = money_or_none (insight->recovered);
  g_autofree char *lost = money_or_none (insight->lost_money);
  g_autofree char *won_sub = g_strdup_printf (_("%s paid out to you"), recovered);
  guint percent = dsp_insight_win_percent (insight), decided = insight->won + insight->lost + insight->accepted;
  g_autofree char *rate = g_strdup_printf (_("%u %%"), percent);
  g_autofree char *rate_sub = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Won of %u dispute decided",
                                                            "Won of %u disputes decided", decided), decided);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->risk_row), risk);
  adw_action_row_set_subtitle (self->risk_row, risk_sub);
  dsp_week_chart_set_weeks (self->chart, insight->weeks, insight->week_start, DSP_INSIGHT_WEEKS);
  set_count_row (self->won_row, insight->won, won_sub);
  set_count_row (self->lost_row, insight->lost, _("Klarna decided for the customer, or no answer came in time"));
  set_count_row (self->accepted_row, insight->accepted, _("You accepted the loss"));
  set_figure_row (self->rate_row, decided ? rate : "—", decided ? rate_sub : _("No decision yet"));
  gtk_level_bar_set_value (self->rate_bar, decided ? percent / 100.0 : 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->rate_bar), GTK_ACCESSIBLE_PROPERTY_LABEL, rate, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->money_lost_row), lost);
  adw_action_row_set_subtitle (self->money_lost_row, _("Went back to customers, the losses accepted included"));
  clear_parts (self);
  show_parts (self, self->reason_group, insight->reasons, TRUE);
  show_parts (self, self->store_group, insight->stores, FALSE);
}

static void
on_insight (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DspInsightWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DspInsight) insight = dsp_insight_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->asking);
  if (insight)
    show_insight (self, insight);
  else
    adw_action_row_set_subtitle (self->risk_row, _("The saved disputes could not be read."));
}

static gint64
period_start (DspInsightWindow *self)
{
  guint chosen = gtk_drop_down_get_selected (self->period);
  gint64 days = chosen < G_N_ELEMENTS (periods) ? periods[chosen].days : 0;
  const char *titles[] = { N_("Decided in the Last 30 Days"), N_("Decided in the Last 90 Days"),
                           N_("Decided in the Last 12 Months"), N_("Decided, All Time") };

  adw_preferences_group_set_title (self->outcome_group, _(titles[MIN (chosen, G_N_ELEMENTS (titles) - 1)]));
  return days ? dsp_clock_now () - days * 86400 : 0;
}

static void
ask (DspInsightWindow *self)
{
  g_clear_handle_id (&self->reask_id, g_source_remove);
  g_cancellable_cancel (self->asking);
  g_clear_object (&self->asking);
  self->asking = g_cancellable_new ();
  dsp_insight_async (dsp_refresher_get_sources (self->refresher), period_start (self), self->asking, on_insight,
                     g_object_ref (self));
}

static gboolean
reask (gpointer data)
{
  DspInsightWindow *self = data;

  self->reask_id = 0;
  ask (self);
  return G_SOURCE_REMOVE;
}

/* A sync or a mark changed the counts: asked again a moment later. */
static void
on_tally_changed (DspInsightWindow *self)
{
  if (self->reask_id == 0)
    self->reask_id = g_timeout_add (REASK_DELAY_MS, reask, self);
}

gboolean
dsp_insight_window_is_asking (DspInsightWindow *self)
{
  g_return_val_if_fail (DSP_IS_INSIGHT_WINDOW (self), FALSE);
  return self->asking != NULL;
}

static GtkWidget *
group (GtkWidget  *page,
       const char *title,
       const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  return group;
}

/* A row with its count at the end, big enough to read at a glance. */
static AdwActionRow *
count_row (GtkWidget  *group,
           const char *title)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *count = gtk_label_new ("0");

  gtk_widget_add_css_class (count, "title-2");
  gtk_widget_add_css_class (count, "numeric");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), count);
  g_object_set_data (G_OBJECT (row), "dsp-count", count);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return ADW_ACTION_ROW (row);
}

static GtkWidget *
period_dropdown (DspInsightWindow *self)
{
  GtkStringList *labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    gtk_string_list_append (labels, _(periods[i].label));
  self->period = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (labels), NULL));
  gtk_drop_down_set_selected (self->period, 1);
  dsp_dropdown_name_follow (self->period, _("Period"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->period), _("The period whose decisions are counted"));
  g_signal_connect_swapped (self->period, "notify::selected", G_CALLBACK (ask), self);
  return GTK_WIDGET (self->period);
}

static void
build (DspInsightWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *now, *weeks, *outcomes;

  adw_header_bar_pack_end (ADW_HEADER_BAR (header), period_dropdown (self));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (_("Insight"), NULL));
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  now = group (page, _("At Risk Now"), NULL);
  self->risk_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->risk_row), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->risk_row), "property");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (now), GTK_WIDGET (self->risk_row));
  weeks = group (page, _("Opened per Week"), _("The last twelve weeks, Monday to Sunday"));
  self->chart = DSP_WEEK_CHART (dsp_week_chart_new ());
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (weeks), GTK_WIDGET (self->chart));
  outcomes = group (page, NULL, NULL);
  self->outcome_group = ADW_PREFERENCES_GROUP (outcomes);
  self->won_row = count_row (outcomes, _("Won"));
  self->lost_row = count_row (outcomes, _("Lost"));
  self->accepted_row = count_row (outcomes, _("Loss accepted"));
  self->rate_row = count_row (outcomes, _("Win Rate"));
  self->rate_bar = GTK_LEVEL_BAR (gtk_level_bar_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->rate_bar), 120, -1);
  gtk_widget_set_valign (GTK_WIDGET (self->rate_bar), GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (self->rate_row, GTK_WIDGET (self->rate_bar));
  self->money_lost_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->money_lost_row), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->money_lost_row), "property");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (outcomes), GTK_WIDGET (self->money_lost_row));
  self->reason_group = ADW_PREFERENCES_GROUP (group (page, _("By Reason"), _("Costliest first: the most money lost")));
  self->store_group = ADW_PREFERENCES_GROUP (group (page, _("By Store"), NULL));
  adw_window_set_content (ADW_WINDOW (self), box);
}

DspInsightWindow *
dsp_insight_window_new (GtkWindow    *parent,
                        DspRefresher *refresher)
{
  DspInsightWindow *self = g_object_new (DSP_TYPE_INSIGHT_WINDOW, "transient-for", parent,
                                         "title", _("Insight"), "default-width", 600, "default-height", 760, NULL);

  self->refresher = g_object_ref (refresher);
  g_signal_connect_object (dsp_refresher_get_list (refresher), "tally-changed", G_CALLBACK (on_tally_changed), self,
                           G_CONNECT_SWAPPED);
  ask (self);
  return self;
}

static void
dsp_insight_window_dispose (GObject *object)
{
  DspInsightWindow *self = DSP_INSIGHT_WINDOW (object);

  g_cancellable_cancel (self->asking);
  g_clear_object (&self->asking);
  g_clear_handle_id (&self->reask_id, g_source_remove);
  G_OBJECT_CLASS (dsp_insight_window_parent_class)->dispose (object);
}

static void
dsp_insight_window_finalize (GObject *object)
{
  DspInsightWindow *self = DSP_INSIGHT_WINDOW (object);

  g_clear_object (&self->refresher);
  g_ptr_array_unref (self->part_rows);
  G_OBJECT_CLASS (dsp_insight_window_parent_class)->finalize (object);
}

static void
dsp_insight_window_class_init (DspInsightWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dsp_insight_window_dispose;
  G_OBJECT_CLASS (klass)->finalize = dsp_insight_window_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dsp_insight_window_init (DspInsightWindow *self)
{
  self->part_rows = g_ptr_array_new ();
  build (self);
}
