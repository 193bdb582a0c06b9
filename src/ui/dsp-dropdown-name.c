/* dsp-dropdown-name.c
 *
 * A screen reader reads the button inside a GtkDropDown, which GTK 4.8
 * leaves without a name: it reads the dropdown's name and its choice
 * ("Show: All (60)"), kept up as the choice changes — and, through
 * dsp_dropdown_name_update(), when the choice's words change in place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dsp-dropdown-name.h"

void
dsp_dropdown_name_update (GtkDropDown *dropdown)
{
  const char *name = g_object_get_data (G_OBJECT (dropdown), "dsp-name");
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (dropdown));
  GtkStringObject *chosen = gtk_drop_down_get_selected_item (dropdown);
  g_autofree char *label = NULL;

  if (name == NULL || !GTK_IS_TOGGLE_BUTTON (button))
    return;
  /* Translators: a list's name and what is chosen in it, "Show: All (60)" */
  label = GTK_IS_STRING_OBJECT (chosen) ? g_strdup_printf (C_("dropdown", "%s: %s"), name,
                                                           gtk_string_object_get_string (chosen))
                                        : g_strdup (name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* @name: the dropdown's own name ("Show"), kept for its life */
void
dsp_dropdown_name_follow (GtkDropDown *dropdown,
                          const char  *name)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (dropdown), "dsp-name", g_strdup (name), g_free);
  g_signal_connect (dropdown, "notify::selected-item", G_CALLBACK (dsp_dropdown_name_update), NULL);
  dsp_dropdown_name_update (dropdown);
}
