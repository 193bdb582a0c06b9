/* dsp-query.h — which disputes a list shows, and in what order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dsp-dispute-item.h"

G_BEGIN_DECLS

typedef enum {
  DSP_QUERY_ALL,
  DSP_QUERY_NEEDS_RESPONSE,
  DSP_QUERY_IN_REVIEW,
  DSP_QUERY_PRELIMINARY_LOSS,
  DSP_QUERY_RESOLVED,
  DSP_QUERY_CLOSED,
  DSP_QUERY_N_GROUPS
} DspQueryGroup;

typedef enum {
  DSP_QUERY_SORT_URGENCY,
  DSP_QUERY_SORT_DEADLINE,
  DSP_QUERY_SORT_AMOUNT,
  DSP_QUERY_SORT_NEWEST,
  DSP_QUERY_SORT_ORDER,
} DspQuerySort;

typedef struct {
  DspQueryGroup  group;
  char          *source_id;   /* NULL: every store */
  char          *reason;      /* Klarna's reason code, NULL: any */
  char          *text;        /* NULL or "": no search */
  DspQuerySort   sort;
} DspQuery;

#define DSP_TYPE_QUERY (dsp_query_get_type ())

GType     dsp_query_get_type (void) G_GNUC_CONST;
DspQuery *dsp_query_new      (void);
DspQuery *dsp_query_copy     (const DspQuery *query);
void      dsp_query_free     (DspQuery       *query);
gboolean  dsp_query_equal    (const DspQuery *a,
                              const DspQuery *b);
gboolean  dsp_query_matches  (const DspQuery *query,
                              DspDisputeItem *item);
gboolean  dsp_query_in_group (DspQueryGroup   group,
                              DspStatus       status);
gboolean  dsp_query_has_text (const DspQuery *query);
int       dsp_query_compare  (const DspQuery *query,
                              DspDisputeItem *a,
                              DspDisputeItem *b);
void      dsp_query_sort     (const DspQuery *query,
                              GPtrArray      *items);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DspQuery, dsp_query_free)

G_END_DECLS
