/* dsp-evidence-dialog.c
 *
 * Files come through GtkFileChooserNative (the file chooser portal inside
 * Flatpak, so the app needs no access to the owner's files) and are read
 * asynchronously; each is checked — type by content, size, count — as it
 * is added, so nothing Klarna would refuse is ever sent. What Klarna needs
 * for the dispute's reason is a checklist, ticked off as documents are
 * added for its items. The answer is a draft kept in the store
 * (DspDraftKeeper) until it is sent or discarded: closing the dialog, or
 * the app, loses nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "dsp-evidence-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dsp-checklist-group.h"
#include "dsp-draft-keeper.h"
#include "dsp-evidence.h"
#include "dsp-evidence-dialog.h"
#include "dsp-money.h"
#include "dsp-settle.h"
#include "dsp-time.h"

struct _DspEvidenceDialog
{
  AdwWindow            parent_instance;

  DspSource           *source;
  DspDispute          *dispute;
  DspActionKind        kind;
  GPtrArray           *files;      /* DspDraftFile, read and checked */
  guint                reading;
  GCancellable        *cancellable;
  GtkFileChooserNative *chooser;
  char                *chooser_item; /* the checklist item the chooser adds for */
  DspDraftKeeper      *keeper;
  gboolean             restoring;  /* the draft is being put back: no change to keep */
  gboolean             drafted;    /* said to be a draft (draft-changed) */
  DspAction           *confirming; /* asked whether to send */
  DspAction           *sending;    /* confirmed: handed to the outbox */

  AdwWindowTitle      *window_title;
  GtkButton           *send_button;
  AdwPreferencesGroup *question_group;
  GtkLabel            *question_label;
  AdwPreferencesGroup *text_group;
  GtkTextView         *text_view;
  GtkLabel            *counter_label;
  AdwPreferencesGroup *refund_group;
  AdwEntryRow         *proposed_row;
  AdwPreferencesGroup *files_group;
  GtkButton           *add_button;
  GtkListBox          *files_list;
  GtkLabel            *problem_label;
  AdwPreferencesGroup *draft_group;
  AdwActionRow        *draft_row;
  GtkButton           *discard_button;
  DspChecklistGroup   *checklist_group;
};

G_DEFINE_FINAL_TYPE (DspEvidenceDialog, dsp_evidence_dialog, ADW_TYPE_WINDOW)

enum { DRAFT_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static guint
max_text (DspEvidenceDialog *self)
{
  return self->kind == DSP_ACTION_APPEAL ? DSP_APPEAL_MAX_TEXT : DSP_EVIDENCE_MAX_TEXT;
}

static char *
dup_text (DspEvidenceDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The answer as it stands, for the keeper. */
static DspDraft *
current_draft (DspEvidenceDialog *self)
{
  DspDraft *draft = dsp_draft_new (dsp_source_get_id (self->source), dsp_dispute_get_id (self->dispute), self->kind);

  draft->text = dup_text (self);
  draft->refund = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->proposed_row)));
  g_strfreev (draft->ticked);
  draft->ticked = dsp_checklist_group_dup_ticked (self->checklist_group);
  for (guint i = 0; i < self->files->len; i++)
    g_ptr_array_add (draft->files, dsp_draft_file_copy (g_ptr_array_index (self->files, i)));
  return draft;
}

/* The row says "Draft" from the first word typed (the store follows a second later). */
static void
set_drafted (DspEvidenceDialog *self,
             gboolean           drafted)
{
  if (self->drafted == drafted)
    return;
  self->drafted = drafted;
  g_signal_emit (self, signals[DRAFT_CHANGED], 0, drafted);
}

/* The checklist's items the documents were added for. */
static void
show_covered (DspEvidenceDialog *self)
{
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();
  g_auto(GStrv) covered = NULL;

  for (guint i = 0; i < self->files->len; i++)
    {
      DspDraftFile *file = g_ptr_array_index (self->files, i);

      if (file->item)
        g_strv_builder_add (keys, file->item);
    }
  covered = g_strv_builder_end (keys);
  dsp_checklist_group_set_covered (self->checklist_group, (const char * const *) covered);
}

