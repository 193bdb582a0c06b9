/* bench-app.h — the real app's start (bench-app.c), and what it shares
 * with the rest of the benchmark (bench-disputes.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Each figure is the median of this many runs. */
#define RUNS 3

/* bench-app.c */
void   bench_app           (const char *self_path,
                            const char *app_path);
int    bench_app_store_key (const char *account_id);

/* bench-disputes.c */
void   figure              (const char *name,
                            double      value);
double median              (double     *values,
                            guint       n);
void   die_with_parent     (gpointer    data);
void   remove_dir          (const char *dir);
/* an async result kept in *user_data, and waited for */
void   store_result        (GObject       *source,
                            GAsyncResult  *result,
                            gpointer       user_data);
GAsyncResult *wait_for     (GAsyncResult **slot);

G_END_DECLS
