/* dsp-demo.c
 *
 * The demo talks HTTP to a simulator on loopback, exactly as to Klarna, and
 * notifies as a real account does: once it is open, what its disputes have
 * due counts as told; a dispute that arrives later (dsp_demo_arrive) comes as
 * a notification marked as the demo's, with the same Open and Mark Resolved.
 * Leaving the demo takes its notifications off the desktop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-demo"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-clock.h"
#include "dsp-demo.h"
#include "dsp-notifier.h"
#include "dsp-simulator.h"

#define DEMO_DISPUTES 60
#define DEMO_SEED 2026

struct _DspDemo
{
  GObject       parent_instance;

  GApplication *application;   /* not owned: it owns us */
  DspSimulator *simulator;
  DspNotifier  *notifier;      /* in memory: the demo's notifications are never stored */
  gboolean      opened;        /* its disputes were looked at once since it opened */
};

G_DEFINE_FINAL_TYPE (DspDemo, dsp_demo, G_TYPE_OBJECT)

static void
dsp_demo_dispose (GObject *object)
{
  DspDemo *self = DSP_DEMO (object);

  g_clear_object (&self->notifier);
  g_clear_object (&self->simulator);
  G_OBJECT_CLASS (dsp_demo_parent_class)->dispose (object);
}

static void
dsp_demo_class_init (DspDemoClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = dsp_demo_dispose;
}

static void
dsp_demo_init (DspDemo *self)
{
}

DspDemo *
dsp_demo_new (GApplication  *application,
              GError       **error)
{
  /* the app's clock, when a test pins it, is the demo Klarna's too */
  g_autoptr(DspSimulator) simulator = dsp_simulator_new (DEMO_DISPUTES, DEMO_SEED, dsp_clock_get_fixed ());
  DspDemo *self;

  if (!dsp_simulator_listen (simulator, 0, error))
    return NULL;
  self = g_object_new (DSP_TYPE_DEMO, NULL);
  self->application = application;
  self->simulator = g_steal_pointer (&simulator);
  return self;
}

const char *
dsp_demo_get_base_url (DspDemo *self)
{
  g_return_val_if_fail (DSP_IS_DEMO (self), NULL);
  return dsp_simulator_get_base_url (self->simulator);
}

/* Opened (again): what is due by now is not news. */
void
dsp_demo_enter (DspDemo *self)
{
  g_return_if_fail (DSP_IS_DEMO (self));
  self->opened = FALSE;
  g_clear_object (&self->notifier);
  self->notifier = dsp_notifier_new (self->application, NULL);
}

/* After each sync of the demo, while it is shown. */
void
dsp_demo_review (DspDemo    *self,
                 const char *source,
                 GPtrArray  *disputes)
{
  g_return_if_fail (DSP_IS_DEMO (self));
  if (self->notifier == NULL)
    return;
  if (!self->opened)
    {
      self->opened = TRUE;
      dsp_notifier_baseline (self->notifier, source, disputes);
      return;
    }
  dsp_notifier_review (self->notifier, source, _("Demo"), disputes);
}

/* A customer opens a dispute at the demo's Klarna; the next sync finds it. */
const char *
dsp_demo_arrive (DspDemo *self)
{
  g_return_val_if_fail (DSP_IS_DEMO (self), NULL);
  return dsp_simulator_add_dispute (self->simulator, NULL);
}

void
dsp_demo_leave (DspDemo *self)
{
  g_return_if_fail (DSP_IS_DEMO (self));
  if (self->notifier)
    dsp_notifier_withdraw_all (self->notifier);
  g_clear_object (&self->notifier);
}