static void
keep_draft (DspEvidenceDialog *self)
{
  DspDraft *draft;

  show_covered (self);
  if (self->restoring || self->sending)
    return;
  draft = current_draft (self);
  set_drafted (self, !dsp_draft_is_empty (draft));
  dsp_draft_keeper_update (self->keeper, draft);
}

/* "Kept on this computer since 14:05": the draft in the store. */
static void
show_draft_state (DspEvidenceDialog *self)
{
  gint64 saved_at = dsp_draft_keeper_get_saved_at (self->keeper);
  g_autofree char *when = saved_at ? dsp_time_format_local (saved_at) : NULL;
  g_autofree char *subtitle = when ? g_strdup_printf (_("Kept on this computer, last at %s, until you send or discard it"),
                                                      when) : NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->draft_group), saved_at != 0);
  if (subtitle)
    adw_action_row_set_subtitle (self->draft_row, subtitle);
}

static void
on_kept (DspEvidenceDialog *self,
         gboolean           kept)
{
  show_draft_state (self);
}

static void
on_keep_problem (DspEvidenceDialog *self,
                 const char        *problem)
{
  dsp_settle_show_problem (self->problem_label, problem);
}

/* "1,234 / 5,000 characters", red once over. */
static void
update_counter (DspEvidenceDialog *self)
{
  g_autofree char *text = dup_text (self);
  guint length = dsp_evidence_text_length (text);
  g_autofree char *counter = g_strdup_printf (_("%'u / %'u characters"), length, max_text (self));

  gtk_label_set_text (self->counter_label, counter);
  if (length > max_text (self))
    gtk_widget_add_css_class (GTK_WIDGET (self->counter_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->counter_label), "error");
  gtk_widget_set_sensitive (GTK_WIDGET (self->send_button), length <= max_text (self) && self->reading == 0);
}

static void
on_text_changed (DspEvidenceDialog *self)
{
  update_counter (self);
  dsp_settle_show_problem (self->problem_label, NULL);
  keep_draft (self);
}

static void
on_input_changed (DspEvidenceDialog *self)
{
  dsp_settle_show_problem (self->problem_label, NULL);
  keep_draft (self);
}

static void
on_remove_clicked (GtkButton         *button,
                   DspEvidenceDialog *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));

  g_ptr_array_remove_index (self->files, index);
  gtk_list_box_remove (self->files_list, row);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), self->files->len < DSP_EVIDENCE_MAX_FILES);
  keep_draft (self);
}

/* What the owner says a file shows goes with it to Klarna (its description). */
static void
on_description_changed (GtkEditable       *row,
                        DspEvidenceDialog *self)
{
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  DspDraftFile *file = index >= 0 && (guint) index < self->files->len ? g_ptr_array_index (self->files, index) : NULL;

  if (file == NULL)
    return;
  g_free (file->file->description);
  file->file->description = g_strdup (gtk_editable_get_text (row));
  keep_draft (self);
}

static void
add_file_row (DspEvidenceDialog *self,
              DspDraftFile      *kept)
{
  DspActionFile *file = kept->file;
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *size = g_format_size (file->size);
  g_autofree char *kind = g_content_type_get_description (file->content_type);
  /* Translators: a file's name, its size and kind; the owner types below what it shows */
  g_autofree char *title = g_strdup_printf (_("%s (%s, %s) — what it shows"), file->name, size, kind);
  g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), file->name);
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (row));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (GTK_IS_TEXT (text))
    gtk_text_set_max_length (GTK_TEXT (text), DSP_EVIDENCE_MAX_DESCRIPTION);
  adw_entry_row_add_prefix (ADW_ENTRY_ROW (row), g_object_new (GTK_TYPE_IMAGE, "icon-name", "text-x-generic-symbolic",
                                                                "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                                                NULL));
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked), self);
  if (file->description)
    gtk_editable_set_text (GTK_EDITABLE (row), file->description);
  g_signal_connect (row, "changed", G_CALLBACK (on_description_changed), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
  gtk_list_box_append (self->files_list, row);
}

