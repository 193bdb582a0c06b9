/* dsp-marker.h — the owner's marks from the window: one dispute or several,
 * each time one toast whose Undo (and Ctrl+Z) puts it back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dsp-dispute-list.h"

G_BEGIN_DECLS

/* The most marked at once: each is a row moved and a write of its own. */
#define DSP_MARKER_MAX_AT_ONCE 1000

#define DSP_TYPE_MARKER (dsp_marker_get_type ())
G_DECLARE_FINAL_TYPE (DspMarker, dsp_marker, DSP, MARKER, GObject)

DspMarker *dsp_marker_new          (DspDisputeList  *list,
                                    AdwToastOverlay *overlay);
gboolean   dsp_marker_set_resolved (DspMarker       *self,
                                    const char      *source_id,
                                    const char      *dispute_id,
                                    gboolean         resolved);
void       dsp_marker_set_many     (DspMarker       *self,
                                    GVariant        *refs,
                                    gboolean         resolved);
void       dsp_marker_undo         (DspMarker       *self,
                                    GtkWidget       *widget);

G_END_DECLS
