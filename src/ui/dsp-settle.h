/* dsp-settle.h — confirming an action with the owner, then handing it to the outbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dsp-action.h"
#include "dsp-source.h"

G_BEGIN_DECLS

typedef void (*DspConfirmed) (gpointer user_data);

void dsp_settle_show_problem (GtkLabel      *label,
                              const char    *problem);
void dsp_settle_confirm     (GtkWindow      *parent,
                             const char     *heading,
                             const char     *body,
                             const char     *verb,
                             gboolean        destructive,
                             DspConfirmed    confirmed,
                             gpointer        user_data,
                             GDestroyNotify  destroy);
void dsp_settle_confirm_and_send (GtkWindow  *parent,
                                  DspSource  *source,
                                  DspAction  *action,
                                  const char *heading,
                                  const char *body,
                                  const char *verb,
                                  gboolean    destructive,
                                  GtkWindow  *form);
void dsp_settle_accept_loss (GtkWindow      *parent,
                             DspSource      *source,
                             DspDispute     *dispute);

G_END_DECLS
