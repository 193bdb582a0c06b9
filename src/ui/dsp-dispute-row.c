/* dsp-dispute-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-dispute-row"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-clock.h"
#include "dsp-deadline.h"
#include "dsp-dispute-row.h"
#include "dsp-ticker.h"

struct _DspDisputeRow
{
  GtkWidget   parent_instance;

  DspDisputeItem *dispute;
  gulong      customer_handler;
  gulong      tick_handler;

  GtkLabel   *reference_label;
  GtkLabel   *amount_label;
  GtkLabel   *subtitle_label;
  GtkLabel   *status_label;
  GtkLabel   *draft_label;
  GtkLabel   *deadline_label;
  GtkWidget  *menu;
  gboolean    latin;  /* all it says is in the Latin script (dsp_dispute_row_measure()) */
};

G_DEFINE_FINAL_TYPE (DspDisputeRow, dsp_dispute_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DISPUTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
dsp_status_css_class (DspStatus status)
{
  switch (status)
    {
    case DSP_STATUS_NEEDS_RESPONSE:
    case DSP_STATUS_PRELIMINARY_LOSS:
      return "status-action";
    case DSP_STATUS_IN_REVIEW:
    case DSP_STATUS_APPEAL_REVIEW:
    case DSP_STATUS_RESOLVED:
      return "status-review";
    case DSP_STATUS_WON:
      return "status-won";
    case DSP_STATUS_LOST:
      return "status-lost";
    case DSP_STATUS_CLOSED:
    case DSP_STATUS_UNKNOWN:
    default:
      return "status-other";
    }
}

static void
update_subtitle (DspDisputeRow *self)
{
  g_autofree char *reason = dsp_dispute_item_dup_reason_label (self->dispute);
  const char *parts[] = {
    dsp_dispute_item_get_store_name (self->dispute), dsp_dispute_item_get_customer_name (self->dispute), reason, NULL,
  };
  g_autoptr(GString) text = g_string_new (NULL);

  /* store · customer · reason, each when known */
  for (guint i = 0; i < G_N_ELEMENTS (parts) - 1; i++)
    if (parts[i] && *parts[i])
      g_string_append_printf (text, "%s%s", text->len ? " · " : "", parts[i]);
  gtk_label_set_text (self->subtitle_label, text->str);
}

static void
update_deadline (DspDisputeRow *self)
{
  gint64 deadline = dsp_dispute_item_get_deadline (self->dispute);
  gint64 now = dsp_clock_now ();
  DspUrgency urgency = dsp_deadline_urgency (deadline, now);
  g_autofree char *countdown = dsp_deadline_countdown (deadline, now);
  const char *classes[] = { "caption", dsp_deadline_css_class (urgency), NULL };

  gtk_label_set_text (self->deadline_label, countdown ? countdown : "");
  gtk_widget_set_css_classes (GTK_WIDGET (self->deadline_label), classes);
}

static void
update_accessible (DspDisputeRow *self)
{
  gboolean drafted = gtk_widget_get_visible (GTK_WIDGET (self->draft_label));
  g_autofree char *text = g_strjoin (", ", gtk_label_get_text (self->reference_label),
                                     gtk_label_get_text (self->amount_label),
                                     gtk_label_get_text (self->subtitle_label),
                                     gtk_label_get_text (self->status_label),
                                     drafted ? gtk_label_get_text (self->draft_label) : gtk_label_get_text (self->deadline_label),
                                     drafted ? gtk_label_get_text (self->deadline_label) : NULL, NULL);
  GtkWidget *cell = gtk_widget_get_parent (GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  /* A screen reader reads the list's cell, which GTK 4.8 gives no name of
   * its own (gtk_list_item_set_accessible_label came in 4.12): it reads
   * what its row shows. */
  if (cell)
    gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

/* Whether @text is Latin letters, digits and the punctuation and currency
 * signs around them: what the interface font draws itself, no taller
 * font falling in. */
static gboolean
is_latin (const char *text)
{
  for (const char *c = text; c && *c; c = g_utf8_next_char (c))
    {
      gunichar u = g_utf8_get_char (c);

      if (!(u < 0x250 || (u >= 0x2000 && u < 0x2070) || (u >= 0x20a0 && u < 0x20d0)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
says_latin (DspDisputeRow *self)
{
  GtkLabel *labels[] = {
    self->reference_label, self->amount_label, self->subtitle_label, self->status_label, self->deadline_label,
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (!is_latin (gtk_label_get_text (labels[i])))
      return FALSE;
  return TRUE;
}

static void
on_tick (DspDisputeRow *self)
{
  update_deadline (self);
  update_accessible (self);
}

static void
update (DspDisputeRow *self)
{
  g_autofree char *reference = NULL;
  g_autofree char *amount = dsp_dispute_item_dup_amount_label (self->dispute);
  g_autofree char *status = dsp_dispute_item_dup_status_label (self->dispute);
  DspStatus code = dsp_dispute_item_get_status (self->dispute);
  const char *status_classes[] = { "caption", "status-pill", dsp_status_css_class (code), NULL };

  /* Translators: %s is the shop's order number */
  reference = g_strdup_printf (_("Order %s"), dsp_dispute_item_get_reference (self->dispute));
  gtk_label_set_text (self->reference_label, reference);
  gtk_label_set_text (self->amount_label, amount);
  gtk_label_set_text (self->status_label, status);
  gtk_widget_set_css_classes (GTK_WIDGET (self->status_label), status_classes);
  gtk_widget_set_visible (GTK_WIDGET (self->draft_label), dsp_dispute_item_get_drafted (self->dispute));
  update_subtitle (self);
  update_deadline (self);
  update_accessible (self);
  self->latin = says_latin (self);
}

DspDisputeItem *
dsp_dispute_row_get_dispute (DspDisputeRow *self)
{
  g_return_val_if_fail (DSP_IS_DISPUTE_ROW (self), NULL);
  return self->dispute;
}

void
dsp_dispute_row_set_dispute (DspDisputeRow *self,
                             DspDisputeItem *dispute)
{
  g_return_if_fail (DSP_IS_DISPUTE_ROW (self));

  if (self->dispute == dispute)
    return;
  if (self->dispute)
    {
      g_clear_signal_handler (&self->customer_handler, self->dispute);
      g_clear_signal_handler (&self->tick_handler, dsp_ticker_get_default ());
    }
  g_set_object (&self->dispute, dispute);
  if (dispute)
    {
      self->customer_handler = g_signal_connect_swapped (dispute, "changed", G_CALLBACK (update), self);
      self->tick_handler = g_signal_connect_swapped (dsp_ticker_get_default (), "tick",
                                                     G_CALLBACK (on_tick), self);
      update (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPUTE]);
}

/* What can be done to this dispute without opening it: mark it resolved (or
 * take that back), or open it. The row belongs to a window with these actions. */
static GMenuModel *
build_menu (DspDisputeItem *dispute)
{
  GMenu *menu = g_menu_new ();
  GVariant *id = dsp_dispute_item_to_ref (dispute);
  gboolean resolved = dsp_dispute_item_get_resolved_at (dispute) != 0;
  g_autoptr(GMenuItem) open = g_menu_item_new (_("_Open"), NULL);
  g_autoptr(GMenuItem) mark = g_menu_item_new (resolved ? _("Mark _Unresolved") : _("Mark _Resolved"), NULL);

  g_menu_item_set_action_and_target_value (open, "win.open-dispute", id);
  g_menu_item_set_action_and_target_value (mark, resolved ? "win.unresolve" : "win.mark-resolved", id);
  g_menu_append_item (menu, open);
  g_menu_append_item (menu, mark);
  return G_MENU_MODEL (menu);
}

/**
 * dsp_dispute_row_popup_menu:
 * @x: where to point, in row coordinates, or -1 for the row's middle
 *
 * Opens the row's context menu, built for the dispute's current state.
 */
void
dsp_dispute_row_popup_menu (DspDisputeRow *self,
                            double         x,
                            double         y)
{
  g_autoptr(GMenuModel) model = NULL;
  int width = gtk_widget_get_width (GTK_WIDGET (self)), height = gtk_widget_get_height (GTK_WIDGET (self));

  g_return_if_fail (DSP_IS_DISPUTE_ROW (self));

  if (self->dispute == NULL)
    return;
  model = build_menu (self->dispute);
  if (self->menu == NULL)
    {
      /* made on the first use: a list keeps many rows, few ever open one */
      self->menu = gtk_popover_menu_new_from_model (NULL);
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
    }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), model);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu),
                               &(GdkRectangle) { x < 0 ? width / 2 : (int) x, y < 0 ? height / 2 : (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

GMenuModel *
dsp_dispute_row_get_menu_model (DspDisputeRow *self)
{
  g_return_val_if_fail (DSP_IS_DISPUTE_ROW (self), NULL);
  return self->menu ? gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (self->menu)) : NULL;
}

/* The row under (@x, @y) of @list, and where in it. */
static DspDisputeRow *
row_at (GtkWidget *list,
        double     x,
        double     y,
        double    *row_x,
        double    *row_y)
{
  GtkWidget *picked = gtk_widget_pick (list, x, y, GTK_PICK_DEFAULT);

  while (picked && picked != list && !DSP_IS_DISPUTE_ROW (picked))
    picked = gtk_widget_get_parent (picked);
  if (picked == NULL || picked == list ||
      !gtk_widget_translate_coordinates (list, picked, x, y, row_x, row_y))
    return NULL;
  return DSP_DISPUTE_ROW (picked);
}

static void
popup_at (GtkWidget *list,
          double     x,
          double     y)
{
  double row_x, row_y;
  DspDisputeRow *row = row_at (list, x, y, &row_x, &row_y);

  if (row)
    dsp_dispute_row_popup_menu (row, row_x, row_y);
}

static void
on_secondary_click (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    GtkWidget       *list)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_at (list, x, y);
}

static void
on_long_press (GtkGestureLongPress *gesture,
               double               x,
               double               y,
               GtkWidget           *list)
{
  popup_at (list, x, y);
}

/**
 * dsp_dispute_row_add_menu_gestures:
 * @list: the list view holding the rows
 *
 * A right click, or a long press on a touch screen, opens the context menu
 * of the row under it: one pair of gestures for the list, not one per row
 * (the list makes its rows anew as the view changes).
 */
void
dsp_dispute_row_add_menu_gestures (GtkWidget *list)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *press = gtk_gesture_long_press_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  /* before the rows' own gestures, which would take the click */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_secondary_click), list);
  gtk_widget_add_controller (list, GTK_EVENT_CONTROLLER (click));
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (press), TRUE);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (press), GTK_PHASE_CAPTURE);
  g_signal_connect (press, "pressed", G_CALLBACK (on_long_press), list);
  gtk_widget_add_controller (list, GTK_EVENT_CONTROLLER (press));
}

GtkWidget *
dsp_dispute_row_new (void)
{
  return g_object_new (DSP_TYPE_DISPUTE_ROW, NULL);
}

static void
dsp_dispute_row_dispose (GObject *object)
{
  DspDisputeRow *self = DSP_DISPUTE_ROW (object);

  GtkWidget *child;

  dsp_dispute_row_set_dispute (self, NULL);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (dsp_dispute_row_parent_class)->dispose (object);
}

static void
dsp_dispute_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DspDisputeRow *self = DSP_DISPUTE_ROW (object);

  switch (prop_id)
    {
    case PROP_DISPUTE:
      g_value_set_object (value, self->dispute);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dsp_dispute_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DspDisputeRow *self = DSP_DISPUTE_ROW (object);

  switch (prop_id)
    {
    case PROP_DISPUTE:
      dsp_dispute_row_set_dispute (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* ---- size ----
 * The row is its three lines stacked. Each line is one line, shortened
 * (ellipsized) when narrow: a row's height depends on its fonts and on the
 * Draft pill, not on what it says. The list measures the rows it keeps
 * (some thirty) again each time the view changes — most of a search's
 * frame —, so the
 * height of a row in the Latin script is measured once and kept for the
 * others while the fonts, the text's resolution and the scale stay. */
#define LINE_SPACING 4

typedef struct {
  guint key;   /* 0: not measured */
  int   minimum;
  int   natural;
} KeptHeight;

static KeptHeight kept_heights[2];  /* without and with the Draft pill */

static guint
style_key (GtkWidget *widget)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  guint key = pango_font_description_hash (pango_context_get_font_description (context));

  key = key * 31 + (guint) (pango_cairo_context_get_resolution (context) * 100);
  key = key * 31 + (guint) gtk_widget_get_scale_factor (widget);
  return key ? key : 1;
}

static void
measure_lines (GtkWidget      *widget,
               GtkOrientation  orientation,
               int             for_size,
               int            *minimum,
               int            *natural)
{
  int n = 0;

  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, orientation, orientation == GTK_ORIENTATION_VERTICAL ? for_size : -1,
                          &child_min, &child_nat, NULL, NULL);
      if (orientation == GTK_ORIENTATION_VERTICAL)
        {
          *minimum += child_min + (n ? LINE_SPACING : 0);
          *natural += child_nat + (n ? LINE_SPACING : 0);
        }
      else
        {
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
      n++;
    }
}

static void
dsp_dispute_row_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  DspDisputeRow *self = DSP_DISPUTE_ROW (widget);
  KeptHeight *kept = &kept_heights[gtk_widget_get_visible (GTK_WIDGET (self->draft_label))];
  guint key;

  *minimum_baseline = *natural_baseline = -1;
  if (orientation == GTK_ORIENTATION_HORIZONTAL || !self->latin)
    {
      measure_lines (widget, orientation, for_size, minimum, natural);
      return;
    }
  key = style_key (widget);
  if (kept->key != key)
    {
      measure_lines (widget, orientation, for_size, &kept->minimum, &kept->natural);
      kept->key = key;
    }
  *minimum = kept->minimum;
  *natural = kept->natural;
}

static void
dsp_dispute_row_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  DspDisputeRow *self = DSP_DISPUTE_ROW (widget);
  int y = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &child_min, &child_nat, NULL, NULL);
      gtk_widget_size_allocate (child, &(GtkAllocation) { 0, y, width, child_min }, -1);
      y += child_min + LINE_SPACING;
    }
  if (self->menu)
    gtk_popover_present (GTK_POPOVER (self->menu));
}