typedef struct {
  DspEvidenceDialog *self;
  char              *name;
  char              *item;  /* the checklist item it is added for, or NULL */
} Reading;

static void
reading_done (Reading *reading)
{
  DspEvidenceDialog *self = reading->self;

  self->reading--;
  update_counter (self);
  g_object_unref (self);
  g_free (reading->name);
  g_free (reading->item);
  g_free (reading);
}

/* Files chosen together, refused together: each says its own reason. */
static void
tell_problem (DspEvidenceDialog *self,
              const char        *problem)
{
  gboolean shown = gtk_widget_get_visible (GTK_WIDGET (self->problem_label));
  const char *before = shown ? gtk_label_get_text (self->problem_label) : "";
  g_autofree char *text = *before ? g_strconcat (before, "\n", problem, NULL) : g_strdup (problem);

  dsp_settle_show_problem (self->problem_label, text);
}

static void
keep_file (DspEvidenceDialog *self,
           const char        *name,
           const char        *item,
           GBytes            *data)
{
  g_autoptr(GError) error = NULL;
  gsize size = 0;
  const guint8 *head = g_bytes_get_data (data, &size);
  const char *type = dsp_evidence_check_file (name, size, head, MIN (size, DSP_EVIDENCE_SNIFF_BYTES), &error);
  DspDraftFile *file;

  if (type && !dsp_evidence_check_count (self->files->len + 1, &error))
    type = NULL;
  if (type == NULL)
    {
      tell_problem (self, error->message);
      return;
    }
  file = dsp_draft_file_new (NULL, item, dsp_action_file_new (name, type, data));
  /* what it shows, said for the owner: the item it was added for */
  file->file->description = g_strdup (dsp_checklist_group_get_title (self->checklist_group, item));
  g_ptr_array_add (self->files, file);
  add_file_row (self, file);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), self->files->len < DSP_EVIDENCE_MAX_FILES);
  keep_draft (self);
}

static void
on_file_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Reading *reading = user_data;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *problem = g_strdup_printf (_("“%s” could not be read: %s"), reading->name, error->message);
          tell_problem (reading->self, problem);
        }
    }
  else
    {
      g_autoptr(GBytes) data = g_bytes_new_take (contents, length);
      keep_file (reading->self, reading->name, reading->item, data);
    }
  reading_done (reading);
}

static void
on_file_info (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Reading *reading = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = g_file_query_info_finish (G_FILE (source), result, &error);

  if (info == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        tell_problem (reading->self, error->message);
      reading_done (reading);
      return;
    }
  reading->name = g_strdup (g_file_info_get_display_name (info));
  /* Too big is refused before a byte is read. */
  if (g_file_info_get_size (info) > DSP_EVIDENCE_MAX_FILE_SIZE)
    {
      g_autoptr(GError) refusal = NULL;

      dsp_evidence_check_file (reading->name, g_file_info_get_size (info), NULL, 0, &refusal);
      tell_problem (reading->self, refusal->message);
      reading_done (reading);
      return;
    }
  g_file_load_contents_async (G_FILE (source), reading->self->cancellable, on_file_read, reading);
}

/* Reads @file (asynchronously) and adds it if Klarna would take it; for
 * @item (a checklist item's key), which it then covers, or NULL. */
