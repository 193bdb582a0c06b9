/* bench-simulator.c
 *
 * The benchmarks' Klarna: the project's simulator as a process of its
 * own, so that its work is not counted as the app's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sys/wait.h>

#include "bench-app.h"
#include "bench-simulator.h"

void
start_simulator (Simulator  *sim,
                 const char *path,
                 guint       n)
{
  g_autofree char *count = g_strdup_printf ("%u", n);
  const char *argv[] = { path, "--disputes", count, "--seed", "7", "--now", BENCH_NOW, NULL };
  char line[256] = { 0 };
  int out_fd;

  /* no double fork: the benchmark is the simulator's parent, whose death it follows */
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, die_with_parent, NULL,
                                           &sim->pid, NULL, &out_fd, NULL, NULL));
  sim->out = fdopen (out_fd, "r");
  g_assert_nonnull (fgets (line, sizeof line, sim->out));
  sim->base = g_strstrip (g_strdup (line));
}

void
stop_simulator (Simulator *sim)
{
  fclose (sim->out);
  kill (sim->pid, SIGTERM);
  waitpid (sim->pid, NULL, 0);
  g_spawn_close_pid (sim->pid);
  g_free (sim->base);
}
