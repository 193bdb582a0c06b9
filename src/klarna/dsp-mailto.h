/* dsp-mailto.h — a prefilled e-mail to the customer, safely encoded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dsp-dispute.h"
#include "dsp-order.h"

G_BEGIN_DECLS

gboolean  dsp_mailto_address_is_safe (const char *address);
char     *dsp_mailto_for             (DspDispute *dispute,
                                      DspOrder   *order,
                                      const char *shop_name);

G_END_DECLS