void
dsp_evidence_dialog_add_file_for (DspEvidenceDialog *self,
                                  GFile             *file,
                                  const char        *item)
{
  Reading *reading = g_new0 (Reading, 1);

  g_return_if_fail (DSP_IS_EVIDENCE_DIALOG (self));

  reading->self = g_object_ref (self);
  reading->item = g_strdup (item);
  /* a new choice of files: the last one's reasons go */
  if (self->reading++ == 0)
    dsp_settle_show_problem (self->problem_label, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->send_button), FALSE);
  g_file_query_info_async (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, self->cancellable, on_file_info, reading);
}

void
dsp_evidence_dialog_add_file (DspEvidenceDialog *self,
                              GFile             *file)
{
  dsp_evidence_dialog_add_file_for (self, file, NULL);
}

guint
dsp_evidence_dialog_get_n_files (DspEvidenceDialog *self)
{
  return self->files->len;
}

static void
on_chooser_response (GtkNativeDialog   *chooser,
                     int                response,
                     DspEvidenceDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = 0; i < g_list_model_get_n_items (chosen); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (chosen, i);
          dsp_evidence_dialog_add_file_for (self, file, self->chooser_item);
        }
    }
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->chooser_item, g_free);
}

static GtkFileFilter *
documents_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  const char *types[] = { "application/pdf", "image/jpeg", "image/png",
                          "application/vnd.openxmlformats-officedocument.wordprocessingml.document" };
  const char *suffixes[] = { "pdf", "jpg", "jpeg", "png", "docx" };

  gtk_file_filter_set_name (filter, _("Documents Klarna takes"));
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    gtk_file_filter_add_mime_type (filter, types[i]);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    gtk_file_filter_add_suffix (filter, suffixes[i]);
  return filter;
}

/* @item: the checklist item the documents are for, or NULL */
static void
choose_files (DspEvidenceDialog *self,
              const char        *item)
{
  g_autoptr(GtkFileFilter) filter = documents_filter ();

  if (self->chooser)
    return;
  self->chooser_item = g_strdup (item);
  self->chooser = gtk_file_chooser_native_new (_("Add Documents"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_add_clicked (DspEvidenceDialog *self)
{
  choose_files (self, NULL);
}

static void
on_add_for (DspEvidenceDialog *self,
            const char        *item)
{
  choose_files (self, item);
}

/* The partial refund offered: 0 for none, -1 (with the reason shown) when unusable. */
static gint64
proposed_refund (DspEvidenceDialog *self)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->proposed_row));
  const char *currency = dsp_dispute_get_currency (self->dispute);
  gint64 amount = 0;

  if (self->kind != DSP_ACTION_REPRESENT || dsp_evidence_text_is_blank (typed))
    return 0;
  if (!dsp_money_parse (typed, currency, &amount) || amount <= 0 || amount >= dsp_dispute_get_amount (self->dispute))
    {
      g_autofree char *disputed = dsp_dispute_dup_amount_label (self->dispute);
      /* Translators: %s is the disputed amount with its currency */
      g_autofree char *problem = g_strdup_printf (_("The refund offered must be an amount below the disputed %s, or left empty."),
                                                  disputed);
      dsp_settle_show_problem (self->problem_label, problem);
      return -1;
    }
  return amount;
}

/* What is missing, if anything, before it can be sent. */
static const char *
missing (DspEvidenceDialog *self,
         const char        *text)
{
  if (dsp_evidence_text_length (text) > max_text (self))
    return _("The answer is too long for Klarna: shorten it.");
  if (self->kind == DSP_ACTION_REPRESENT && self->files->len == 0)
    return _("Add at least one document: Klarna decides on evidence such as a proof of delivery or a receipt.");
  if (self->kind == DSP_ACTION_APPEAL && dsp_evidence_text_is_blank (text))
    return _("Say why Klarna should decide again.");
  return NULL;
}

