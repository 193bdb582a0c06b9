/* dsp-simulator-private.h — the simulator's state, for its own files
 * (dsp-simulator.c keeps it, dsp-sim-server.c serves it)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "dsp-simulator.h"

G_BEGIN_DECLS

struct _DspSimulator
{
  GObject     parent_instance;

  SoupServer *server;
  char       *base_url;
  char       *username;
  char       *api_key;
  GRand      *rand;
  SimIndex   *index;
  GHashTable *orders;
  GHashTable *attachments;
  GQueue      faults;
  gint64      fixed_now;
  gint64      offset;
  gint64      advanced_to;
  guint       next_index;
  guint       n_requests;
  guint64     n_bytes;
  guint64     n_examined;
};

void dsp_simulator_advance_all (DspSimulator *self);

G_END_DECLS
