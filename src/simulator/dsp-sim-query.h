/* dsp-sim-query.h — the list call's filters, sorting and paging
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dsp-sim-index.h"

G_BEGIN_DECLS

typedef struct _SimQuery SimQuery;

SimQuery *sim_query_parse   (const char  *query_string,
                             char       **bad_parameter,
                             char       **bad_reason);
void      sim_query_free    (SimQuery    *query);
guint     sim_query_size    (SimQuery    *query);
GString  *sim_query_run     (SimQuery    *query,
                             SimIndex    *index,
                             const char  *base_url,
                             gboolean    *bad_cursor,
                             guint       *examined);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimQuery, sim_query_free)

G_END_DECLS