static char *
confirmation_body (DspEvidenceDialog *self,
                   gint64             refund)
{
  g_autofree char *amount = dsp_dispute_dup_amount_label (self->dispute);
  g_autofree char *offer = NULL, *first = NULL, *missing_items = NULL;

  if (self->kind == DSP_ACTION_APPEAL)
    /* Translators: %s is the disputed amount with its currency */
    return g_strdup_printf (_("Klarna’s arbitration looks at the dispute again, and its decision is final. "
                              "If it goes your way, the %s Klarna is holding is paid out to you."), amount);
  first = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "Your answer and %u document go to Klarna, which reviews them and decides. Evidence can be sent only once: nothing can be added or changed afterwards.",
                                        "Your answer and %u documents go to Klarna, which reviews them and decides. Evidence can be sent only once: nothing can be added or changed afterwards.",
                                        self->files->len),
                           self->files->len);
  if (refund > 0)
    {
      g_autofree char *said = g_steal_pointer (&first);

      offer = dsp_money_format (refund, dsp_dispute_get_currency (self->dispute));
      /* Translators: the sentence before, then an amount with its currency */
      first = g_strdup_printf (_("%s You offer the customer a refund of %s."), said, offer);
    }
  missing_items = dsp_checklist_group_dup_missing (self->checklist_group);
  if (missing_items == NULL)
    return g_steal_pointer (&first);
  /* Translators: the sentences before, then a list of what Klarna needs, such as "Proof of delivery, Delivery address" */
  return g_strdup_printf (_("%s Not covered yet: %s."), first, missing_items);
}

/* Asked once, as ever: then it goes to the outbox, and the draft with it. */
static void
on_send_confirmed (gpointer data)
{
  DspEvidenceDialog *self = data;

  self->sending = g_steal_pointer (&self->confirming);
  dsp_outbox_submit (dsp_source_get_outbox (self->source), self->sending);
  dsp_draft_keeper_discard (self->keeper);
  set_drafted (self, FALSE);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_send_clicked (DspEvidenceDialog *self)
{
  g_autofree char *text = dup_text (self);
  const char *problem = missing (self, text);
  g_autofree char *body = NULL;
  g_autoptr(DspAction) action = NULL;
  gint64 refund;

  if (problem)
    {
      dsp_settle_show_problem (self->problem_label, problem);
      return;
    }
  if ((refund = proposed_refund (self)) < 0)
    return;
  action = dsp_action_new (self->kind, dsp_source_get_id (self->source), dsp_dispute_get_id (self->dispute));
  action->text = g_steal_pointer (&text);
  action->amount = refund;
  action->currency = g_strdup (dsp_dispute_get_currency (self->dispute));
  for (guint i = 0; i < self->files->len; i++)
    {
      DspActionFile *file = ((DspDraftFile *) g_ptr_array_index (self->files, i))->file;
      DspActionFile *copy = dsp_action_file_new (file->name, file->content_type, file->data);

      copy->description = g_strdup (file->description && *file->description ? file->description : NULL);
      g_ptr_array_add (action->files, copy);
    }
  body = confirmation_body (self, refund);
  g_clear_pointer (&self->confirming, dsp_action_unref);
  self->confirming = dsp_action_ref (action);
  if (self->kind == DSP_ACTION_APPEAL)
    dsp_settle_confirm (GTK_WINDOW (self), _("Appeal Klarna’s Decision?"), body, _("_Appeal"), FALSE,
                        on_send_confirmed, g_object_ref (self), g_object_unref);
  else
    dsp_settle_confirm (GTK_WINDOW (self), _("Send Evidence to Klarna?"), body, _("_Send Evidence"), FALSE,
                        on_send_confirmed, g_object_ref (self), g_object_unref);
}

static void
fill (DspEvidenceDialog *self)
{
  gboolean appeal = self->kind == DSP_ACTION_APPEAL;
  const char *question = dsp_dispute_get_question (self->dispute);
  g_autofree char *order = g_strdup_printf (_("Order %s"), dsp_dispute_get_display_reference (self->dispute));
  g_autofree char *amount = dsp_dispute_dup_amount_label (self->dispute);
  g_autofree char *entry_title = g_strdup_printf (_("Amount in %s (optional)"), dsp_dispute_get_currency (self->dispute));
  g_autofree char *escaped = g_markup_escape_text (amount, -1);
  /* Translators: %s is the disputed amount with its currency; the text is Pango markup */
  g_autofree char *offer = g_strdup_printf (_("Below the disputed %s. Klarna puts the offer to the customer."), escaped);

  gtk_window_set_title (GTK_WINDOW (self), appeal ? _("Appeal") : _("Send Evidence"));
  adw_window_title_set_title (self->window_title, appeal ? _("Appeal") : _("Send Evidence"));
  adw_window_title_set_subtitle (self->window_title, order);
  gtk_label_set_text_with_mnemonic (GTK_LABEL (gtk_button_get_child (self->send_button)),
                                    appeal ? _("_Appeal…") : _("_Send…"));
  gtk_label_set_text (self->question_label, question ? question : "");
  gtk_widget_set_visible (GTK_WIDGET (self->question_group), !appeal && question && *question);
  adw_preferences_group_set_title (self->text_group, appeal ? _("Why Klarna Should Decide Again") : _("Your Answer"));
  gtk_widget_set_visible (GTK_WIDGET (self->refund_group), !appeal);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->proposed_row), entry_title);
  adw_preferences_group_set_description (self->refund_group, offer);
  if (appeal)
    adw_preferences_group_set_title (self->files_group, _("Documents (optional)"));
  gtk_widget_set_visible (GTK_WIDGET (self->checklist_group), !appeal);
  dsp_checklist_group_set_reason (self->checklist_group, dsp_dispute_get_reason (self->dispute));
  update_counter (self);
}