static void
dsp_dispute_row_class_init (DspDisputeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dsp_dispute_row_dispose;
  object_class->get_property = dsp_dispute_row_get_property;
  object_class->set_property = dsp_dispute_row_set_property;

  properties[PROP_DISPUTE] =
    g_param_spec_object ("dispute", NULL, NULL, DSP_TYPE_DISPUTE_ITEM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->measure = dsp_dispute_row_measure;
  widget_class->size_allocate = dsp_dispute_row_size_allocate;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

/* A label of the row, at the end of @parent (a line, or the row itself). */
static GtkLabel *
add_label (GtkWidget  *parent,
           float       xalign,
           int         max_width_chars,
           gboolean    hexpand,
           const char *style,
           const char *more_style)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (max_width_chars > 0)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), max_width_chars);
    }
  gtk_widget_set_hexpand (label, hexpand);
  if (style)
    gtk_widget_add_css_class (label, style);
  if (more_style)
    gtk_widget_add_css_class (label, more_style);
  gtk_widget_set_parent (label, parent);
  return GTK_LABEL (label);
}

static GtkWidget *
add_line (DspDisputeRow *self)
{
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_widget_set_parent (line, GTK_WIDGET (self));
  return line;
}

/* Built in code, not from a template: a list keeps some two hundred rows
 * and makes them anew whenever the view changes, and a template's builder
 * was nine tenths of each row's cost. */
