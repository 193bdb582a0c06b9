/* dsp-action.h — one thing the owner asked Klarna to do, kept until it is done
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  DSP_ACTION_REFUND,
  DSP_ACTION_REPRESENT,
  DSP_ACTION_APPEAL,
  DSP_ACTION_ACCEPT_LOSS,
} DspActionKind;

typedef enum {
  DSP_ACTION_PENDING,   /* written down, waiting for its turn or for Klarna */
  DSP_ACTION_SENDING,
  DSP_ACTION_DONE,
  DSP_ACTION_FAILED,    /* Klarna refused it; the owner has been told why */
} DspActionState;

typedef struct {
  char   *name;
  char   *content_type;
  char   *description;
  GBytes *data;           /* NULL when loaded without contents */
  gsize   size;
  char   *attachment_id;  /* once Klarna has the file */
} DspActionFile;

typedef struct {
  gint64          id;           /* in the store; 0 before it is written */
  char           *source;
  char           *dispute_id;
  DspActionKind   kind;
  DspActionState  state;
  char           *idempotency_key;
  guint           attempts;
  gint64          next_attempt;
  gint64          created_at;
  gint64          finished_at;
  char           *message;      /* why it failed, or Klarna's receipt */
  /* What is sent */
  char           *order_id;
  gint64          amount;       /* refund, or proposed refund; minor units */
  char           *currency;
  char           *text;
  GPtrArray      *files;        /* DspActionFile */
} DspAction;

/* Reference-counted: copying one (into a GValue, a signal) takes a reference. */
#define DSP_TYPE_ACTION (dsp_action_get_type ())

DspActionFile *dsp_action_file_new          (const char    *name,
                                             const char    *content_type,
                                             GBytes        *data);
void           dsp_action_file_free         (DspActionFile *file);

GType          dsp_action_get_type          (void) G_GNUC_CONST;
DspAction     *dsp_action_new               (DspActionKind  kind,
                                             const char    *source,
                                             const char    *dispute_id);
DspAction     *dsp_action_ref               (DspAction     *self);
void           dsp_action_unref             (DspAction     *self);
const char    *dsp_action_kind_to_string    (DspActionKind  kind);
gboolean       dsp_action_kind_from_string  (const char    *text,
                                             DspActionKind *kind);
const char    *dsp_action_state_to_string   (DspActionState state);
DspActionState dsp_action_state_from_string (const char    *text);
char          *dsp_action_payload_to_json   (DspAction     *self);
void           dsp_action_payload_from_json (DspAction     *self,
                                             const char    *json);
char          *dsp_action_dup_title         (DspAction     *self);
char          *dsp_action_dup_outcome       (DspAction     *self,
                                             gboolean       demo);
char          *dsp_action_dup_progress      (DspAction     *self);
gboolean       dsp_action_is_open           (DspAction     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DspAction, dsp_action_unref)

G_END_DECLS