/* The draft kept for this dispute, put back as it was left. */
static void
restore (DspEvidenceDialog *self,
         DspDraft          *draft)
{
  self->restoring = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), draft->text ? draft->text : "", -1);
  gtk_editable_set_text (GTK_EDITABLE (self->proposed_row), draft->refund ? draft->refund : "");
  dsp_checklist_group_set_ticked (self->checklist_group, (const char * const *) draft->ticked);
  for (guint i = 0; i < draft->files->len; i++)
    {
      DspDraftFile *file = g_ptr_array_index (draft->files, i);

      g_ptr_array_add (self->files, file);
      add_file_row (self, file);
    }
  g_ptr_array_set_free_func (draft->files, NULL);
  g_ptr_array_set_size (draft->files, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), self->files->len < DSP_EVIDENCE_MAX_FILES);
  show_covered (self);
  self->restoring = FALSE;
}

static void
on_draft_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DspEvidenceDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DspDraft) draft = dsp_draft_keeper_load_finish (DSP_DRAFT_KEEPER (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error)
    dsp_settle_show_problem (self->problem_label, _("The draft kept for this dispute could not be read."));
  /* a draft of the other kind (evidence, now an appeal) is not this answer */
  else if (draft && draft->kind == self->kind)
    {
      restore (self, draft);
      self->drafted = TRUE;
    }
  gtk_widget_set_sensitive (gtk_window_get_child (GTK_WINDOW (self)), TRUE);
  show_draft_state (self);
  update_counter (self);
}

static void
on_discard_clicked (DspEvidenceDialog *self)
{
  self->restoring = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", -1);
  gtk_editable_set_text (GTK_EDITABLE (self->proposed_row), "");
  dsp_checklist_group_set_ticked (self->checklist_group, NULL);
  g_ptr_array_set_size (self->files, 0);
  for (GtkWidget *row; (row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->files_list, 0))) != NULL; )
    gtk_list_box_remove (self->files_list, row);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), TRUE);
  show_covered (self);
  self->restoring = FALSE;
  dsp_settle_show_problem (self->problem_label, NULL);
  dsp_draft_keeper_discard (self->keeper);
  set_drafted (self, FALSE);
}

