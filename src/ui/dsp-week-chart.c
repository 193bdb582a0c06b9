/* dsp-week-chart.c
 *
 * A bar per week, its count above it, the Monday it starts below every
 * other one; drawn with cairo in the theme's colours (the accent for the
 * bars, the text colour dimmed for the words). A screen reader hears the
 * same figures as a sentence (the accessible description).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-week-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dsp-week-chart.h"

#define MAX_WEEKS 53
#define CHART_HEIGHT 180

struct _DspWeekChart
{
  GtkWidget parent_instance;

  guint     n_weeks;
  guint     counts[MAX_WEEKS];
  gint64    starts[MAX_WEEKS];
};

G_DEFINE_FINAL_TYPE (DspWeekChart, dsp_week_chart, GTK_TYPE_WIDGET)

static char *
week_label (gint64 start)
{
  g_autoptr(GDateTime) day = g_date_time_new_from_unix_local (start);

  /* Translators: a week's first day under a bar of the chart, strftime() style: "23 Nov" */
  return g_date_time_format (day, C_("week chart", "%e %b"));
}

static void
draw_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       center_x,
           double       y,
           double       area_width)
{
  int width, height;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, &height);
  /* whole, at the chart's edges too */
  cairo_move_to (cr, CLAMP (center_x - width / 2.0, 0, MAX (0, area_width - width)), y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw (DspWeekChart *self,
      cairo_t      *cr,
      double        width,
      double        height)
{
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self));
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  GdkRGBA fg, accent;
  double slot = width / MAX (self->n_weeks, 1), text_height = 18, base = height - text_height - 4;
  guint most = 1;

  gtk_style_context_get_color (style, &fg);
  if (!gtk_style_context_lookup_color (style, "accent_color", &accent))
    accent = fg;
  for (guint i = 0; i < self->n_weeks; i++)
    most = MAX (most, self->counts[i]);
  for (guint i = 0; i < self->n_weeks; i++)
    {
      double bar = (base - text_height - 4) * self->counts[i] / most;
      double x = i * slot + slot * 0.2, center = i * slot + slot / 2;
      g_autofree char *count = g_strdup_printf ("%u", self->counts[i]);

      gdk_cairo_set_source_rgba (cr, &accent);
      cairo_rectangle (cr, x, base - bar, slot * 0.6, bar);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.8);
      draw_text (cr, layout, count, center, base - bar - text_height, width);
      if ((self->n_weeks - 1 - i) % 2 == 0)
        {
          g_autofree char *label = week_label (self->starts[i]);

          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.55);
          draw_text (cr, layout, label, center, base + 4, width);
        }
    }
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.25);
  cairo_rectangle (cr, 0, base, width, 1);
  cairo_fill (cr);
}

static void
dsp_week_chart_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  draw (DSP_WEEK_CHART (widget), cr, width, height);
  cairo_destroy (cr);
}

/* The figures, said: "Opened per week, oldest first: 23 Nov: 4, 30 Nov: 7, …". */
static void
describe (DspWeekChart *self)
{
  g_autoptr(GString) text = g_string_new (_("Disputes opened per week, oldest first: "));

  for (guint i = 0; i < self->n_weeks; i++)
    {
      g_autofree char *label = week_label (self->starts[i]);

      g_strstrip (label);
      /* Translators: one week of the chart, said: "23 Nov: 4" */
      g_string_append_printf (text, C_("week chart", "%s%s: %u"), i ? ", " : "", label, self->counts[i]);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str, -1);
}

void
dsp_week_chart_set_weeks (DspWeekChart *self,
                          const guint  *counts,
                          const gint64 *starts,
                          guint         n_weeks)
{
  g_return_if_fail (DSP_IS_WEEK_CHART (self));
  self->n_weeks = MIN (n_weeks, MAX_WEEKS);
  memcpy (self->counts, counts, self->n_weeks * sizeof *counts);
  memcpy (self->starts, starts, self->n_weeks * sizeof *starts);
  describe (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
dsp_week_chart_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  *minimum = *natural = orientation == GTK_ORIENTATION_VERTICAL ? CHART_HEIGHT : 240;
}

static void
dsp_week_chart_class_init (DspWeekChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = dsp_week_chart_snapshot;
  widget_class->measure = dsp_week_chart_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dsp_week_chart_init (DspWeekChart *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Disputes opened per week"), -1);
}

GtkWidget *
dsp_week_chart_new (void)
{
  return g_object_new (DSP_TYPE_WEEK_CHART, NULL);
}
