/* dsp-dispute-item.c
 *
 * A hundred thousand of these may be shown: each holds only what its row
 * shows and what the list is sorted by. The few strings that repeat (the
 * store, the reason, Klarna's state) are shared, counted
 * copies; they go when the last item holding them does. An item changes in
 * place ("changed") when a sync or the owner's mark changes its dispute.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-dispute-item"

#include "config.h"

#include <string.h>

#include "dsp-dispute-item.h"
#include "dsp-labels.h"
#include "dsp-money.h"
#include "dsp-shared.h"

struct _DspDisputeItem
{
  GObject    parent_instance;

  char      *source_id;     /* shared */
  char      *store_name;    /* shared */
  char      *id;            /* the list's index is keyed by this very string: it never moves */
  char      *reference;     /* one block holding it and the next ("" for none) */
  char      *order_id;
  char      *customer_name;
  char      *reason;        /* shared */
  char      *state;         /* shared */
  gint64     amount;
  gint64     due;
  gint64     created_at;
  gint64     updated_at;
  gint64     closed_at;
  gint64     resolved_at;
  /* eight bytes: a hundred thousand items are 1.6 MB smaller than with a
   * pointer for the currency and one for the texts' block */
  char       currency[4];   /* ISO 4217 ("" for none) */
  guint8     klarna_status; /* DspStatus */
  guint      has_reference : 1;
  guint      has_order_id : 1;
  guint      drafted : 1;   /* an answer is being written (kept in the store), not from Klarna */
};

