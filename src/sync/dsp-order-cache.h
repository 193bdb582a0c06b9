/* dsp-order-cache.h — fetches each dispute's order once, a few at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dsp-client.h"

G_BEGIN_DECLS

#define DSP_TYPE_ORDER_CACHE (dsp_order_cache_get_type ())
G_DECLARE_FINAL_TYPE (DspOrderCache, dsp_order_cache, DSP, ORDER_CACHE, GObject)

DspOrderCache *dsp_order_cache_new     (DspClient     *client);
DspOrder      *dsp_order_cache_lookup  (DspOrderCache *self,
                                        const char    *order_id);
void           dsp_order_cache_request (DspOrderCache *self,
                                        const char    *order_id,
                                        gpointer       holder,
                                        gboolean       urgent);
void           dsp_order_cache_forget  (DspOrderCache *self,
                                        const char    *order_id);
void           dsp_order_cache_cancel  (DspOrderCache *self);

G_END_DECLS
