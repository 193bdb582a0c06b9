/* dsp-heading.c
 *
 * libadwaita 1.2 draws a group's title as a plain label, so a screen reader
 * cannot move from section to section. The title (and its description) move
 * into a label with the heading role above the group, styled as before.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dsp-heading.h"

#define TITLE_KEY "dsp-heading-title"
#define DESCRIPTION_KEY "dsp-heading-description"

static GtkLabel *
header_label (const char *text,
              const char *style,
              gboolean    heading)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "label", text ? text : "",
                                   "xalign", 0.0f,
                                   "wrap", TRUE,
                                   "wrap-mode", PANGO_WRAP_WORD_CHAR,
                                   "visible", text && *text,
                                   "accessible-role", heading ? GTK_ACCESSIBLE_ROLE_HEADING
                                                              : GTK_ACCESSIBLE_ROLE_LABEL,
                                   NULL);

  gtk_widget_add_css_class (label, style);
  return GTK_LABEL (label);
}

void
dsp_heading_promote (AdwPreferencesGroup *group)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (group));
  GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkLabel *title = header_label (adw_preferences_group_get_title (group), "heading", TRUE);
  GtkLabel *description = header_label (adw_preferences_group_get_description (group), "dim-label", FALSE);

  g_return_if_fail (GTK_IS_BOX (parent));
  gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (title));
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (description));
  gtk_box_append (GTK_BOX (section), header);
  g_object_set_data (G_OBJECT (group), TITLE_KEY, title);
  g_object_set_data (G_OBJECT (group), DESCRIPTION_KEY, description);
  adw_preferences_group_set_title (group, "");
  adw_preferences_group_set_description (group, NULL);

  /* the section takes the group's place in its box, and shows as it does */
  gtk_box_insert_child_after (GTK_BOX (parent), section, GTK_WIDGET (group));
  g_object_ref (group);
  gtk_box_remove (GTK_BOX (parent), GTK_WIDGET (group));
  gtk_box_append (GTK_BOX (section), GTK_WIDGET (group));
  g_object_unref (group);
  g_object_bind_property (group, "visible", section, "visible", G_BINDING_SYNC_CREATE);
}

/* Every titled group inside @root (a composite widget's own). */
void
dsp_heading_promote_all (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root), *next; child; child = next)
    {
      const char *title = ADW_IS_PREFERENCES_GROUP (child) ?
                          adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (child)) : NULL;

      next = gtk_widget_get_next_sibling (child);   /* before the group moves */
      if (title && *title)
        dsp_heading_promote (ADW_PREFERENCES_GROUP (child));
      else
        dsp_heading_promote_all (child);
    }
}

static void
set_text (AdwPreferencesGroup *group,
          const char          *key,
          const char          *text)
{
  GtkLabel *label = g_object_get_data (G_OBJECT (group), key);

  g_return_if_fail (label != NULL);
  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text && *text);
}

void
dsp_heading_set_title (AdwPreferencesGroup *group,
                       const char          *title)
{
  set_text (group, TITLE_KEY, title);
}

void
dsp_heading_set_description (AdwPreferencesGroup *group,
                             const char          *description)
{
  set_text (group, DESCRIPTION_KEY, description);
}