G_DEFINE_FINAL_TYPE (DspDisputeItem, dsp_dispute_item, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

enum { PROP_0, PROP_CUSTOMER_NAME, N_PROPS };
static GParamSpec *properties[N_PROPS];

static gboolean
owned_set (char      **slot,
           const char *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;
  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

static const char *
reference_of (DspDisputeItem *self)
{
  return self->has_reference ? self->reference : NULL;
}

static const char *
order_id_of (DspDisputeItem *self)
{
  return self->has_order_id ? self->order_id : NULL;
}

static const char *
currency_of (DspDisputeItem *self)
{
  return self->currency[0] ? self->currency : NULL;
}

/* The order number and Klarna's order id in one allocation: a hundred
 * thousand items make a hundred thousand fewer. */
static void
set_texts (DspDisputeItem *self,
           const char     *reference,
           const char     *order_id)
{
  char *old = self->reference;
  gsize reference_size = reference ? strlen (reference) + 1 : 1;
  gsize order_size = order_id ? strlen (order_id) + 1 : 1;

  if (old != NULL && g_strcmp0 (reference_of (self), reference) == 0 && g_strcmp0 (order_id_of (self), order_id) == 0)
    return;
  self->reference = g_malloc (reference_size + order_size);
  memcpy (self->reference, reference ? reference : "", reference_size);
  self->order_id = self->reference + reference_size;
  memcpy (self->order_id, order_id ? order_id : "", order_size);
  self->has_reference = reference != NULL;
  self->has_order_id = order_id != NULL;
  g_free (old);
}

static void
fill (DspDisputeItem    *self,
      const DspItemData *data)
{
  dsp_shared_set (&self->source_id, data->source_id);
  dsp_shared_set (&self->reason, data->reason);
  g_strlcpy (self->currency, data->currency ? data->currency : "", sizeof self->currency);
  dsp_shared_set (&self->state, data->state);
  owned_set (&self->id, data->id);
  set_texts (self, data->reference, data->order_id);
  owned_set (&self->customer_name, data->customer_name);
  self->amount = data->amount;
  self->due = data->due;
  self->created_at = data->created_at;
  self->updated_at = data->updated_at;
  self->closed_at = data->closed_at;
  self->resolved_at = data->resolved_at;
  self->klarna_status = (guint8) data->status;
}

DspDisputeItem *
dsp_dispute_item_new (const DspItemData *data)
{
  DspDisputeItem *self = g_object_new (DSP_TYPE_DISPUTE_ITEM, NULL);

  fill (self, data);
  return self;
}

/* A dispute as a sync page brings it: its row, without the JSON. */
DspDisputeItem *
dsp_dispute_item_new_from_dispute (DspDispute *dispute)
{
  DspItemData data = {
    .source_id = dsp_dispute_get_source_id (dispute),
    .id = dsp_dispute_get_id (dispute),
    .reference = dsp_dispute_get_display_reference (dispute),
    .order_id = dsp_dispute_get_order_id (dispute),
    .customer_name = dsp_dispute_get_customer_name (dispute),
    .reason = dsp_dispute_get_reason (dispute),
    .currency = dsp_dispute_get_currency (dispute),
    .state = dsp_dispute_get_state (dispute),
    .amount = dsp_dispute_get_amount (dispute),
    .status = dsp_dispute_get_klarna_status (dispute),
    .due = dsp_dispute_get_due (dispute),
    .created_at = dsp_dispute_get_created_at (dispute),
    .updated_at = dsp_dispute_get_updated_at (dispute),
    .closed_at = dsp_dispute_get_closed_at (dispute),
    .resolved_at = dsp_dispute_get_resolved_at (dispute),
  };
  DspDisputeItem *self = dsp_dispute_item_new (&data);

  dsp_shared_set (&self->store_name, dsp_dispute_get_store_name (dispute));
  return self;
}

static gboolean
same (DspDisputeItem *a,
      DspDisputeItem *b)
{
  return a->amount == b->amount && a->due == b->due && a->created_at == b->created_at &&
         a->updated_at == b->updated_at && a->closed_at == b->closed_at && a->resolved_at == b->resolved_at &&
         a->klarna_status == b->klarna_status && g_strcmp0 (reference_of (a), reference_of (b)) == 0 &&
         g_strcmp0 (a->reason, b->reason) == 0 &&
         g_strcmp0 (a->currency, b->currency) == 0 && g_strcmp0 (a->state, b->state) == 0 &&
         g_strcmp0 (order_id_of (a), order_id_of (b)) == 0;
}

/* Takes what @from says of the same dispute; a name already known stays
 * when @from has none. Returns: whether anything changed ("changed" told). */
gboolean
dsp_dispute_item_update (DspDisputeItem *self,
                         DspDisputeItem *from)
{
  DspItemData data = {
    from->source_id, from->id, reference_of (from), order_id_of (from),
    from->customer_name ? from->customer_name : self->customer_name,
    from->reason, currency_of (from), from->state, from->amount, from->klarna_status, from->due,
    from->created_at, from->updated_at, from->closed_at, from->resolved_at,
  };
  g_autofree char *keep_name = g_strdup (data.customer_name);

  data.customer_name = keep_name;
  if (from->store_name)
    dsp_shared_set (&self->store_name, from->store_name);
  if (same (self, from) && g_strcmp0 (self->customer_name, keep_name) == 0)
    return FALSE;
  fill (self, &data);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/* The owner's draft answer: kept across syncs, which know nothing of it. */
gboolean
dsp_dispute_item_get_drafted (DspDisputeItem *self)
{
  g_return_val_if_fail (DSP_IS_DISPUTE_ITEM (self), FALSE);
  return self->drafted;
}

void
dsp_dispute_item_set_drafted (DspDisputeItem *self,
                              gboolean        drafted)
{
  g_return_if_fail (DSP_IS_DISPUTE_ITEM (self));
  if (self->drafted == !!drafted)
    return;
  self->drafted = !!drafted;
  g_signal_emit (self, signals[CHANGED], 0);
}

#define GETTER(type, name) \
  type dsp_dispute_item_get_##name (DspDisputeItem *self) \
  { \
    g_return_val_if_fail (DSP_IS_DISPUTE_ITEM (self), 0); \
    return self->name; \
  }

GETTER (const char *, source_id)
GETTER (const char *, id)
GETTER (const char *, customer_name)
GETTER (const char *, store_name)
GETTER (const char *, reason)
GETTER (gint64, amount)
GETTER (gint64, created_at)
GETTER (gint64, resolved_at)

#undef GETTER

const char *
dsp_dispute_item_get_reference (DspDisputeItem *self)
{
  g_return_val_if_fail (DSP_IS_DISPUTE_ITEM (self), NULL);
  return reference_of (self);
}

const char *
dsp_dispute_item_get_order_id (DspDisputeItem *self)
{
  g_return_val_if_fail (DSP_IS_DISPUTE_ITEM (self), NULL);
  return order_id_of (self);
}

const char *
dsp_dispute_item_get_currency (DspDisputeItem *self)
{
  g_return_val_if_fail (DSP_IS_DISPUTE_ITEM (self), NULL);
  return currency_of (self);
}

void
dsp_dispute_item_set_customer_name (DspDisputeItem *self,
                                    const char     *name)
{
  g_return_if_fail (DSP_IS_DISPUTE_ITEM (self));

  if (owned_set (&self->customer_name, name))
    g_signal_emit (self, signals[CHANGED], 0);
}

/* Set once, before it is shown (NULL for the demo, which is one store). */
void
dsp_dispute_item_set_store_name (DspDisputeItem *self,
                                 const char     *name)
{
  g_return_if_fail (DSP_IS_DISPUTE_ITEM (self));
  dsp_shared_set (&self->store_name, name);
}

void
dsp_dispute_item_set_resolved_at (DspDisputeItem *self,
                                  gint64          resolved_at)
{
  g_return_if_fail (DSP_IS_DISPUTE_ITEM (self));

  if (self->resolved_at == resolved_at)
    return;
  self->resolved_at = resolved_at;
  g_signal_emit (self, signals[CHANGED], 0);
}

DspStatus
dsp_dispute_item_get_status (DspDisputeItem *self)
{
  g_return_val_if_fail (DSP_IS_DISPUTE_ITEM (self), DSP_STATUS_UNKNOWN);
  return dsp_status_with_mark (self->klarna_status, self->resolved_at);
}

/* What the owner must act by in @status, 0 for nothing (as dsp_dispute_get_deadline()). */
static gint64
deadline_in (DspDisputeItem *self,
             DspStatus       status)
{
  return status == DSP_STATUS_NEEDS_RESPONSE || status == DSP_STATUS_PRELIMINARY_LOSS ? self->due : 0;
}

gint64
dsp_dispute_item_get_deadline (DspDisputeItem *self)
{
  return deadline_in (self, dsp_dispute_item_get_status (self));
}

int
dsp_dispute_item_get_urgency_group (DspDisputeItem *self)
{
  return dsp_status_urgency_group (dsp_dispute_item_get_status (self));
}

gint64
dsp_dispute_item_get_urgency_key (DspDisputeItem *self)
{
  DspItemKeys keys;

  dsp_dispute_item_get_keys (self, &keys);
  return keys.urgency_key;
}

void
dsp_dispute_item_get_keys (DspDisputeItem *self,
                           DspItemKeys    *keys)
{
  DspStatus status;

  g_return_if_fail (DSP_IS_DISPUTE_ITEM (self));

  status = dsp_status_with_mark (self->klarna_status, self->resolved_at);
  keys->id = self->id;
  keys->source_id = self->source_id;
  keys->currency = currency_of (self);
  keys->reference = reference_of (self);
  keys->deadline = deadline_in (self, status);
  keys->amount = self->amount;
  keys->created_at = self->created_at;
  keys->urgency_group = dsp_status_urgency_group (status);
  keys->urgency_key = dsp_urgency_key (keys->urgency_group, keys->deadline, self->updated_at, self->closed_at);
}

/* As a row says it: the dates are left to the row's countdown. */
char *
dsp_dispute_item_dup_status_label (DspDisputeItem *self)
{
  return dsp_status_dup_label (dsp_dispute_item_get_status (self), self->state, 0, FALSE);
}

char *
dsp_dispute_item_dup_amount_label (DspDisputeItem *self)
{
  return dsp_money_format (self->amount, currency_of (self));
}

char *
dsp_dispute_item_dup_reason_label (DspDisputeItem *self)
{
  return dsp_reason_to_string (self->reason);
}

gboolean
dsp_dispute_item_is (DspDisputeItem *self,
                     const char     *source_id,
                     const char     *dispute_id)
{
  g_return_val_if_fail (DSP_IS_DISPUTE_ITEM (self), FALSE);

  return g_strcmp0 (self->id, dispute_id) == 0 &&
         g_strcmp0 (self->source_id ? self->source_id : "", source_id ? source_id : "") == 0;
}

GVariant *
dsp_dispute_item_to_ref (DspDisputeItem *self)
{
  g_return_val_if_fail (DSP_IS_DISPUTE_ITEM (self), NULL);
  return dsp_dispute_ref_new (self->source_id, self->id);
}

static void
dsp_dispute_item_finalize (GObject *object)
{
  DspDisputeItem *self = DSP_DISPUTE_ITEM (object);

  dsp_shared_clear (&self->source_id);
  dsp_shared_clear (&self->store_name);
  dsp_shared_clear (&self->reason);
  dsp_shared_clear (&self->state);
  g_free (self->id);
  g_free (self->reference);
  g_free (self->customer_name);

  G_OBJECT_CLASS (dsp_dispute_item_parent_class)->finalize (object);
}

static void
dsp_dispute_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  if (prop_id == PROP_CUSTOMER_NAME)
    g_value_set_string (value, DSP_DISPUTE_ITEM (object)->customer_name);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
dsp_dispute_item_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  if (prop_id == PROP_CUSTOMER_NAME)
    dsp_dispute_item_set_customer_name (DSP_DISPUTE_ITEM (object), g_value_get_string (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
dsp_dispute_item_class_init (DspDisputeItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dsp_dispute_item_finalize;
  object_class->get_property = dsp_dispute_item_get_property;
  object_class->set_property = dsp_dispute_item_set_property;

  /* Set when the order (which names the customer) arrives. */
  properties[PROP_CUSTOMER_NAME] =
    g_param_spec_string ("customer-name", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Something the row shows changed. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dsp_dispute_item_init (DspDisputeItem *self)
{
}