static void
dsp_dispute_row_init (DspDisputeRow *self)
{
  GtkWidget *line = add_line (self);

  gtk_widget_add_css_class (GTK_WIDGET (self), "dispute-row");
  self->reference_label = add_label (line, 0, 16, TRUE, "heading", NULL);
  self->amount_label = add_label (line, 0.5, 0, FALSE, "heading", "numeric");
  self->subtitle_label = add_label (GTK_WIDGET (self), 0, 34, FALSE, "dim-label", NULL);
  line = add_line (self);
  /* whole ("Preliminary loss — appeal possible", longer in German) in the
   * sidebar's width; shortened only in a narrow, folded window.
   * (Not wrapped: a wrapping label in every row made the list's measuring
   * three times as slow.) */
  self->status_label = add_label (line, 0, 0, FALSE, NULL, NULL);
  gtk_label_set_ellipsize (self->status_label, PANGO_ELLIPSIZE_END);
  /* an answer being written, kept until it is sent */
  self->draft_label = add_label (line, 0, 0, FALSE, "caption", "draft-pill");
  gtk_label_set_text (self->draft_label, _("Draft"));
  gtk_widget_set_visible (GTK_WIDGET (self->draft_label), FALSE);
  self->deadline_label = add_label (line, 1, 0, TRUE, NULL, NULL);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  gtk_list_item_set_child (item, dsp_dispute_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  dsp_dispute_row_set_dispute (DSP_DISPUTE_ROW (gtk_list_item_get_child (item)),
                               gtk_list_item_get_item (item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item)
{
  dsp_dispute_row_set_dispute (DSP_DISPUTE_ROW (gtk_list_item_get_child (item)), NULL);
}

/* The list view's rows: one DspDisputeRow each, bound to its dispute. */
GtkListItemFactory *
dsp_dispute_row_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  return factory;
}
