/* dsp-sidebar.c
 *
 * Side by side, the leaflet gives the sidebar its natural width, which
 * followed what it showed: a longer line of money at risk, a longer state in
 * a row, another language, and the list moved under the pointer whenever the
 * selection changed. Its natural width is its width-request, so it keeps
 * one width; wider content wraps or ellipsizes. Folded, it fills the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dsp-sidebar.h"

struct _DspSidebar
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (DspSidebar, dsp_sidebar, ADW_TYPE_BIN)

static void
dsp_sidebar_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));
  int width = 0;

  *minimum = *natural = 0;
  *minimum_baseline = *natural_baseline = -1;
  if (child)
    gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
  if (orientation != GTK_ORIENTATION_HORIZONTAL)
    return;
  gtk_widget_get_size_request (widget, &width, NULL);
  *natural = MAX (*minimum, width);
}

static void
dsp_sidebar_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child)
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

static void
dsp_sidebar_class_init (DspSidebarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = dsp_sidebar_measure;
  widget_class->size_allocate = dsp_sidebar_size_allocate;
}

static void
dsp_sidebar_init (DspSidebar *self)
{
  /* measured here, not by AdwBin's layout manager; the window's extra
   * width goes to the detail pane, never to the list */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
  gtk_widget_set_hexpand (GTK_WIDGET (self), FALSE);
}
