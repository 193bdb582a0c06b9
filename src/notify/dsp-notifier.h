/* dsp-notifier.h — desktop notifications for disputes, each sent once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dsp-dispute.h"
#include "dsp-store.h"

G_BEGIN_DECLS

#define DSP_TYPE_NOTIFIER (dsp_notifier_get_type ())
G_DECLARE_FINAL_TYPE (DspNotifier, dsp_notifier, DSP, NOTIFIER, GObject)

DspNotifier *dsp_notifier_new    (GApplication *application,
                                  DspStore     *store);
void         dsp_notifier_review (DspNotifier  *self,
                                  const char   *source,
                                  const char   *label,
                                  GPtrArray    *disputes);
void         dsp_notifier_withdraw_all (DspNotifier *self);
void         dsp_notifier_baseline (DspNotifier *self,
                                  const char   *source,
                                  GPtrArray    *disputes);
char        *dsp_notifier_id     (const char   *source,
                                  const char   *dispute_id);

G_END_DECLS
