/* dsp-list-answer.h — one question of the list to every store it shows,
 * the answers added up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dsp-store-tally.h"

G_BEGIN_DECLS

#define DSP_TYPE_LIST_ANSWER (dsp_list_answer_get_type ())
G_DECLARE_FINAL_TYPE (DspListAnswer, dsp_list_answer, DSP, LIST_ANSWER, GObject)

/* Called once, on the main context, with the sum (yours to keep), or NULL
 * when a store could not answer; never after dsp_list_answer_cancel(). */
typedef void (*DspListAnswerFunc) (DspListAnswer *answer,
                                   DspTally      *tally,
                                   gpointer       user_data);

DspListAnswer *dsp_list_answer_new    (GPtrArray         *sources,
                                       const DspQuery    *query,
                                       gint64             rows,
                                       DspListAnswerFunc  func,
                                       gpointer           user_data);
void           dsp_list_answer_cancel (DspListAnswer     *self);

GPtrArray     *dsp_sources_stores     (GPtrArray         *sources);
GStrv          dsp_sources_in_store   (GPtrArray         *sources,
                                       DspStore          *store,
                                       GStrv             *names);

G_END_DECLS
