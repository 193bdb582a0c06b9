/* dsp-store-index.h — what the store keeps beside each dispute's JSON, so
 * that the disputes can be counted, filtered and searched without reading it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "dsp-dispute.h"
#include "dsp-order.h"

G_BEGIN_DECLS

typedef struct {
  char   *id;
  gint64  updated_at;
  int     urgency;    /* the urgency group, dsp_status_urgency_group() */
  gint64  deadline;   /* the urgency key within it, dsp_urgency_key() (the
                       * column's name is older than what it holds) */
  int     status;     /* Klarna's own (DspStatus), without the owner's mark */
  gint64  due;        /* the deadline Klarna's state sets, 0 for none */
  gint64  amount;
  char   *currency;
  char   *reason;
  char   *order_id;
  char   *reference;  /* the order number shown */
  char   *state;      /* Klarna's word */
  gint64  created_at;
  gint64  closed_at;
  char   *terms;      /* what a search finds it by, case-folded */
} DspIndexRow;

DspIndexRow *dsp_index_row_new       (DspDispute  *dispute);
void         dsp_index_row_free      (DspIndexRow *row);
const char  *dsp_index_outcome_sql (void);
char        *dsp_index_fold          (const char  *text);
char        *dsp_index_order_terms   (DspOrder    *order);
gboolean     dsp_index_write_order   (sqlite3     *db,
                                      const char  *source,
                                      const char  *order_id,
                                      const char  *json);
gboolean     dsp_index_catch_up      (sqlite3     *db);
gboolean     dsp_index_search_some   (sqlite3     *db,
                                      guint        limit,
                                      gboolean    *more);
const char  *dsp_index_unsearched_words_sql (void);

/* What a search finds a dispute by (the row "d"): its terms and its
 * customer, as the search index holds them. */
#define DSP_INDEX_SEARCH_WORDS "coalesce (d.terms, '') || ' ' || coalesce (d.customer, '')"

char        *dsp_index_status_sql    (void);
char        *dsp_index_deadline_sql  (void);
char        *dsp_index_reorder_sql   (const char  *where);
gint64       dsp_index_sql_number    (sqlite3     *db,
                                      const char  *sql,
                                      gint64       otherwise);

G_END_DECLS
