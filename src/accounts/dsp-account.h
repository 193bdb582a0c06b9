/* dsp-account.h — one Klarna store: its settings in GSettings, its key in the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  DSP_REGION_EUROPE,
  DSP_REGION_NORTH_AMERICA,
  DSP_REGION_OCEANIA,
} DspRegion;

#define DSP_TYPE_ACCOUNT (dsp_account_get_type ())
G_DECLARE_FINAL_TYPE (DspAccount, dsp_account, DSP, ACCOUNT, GObject)

GSettings  *dsp_account_settings_new      (const char *id);
DspAccount *dsp_account_new               (const char *id);
const char *dsp_account_get_id            (DspAccount *self);
GSettings  *dsp_account_get_settings      (DspAccount *self);
char       *dsp_account_dup_name          (DspAccount *self);
DspRegion   dsp_account_get_region        (DspAccount *self);
gboolean    dsp_account_get_playground    (DspAccount *self);
char       *dsp_account_dup_username      (DspAccount *self);
char       *dsp_account_dup_merchant_id   (DspAccount *self);
gboolean    dsp_account_get_encode_key    (DspAccount *self);
char       *dsp_account_dup_base_url      (DspAccount *self);
gboolean    dsp_account_get_needs_new_key (DspAccount *self);
void        dsp_account_set_needs_new_key (DspAccount *self,
                                           gboolean    needs_new_key);
char       *dsp_account_dup_summary       (DspAccount *self);
void        dsp_account_key_replaced      (DspAccount *self);
void        dsp_account_forget            (DspAccount *self);

const char *dsp_region_host               (DspRegion   region,
                                           gboolean    playground);
const char *dsp_region_label              (DspRegion   region);

G_END_DECLS
