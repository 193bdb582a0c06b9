/* bench-reports.h — Insight's figures and the CSV export at 100,000 disputes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void bench_reports (const char *self_path);

G_END_DECLS
