/* dsp-marker.c
 *
 * A mark (kept by the list) moves a dispute out of "Needs your response"
 * at once and stops its reminders. Its toast names the window action that
 * undoes it — win.unresolve / win.mark-resolved ((ss)) for one, win.set-marks
 * ((a(ss)b)) for several — and the same is kept for Ctrl+Z, after the toast
 * went too. A later mark's toast replaces the last one, which no longer says
 * what is true.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-marker"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-marker.h"

struct _DspMarker
{
  GObject          parent_instance;

  DspDisputeList  *list;
  AdwToastOverlay *overlay;  /* weak: the window's */
  AdwToast        *toast;    /* the last mark's, while it shows */
  GVariant        *undo;     /* (action, target) that undoes the last mark */
};

G_DEFINE_FINAL_TYPE (DspMarker, dsp_marker, G_TYPE_OBJECT)

static void
on_dismissed (DspMarker *self,
              AdwToast  *toast)
{
  if (self->toast == toast)
    self->toast = NULL;
}

/* @said: plain text; @undo: (transfer floating) the action's target */
static void
tell (DspMarker  *self,
      const char *said,
      const char *action,
      GVariant   *target)
{
  g_autofree char *escaped = g_markup_escape_text (said, -1);
  AdwToast *toast = adw_toast_new (escaped);

  g_variant_ref_sink (target);
  if (self->toast)
    adw_toast_dismiss (self->toast);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_detailed_action_name (toast, action);
  adw_toast_set_action_target_value (toast, target);
  g_clear_pointer (&self->undo, g_variant_unref);
  self->undo = g_variant_ref_sink (g_variant_new ("(sv)", action, target));
  g_variant_unref (target);
  self->toast = toast;
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_dismissed), self, G_CONNECT_SWAPPED);
  if (self->overlay)
    adw_toast_overlay_add_toast (self->overlay, toast);
}

/* One dispute marked (or not): FALSE when the list does not know it. */
gboolean
dsp_marker_set_resolved (DspMarker  *self,
                         const char *source_id,
                         const char *dispute_id,
                         gboolean    resolved)
{
  DspDisputeItem *item = dsp_dispute_list_lookup (self->list, source_id, dispute_id);
  DspDispute *opened = dsp_dispute_list_get_opened (self->list, source_id, dispute_id);
  g_autoptr(GVariant) ref = NULL;
  gboolean was;

  g_return_val_if_fail (DSP_IS_MARKER (self), FALSE);
  if (item == NULL && opened == NULL)
    return FALSE;
  was = item ? dsp_dispute_item_get_resolved_at (item) != 0 : dsp_dispute_get_resolved_at (opened) != 0;
  /* named before the mark: it may take the item (and these strings) out of the view */
  ref = g_variant_ref_sink (dsp_dispute_ref_new (source_id, dispute_id));
  if (was == resolved || !dsp_dispute_list_set_resolved (self->list, source_id, dispute_id, resolved))
    return TRUE;
  tell (self, resolved ? _("Marked resolved") : _("No longer marked resolved"),
        resolved ? "win.unresolve" : "win.mark-resolved", g_variant_ref (ref));
  return TRUE;
}

/* Every dispute of @refs (a(ss)) marked (or not) at once; one toast, whose
 * Undo puts back those it changed — those out of the view too. */
void
dsp_marker_set_many (DspMarker *self,
                     GVariant  *refs,
                     gboolean   resolved)
{
  g_autoptr(GVariantBuilder) changed = g_variant_builder_new (G_VARIANT_TYPE ("a(ss)"));
  g_autofree char *said = NULL;
  GVariantIter iter;
  const char *source_id, *dispute_id;
  guint n = 0;

  g_return_if_fail (DSP_IS_MARKER (self));
  g_variant_iter_init (&iter, refs);
  while (g_variant_iter_next (&iter, "(&s&s)", &source_id, &dispute_id))
    {
      DspDisputeItem *item = dsp_dispute_list_lookup (self->list, source_id, dispute_id);

      if ((item && (dsp_dispute_item_get_resolved_at (item) != 0) == resolved) ||
          !dsp_dispute_list_set_resolved (self->list, source_id, dispute_id, resolved))
        continue;
      g_variant_builder_add (changed, "(ss)", source_id, dispute_id);
      n++;
    }
  if (n == 0)
    return;
  said = g_strdup_printf (resolved ? g_dngettext (GETTEXT_PACKAGE, "%u dispute marked resolved", "%u disputes marked resolved", n)
                                   : g_dngettext (GETTEXT_PACKAGE, "%u dispute no longer marked resolved",
                                                  "%u disputes no longer marked resolved", n), n);
  tell (self, said, "win.set-marks", g_variant_new ("(a(ss)b)", changed, !resolved));
}

/* Ctrl+Z: the last mark undone on @widget (the window), once. */
void
dsp_marker_undo (DspMarker *self,
                 GtkWidget *widget)
{
  g_autoptr(GVariant) undo = NULL;
  g_autoptr(GVariant) target = NULL;
  const char *action;

  g_return_if_fail (DSP_IS_MARKER (self));
  if ((undo = g_steal_pointer (&self->undo)) == NULL)
    return;
  g_variant_get (undo, "(&sv)", &action, &target);
  if (self->toast)
    adw_toast_dismiss (self->toast);
  gtk_widget_activate_action_variant (widget, action, target);
}

DspMarker *
dsp_marker_new (DspDisputeList  *list,
                AdwToastOverlay *overlay)
{
  DspMarker *self = g_object_new (DSP_TYPE_MARKER, NULL);

  self->list = g_object_ref (list);
  g_set_weak_pointer (&self->overlay, overlay);
  return self;
}

static void
dsp_marker_finalize (GObject *object)
{
  DspMarker *self = DSP_MARKER (object);

  g_clear_weak_pointer (&self->overlay);
  g_clear_object (&self->list);
  g_clear_pointer (&self->undo, g_variant_unref);
  G_OBJECT_CLASS (dsp_marker_parent_class)->finalize (object);
}

static void
dsp_marker_class_init (DspMarkerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dsp_marker_finalize;
}

static void
dsp_marker_init (DspMarker *self)
{
}
