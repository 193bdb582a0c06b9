/* dsp-timeline.h — what happened to a dispute, in order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dsp-dispute.h"

G_BEGIN_DECLS

typedef struct {
  gint64  when;
  char   *text;
} DspTimelineEvent;

GPtrArray *dsp_timeline_build (DspDispute *dispute);

G_END_DECLS
