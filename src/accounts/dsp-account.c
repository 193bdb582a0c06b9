/* dsp-account.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-account"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-account.h"

#define ACCOUNT_SCHEMA APP_ID ".Account"

struct _DspAccount
{
  GObject    parent_instance;

  char      *id;
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (DspAccount, dsp_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_NEEDS_NEW_KEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *keys[] = {
  "name", "region", "playground", "username", "merchant-id", "server", "auth-form", "needs-new-key",
};

/* Klarna's hosts, per region, live and playground (klarna-api.md). */
const char *
dsp_region_host (DspRegion region,
                 gboolean  playground)
{
  static const char *hosts[][2] = {
    { "https://api.klarna.com", "https://api.playground.klarna.com" },
    { "https://api-na.klarna.com", "https://api-na.playground.klarna.com" },
    { "https://api-oc.klarna.com", "https://api-oc.playground.klarna.com" },
  };

  return hosts[CLAMP (region, DSP_REGION_EUROPE, DSP_REGION_OCEANIA)][playground ? 1 : 0];
}

const char *
dsp_region_label (DspRegion region)
{
  switch (region)
    {
    case DSP_REGION_NORTH_AMERICA:
      return _("North America");
    case DSP_REGION_OCEANIA:
      return _("Oceania");
    case DSP_REGION_EUROPE:
    default:
      return _("Europe");
    }
}

static void
on_settings_changed (DspAccount *self,
                     const char *key)
{
  if (g_strcmp0 (key, "name") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  else if (g_strcmp0 (key, "needs-new-key") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEEDS_NEW_KEY]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The account's settings, at /com/example/Disputes/accounts/ID/. */
GSettings *
dsp_account_settings_new (const char *id)
{
  g_autofree char *path = g_strdup_printf ("/com/example/Disputes/accounts/%s/", id);

  return g_settings_new_with_path (ACCOUNT_SCHEMA, path);
}

DspAccount *
dsp_account_new (const char *id)
{
  DspAccount *self = g_object_new (DSP_TYPE_ACCOUNT, NULL);

  self->id = g_strdup (id);
  self->settings = dsp_account_settings_new (id);
  g_signal_connect_swapped (self->settings, "changed", G_CALLBACK (on_settings_changed), self);
  return self;
}

const char *
dsp_account_get_id (DspAccount *self)
{
  g_return_val_if_fail (DSP_IS_ACCOUNT (self), NULL);
  return self->id;
}

GSettings *
dsp_account_get_settings (DspAccount *self)
{
  g_return_val_if_fail (DSP_IS_ACCOUNT (self), NULL);
  return self->settings;
}

char *
dsp_account_dup_name (DspAccount *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "name");

  return *name ? g_steal_pointer (&name) : g_strdup (_("Klarna store"));
}

DspRegion
dsp_account_get_region (DspAccount *self)
{
  return (DspRegion) g_settings_get_enum (self->settings, "region");
}

gboolean
dsp_account_get_playground (DspAccount *self)
{
  return g_settings_get_boolean (self->settings, "playground");
}

char *
dsp_account_dup_username (DspAccount *self)
{
  return g_settings_get_string (self->settings, "username");
}

char *
dsp_account_dup_merchant_id (DspAccount *self)
{
  return g_settings_get_string (self->settings, "merchant-id");
}

gboolean
dsp_account_get_encode_key (DspAccount *self)
{
  return g_settings_get_enum (self->settings, "auth-form") == 1;
}

/* The owner's server if set, else Klarna's host for the region. */
char *
dsp_account_dup_base_url (DspAccount *self)
{
  g_autofree char *server = g_settings_get_string (self->settings, "server");

  g_strstrip (server);
  if (*server)
    return g_steal_pointer (&server);
  return g_strdup (dsp_region_host (dsp_account_get_region (self), dsp_account_get_playground (self)));
}

gboolean
dsp_account_get_needs_new_key (DspAccount *self)
{
  return g_settings_get_boolean (self->settings, "needs-new-key");
}

void
dsp_account_set_needs_new_key (DspAccount *self,
                               gboolean    needs_new_key)
{
  g_settings_set_boolean (self->settings, "needs-new-key", needs_new_key);
}

/* "Europe · Live", "North America · Playground · Needs a new API key" */
char *
dsp_account_dup_summary (DspAccount *self)
{
  const char *environment = dsp_account_get_playground (self) ? _("Playground") : _("Live");

  if (dsp_account_get_needs_new_key (self))
    return g_strdup_printf ("%s · %s · %s", dsp_region_label (dsp_account_get_region (self)),
                            environment, _("Needs a new API key"));
  return g_strdup_printf ("%s · %s", dsp_region_label (dsp_account_get_region (self)), environment);
}

/* The keyring holds a new key: whoever holds the old one must look again. */
void
dsp_account_key_replaced (DspAccount *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Removes the account's settings; the caller clears its key. */
void
dsp_account_forget (DspAccount *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (self->settings, keys[i]);
}

static void
dsp_account_dispose (GObject *object)
{
  DspAccount *self = DSP_ACCOUNT (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dsp_account_parent_class)->dispose (object);
}

static void
dsp_account_finalize (GObject *object)
{
  DspAccount *self = DSP_ACCOUNT (object);

  g_free (self->id);

  G_OBJECT_CLASS (dsp_account_parent_class)->finalize (object);
}

static void
dsp_account_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DspAccount *self = DSP_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_take_string (value, dsp_account_dup_name (self));
      break;
    case PROP_NEEDS_NEW_KEY:
      g_value_set_boolean (value, dsp_account_get_needs_new_key (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dsp_account_class_init (DspAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dsp_account_dispose;
  object_class->finalize = dsp_account_finalize;
  object_class->get_property = dsp_account_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEEDS_NEW_KEY] =
    g_param_spec_boolean ("needs-new-key", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Anything about the account changed, its key included. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dsp_account_init (DspAccount *self)
{
}
