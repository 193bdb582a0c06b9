/* dsp-demo.h — the demo's Klarna: simulated disputes, and one that arrives
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DSP_TYPE_DEMO (dsp_demo_get_type ())
G_DECLARE_FINAL_TYPE (DspDemo, dsp_demo, DSP, DEMO, GObject)

/* After this long on the demo, a new dispute arrives. */
#define DSP_DEMO_ARRIVAL_SECONDS 30

DspDemo    *dsp_demo_new          (GApplication *application,
                                   GError      **error);
const char *dsp_demo_get_base_url (DspDemo      *self);
void        dsp_demo_enter        (DspDemo      *self);
void        dsp_demo_review       (DspDemo      *self,
                                   const char   *source,
                                   GPtrArray    *disputes);
const char *dsp_demo_arrive       (DspDemo      *self);
void        dsp_demo_leave        (DspDemo      *self);

G_END_DECLS