/* Closed: what changed is kept at once. */
static gboolean
on_close_request (DspEvidenceDialog *self)
{
  if (self->sending == NULL)
    dsp_draft_keeper_flush (self->keeper);
  return FALSE;
}

/* @kind: DSP_ACTION_REPRESENT or DSP_ACTION_APPEAL */
DspEvidenceDialog *
dsp_evidence_dialog_new (GtkWindow     *parent,
                         DspSource     *source,
                         DspDispute    *dispute,
                         DspActionKind  kind)
{
  DspEvidenceDialog *self = g_object_new (DSP_TYPE_EVIDENCE_DIALOG, "transient-for", parent, NULL);

  self->source = g_object_ref (source);
  self->dispute = g_object_ref (dispute);
  self->kind = kind;
  self->keeper = dsp_draft_keeper_new (dsp_source_get_store (source), dsp_source_get_id (source),
                                       dsp_dispute_get_id (dispute));
  g_signal_connect_object (self->keeper, "kept", G_CALLBACK (on_kept), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->keeper, "problem", G_CALLBACK (on_keep_problem), self, G_CONNECT_SWAPPED);
  fill (self);
  /* the answer left last time comes back before anything can be typed */
  gtk_widget_set_sensitive (gtk_window_get_child (GTK_WINDOW (self)), FALSE);
  dsp_draft_keeper_load_async (self->keeper, self->cancellable, on_draft_loaded, g_object_ref (self));
  return self;
}

static void
dsp_evidence_dialog_dispose (GObject *object)
{
  DspEvidenceDialog *self = DSP_EVIDENCE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  /* what is not written yet is, as the keeper goes */
  g_clear_object (&self->keeper);

  G_OBJECT_CLASS (dsp_evidence_dialog_parent_class)->dispose (object);
}

static void
dsp_evidence_dialog_finalize (GObject *object)
{
  DspEvidenceDialog *self = DSP_EVIDENCE_DIALOG (object);

  g_clear_object (&self->source);
  g_clear_object (&self->dispute);
  g_clear_object (&self->cancellable);
  g_ptr_array_unref (self->files);
  g_free (self->chooser_item);
  g_clear_pointer (&self->confirming, dsp_action_unref);
  g_clear_pointer (&self->sending, dsp_action_unref);

  G_OBJECT_CLASS (dsp_evidence_dialog_parent_class)->finalize (object);
}

static void
dsp_evidence_dialog_class_init (DspEvidenceDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dsp_evidence_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = dsp_evidence_dialog_finalize;
  g_type_ensure (DSP_TYPE_CHECKLIST_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Disputes/ui/dsp-evidence-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, DspEvidenceDialog, name)
  BIND (window_title);
  BIND (send_button);
  BIND (question_group);
  BIND (question_label);
  BIND (text_group);
  BIND (text_view);
  BIND (counter_label);
  BIND (refund_group);
  BIND (proposed_row);
  BIND (files_group);
  BIND (add_button);
  BIND (files_list);
  BIND (problem_label);
  BIND (draft_group);
  BIND (draft_row);
  BIND (discard_button);
  BIND (checklist_group);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_send_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_input_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_add_for);
  gtk_widget_class_bind_template_callback (widget_class, on_discard_clicked);
  gtk_widget_class_bind_template_callback (widget_class, keep_draft);
  gtk_widget_class_bind_template_callback (widget_class, on_close_request);
  /* "kept": whether a draft of the dispute is now in the store */
  signals[DRAFT_CHANGED] = g_signal_new ("draft-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                         NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
dsp_evidence_dialog_init (DspEvidenceDialog *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->files = g_ptr_array_new_with_free_func ((GDestroyNotify) dsp_draft_file_free);
  self->cancellable = g_cancellable_new ();
  placeholder = gtk_label_new (_("No documents yet"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->files_list, placeholder);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->text_view), "changed",
                            G_CALLBACK (on_text_changed), self);
}
