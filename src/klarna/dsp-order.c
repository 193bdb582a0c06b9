/* dsp-order.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-order"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-client-error.h"
#include "dsp-json.h"
#include "dsp-order.h"

typedef struct {
  char *given_name;
  char *family_name;
  char *email;
  char *phone;
  char *street;
  char *postal_code;
  char *city;
  char *country;
} Address;

struct _DspOrder
{
  GObject    parent_instance;

  char      *id;
  char      *status;
  char      *currency;
  char      *merchant_reference1;
  char      *klarna_reference;
  gint64     order_amount;
  gint64     captured_amount;
  gint64     refunded_amount;
  gint64     created_at;
  GPtrArray *lines;
  Address    billing;
  Address    shipping;
  char      *json;
};

G_DEFINE_FINAL_TYPE (DspOrder, dsp_order, G_TYPE_OBJECT)

static void
address_parse (Address    *address,
               JsonObject *object)
{
  address->given_name = dsp_json_dup_string (object, "given_name");
  address->family_name = dsp_json_dup_string (object, "family_name");
  address->email = dsp_json_dup_string (object, "email");
  address->phone = dsp_json_dup_string (object, "phone");
  address->street = dsp_json_dup_string (object, "street_address");
  address->postal_code = dsp_json_dup_string (object, "postal_code");
  address->city = dsp_json_dup_string (object, "city");
  address->country = dsp_json_dup_string (object, "country");
}

static void
address_clear (Address *address)
{
  g_free (address->given_name);
  g_free (address->family_name);
  g_free (address->email);
  g_free (address->phone);
  g_free (address->street);
  g_free (address->postal_code);
  g_free (address->city);
  g_free (address->country);
}

static void
line_free (gpointer data)
{
  DspOrderLine *line = data;

  g_free (line->name);
  g_free (line->reference);
  g_free (line);
}

static GPtrArray *
parse_lines (JsonArray *array)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (line_free);
  guint n = array ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      DspOrderLine *line;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      line = g_new0 (DspOrderLine, 1);
      line->name = dsp_json_dup_string (json_node_get_object (node), "name");
      line->reference = dsp_json_dup_string (json_node_get_object (node), "reference");
      dsp_json_int (json_node_get_object (node), "quantity", &line->quantity);
      dsp_json_int (json_node_get_object (node), "total_amount", &line->total_amount);
      g_ptr_array_add (lines, line);
    }
  return lines;
}

static char *
object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_alloc ();

  json_node_init_object (node, object);
  return dsp_json_to_string (node);
}

DspOrder *
dsp_order_new_from_json (JsonObject *object,
                         GError    **error)
{
  DspOrder *self;
  const char *id = dsp_json_string (object, "order_id");

  if (id == NULL || *id == '\0')
    {
      g_set_error_literal (error, DSP_CLIENT_ERROR, DSP_CLIENT_ERROR_MALFORMED,
                           _("Klarna sent an order without an identifier."));
      return NULL;
    }

  self = g_object_new (DSP_TYPE_ORDER, NULL);
  self->id = g_strdup (id);
  self->json = object_to_string (object);
  self->status = dsp_json_dup_string (object, "status");
  self->currency = dsp_json_dup_string (object, "purchase_currency");
  self->merchant_reference1 = dsp_json_dup_string (object, "merchant_reference1");
  self->klarna_reference = dsp_json_dup_string (object, "klarna_reference");
  dsp_json_int (object, "order_amount", &self->order_amount);
  dsp_json_int (object, "captured_amount", &self->captured_amount);
  dsp_json_int (object, "refunded_amount", &self->refunded_amount);
  self->created_at = dsp_json_time (object, "created_at");
  self->lines = parse_lines (dsp_json_array (object, "order_lines"));
  address_parse (&self->billing, dsp_json_object (object, "billing_address"));
  address_parse (&self->shipping, dsp_json_object (object, "shipping_address"));
  return self;
}

static void
dsp_order_finalize (GObject *object)
{
  DspOrder *self = DSP_ORDER (object);

  g_free (self->id);
  g_free (self->status);
  g_free (self->currency);
  g_free (self->merchant_reference1);
  g_free (self->klarna_reference);
  g_free (self->json);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  address_clear (&self->billing);
  address_clear (&self->shipping);

  G_OBJECT_CLASS (dsp_order_parent_class)->finalize (object);
}

static void
dsp_order_class_init (DspOrderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dsp_order_finalize;
}

static void
dsp_order_init (DspOrder *self)
{
}

const char *dsp_order_get_id (DspOrder *self) { return self->id; }
const char *dsp_order_get_status (DspOrder *self) { return self->status; }
const char *dsp_order_get_currency (DspOrder *self) { return self->currency; }
const char *dsp_order_get_merchant_reference1 (DspOrder *self) { return self->merchant_reference1; }
const char *dsp_order_get_klarna_reference (DspOrder *self) { return self->klarna_reference; }
gint64 dsp_order_get_order_amount (DspOrder *self) { return self->order_amount; }
gint64 dsp_order_get_captured_amount (DspOrder *self) { return self->captured_amount; }
gint64 dsp_order_get_refunded_amount (DspOrder *self) { return self->refunded_amount; }
gint64 dsp_order_get_created_at (DspOrder *self) { return self->created_at; }
GPtrArray *dsp_order_get_lines (DspOrder *self) { return self->lines; }

/* The order as Klarna sent it, for the local store. */
const char *dsp_order_get_json (DspOrder *self) { return self->json; }

/* Billing details first: that is who pays, and who disputed. */
static const char *
pick (const char *billing,
      const char *shipping)
{
  return billing && *billing ? billing : shipping;
}

char *
dsp_order_dup_customer_name (DspOrder *self)
{
  const char *given = pick (self->billing.given_name, self->shipping.given_name);
  const char *family = pick (self->billing.family_name, self->shipping.family_name);
  g_autofree char *name = g_strjoin (" ", given ? given : "", family ? family : "", NULL);

  g_strstrip (name);
  return *name ? g_steal_pointer (&name) : NULL;
}

const char *
dsp_order_get_email (DspOrder *self)
{
  return pick (self->billing.email, self->shipping.email);
}

const char *
dsp_order_get_phone (DspOrder *self)
{
  return pick (self->billing.phone, self->shipping.phone);
}

char *
dsp_order_dup_address (DspOrder *self)
{
  const Address *a = self->shipping.street ? &self->shipping : &self->billing;
  g_autoptr(GString) text = g_string_new (NULL);

  if (a->street)
    g_string_append_printf (text, "%s\n", a->street);
  if (a->postal_code || a->city)
    g_string_append_printf (text, "%s %s\n", a->postal_code ? a->postal_code : "",
                            a->city ? a->city : "");
  if (a->country)
    g_string_append (text, a->country);
  g_strstrip (text->str);
  if (*text->str == '\0')
    return NULL;
  return g_strdup (text->str);
}
