/* dsp-background.c
 *
 * Work the window never waits for runs below it: on two cores, a store
 * answering a hundred thousand rows and a worker freeing the last answer
 * would otherwise take the window's thread's turn, and a frame comes late.
 * Such threads lower their own priority (Linux keeps a nice value per
 * thread); what is let go of in bulk is freed on one such thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#define G_LOG_DOMAIN "dsp-background"

#include "config.h"

#include <errno.h>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "dsp-background.h"

/* Below the window, above idle: a background thread still gets its turn. */
#define BACKGROUND_NICE 10

/* Lowers the calling thread's priority, once. */
void
dsp_background_lower_thread (void)
{
  static GPrivate lowered;

  if (g_private_get (&lowered))
    return;
  g_private_set (&lowered, GINT_TO_POINTER (TRUE));
#ifdef __linux__
  if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), BACKGROUND_NICE) != 0)
    g_debug ("The thread's priority stays: %s", g_strerror (errno));
#endif
}

typedef struct {
  gpointer       data;
  GDestroyNotify free_func;
} Release;

static void
release (gpointer data,
         gpointer user_data)
{
  Release *what = data;

  dsp_background_lower_thread ();
  what->free_func (what->data);
  g_free (what);
}

static GThreadPool *
release_pool (void)
{
  static gsize pool;

  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, (gsize) g_thread_pool_new (release, NULL, 1, TRUE, NULL));
  return (GThreadPool *) pool;
}

/* Frees @data with @free_func on a thread of its own, kept low: a hundred
 * thousand list items take longer to free than a frame lasts. */
void
dsp_background_release (gpointer       data,
                        GDestroyNotify free_func)
{
  Release *what;

  if (data == NULL)
    return;
  what = g_new (Release, 1);
  what->data = data;
  what->free_func = free_func;
  g_thread_pool_push (release_pool (), what, NULL);
}
