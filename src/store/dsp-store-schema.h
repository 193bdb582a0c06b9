/* dsp-store-schema.h — the store's tables, versioned, and how each version
 * becomes the next
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define DSP_STORE_SCHEMA_VERSION 9

int      dsp_store_schema_version (sqlite3  *db);
gboolean dsp_store_schema_migrate (sqlite3  *db,
                                   int       target,
                                   char    **problem);

G_END_DECLS
