/* dsp-preferences-window.h — the owner's Klarna accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dsp-accounts.h"

G_BEGIN_DECLS

#define DSP_TYPE_PREFERENCES_WINDOW (dsp_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (DspPreferencesWindow, dsp_preferences_window, DSP, PREFERENCES_WINDOW, AdwPreferencesWindow)

DspPreferencesWindow *dsp_preferences_window_new (GtkWindow   *parent,
                                                  DspAccounts *accounts);

G_END_DECLS
