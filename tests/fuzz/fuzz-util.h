/* fuzz-util.h — what every fuzz harness shares
 *
 * Each harness defines LLVMFuzzerTestOneInput. Linked with -fsanitize=fuzzer
 * it is a libFuzzer target; linked with fuzz-replay.c it replays its corpus
 * and past crashes as part of the normal test suite.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <stdint.h>

#include "dsp-dispute.h"

G_BEGIN_DECLS

int        LLVMFuzzerTestOneInput (const uint8_t *data,
                                   size_t         size);

void       fuzz_init              (void);
void       fuzz_check             (gboolean       condition,
                                   const char    *what);
void       fuzz_check_text        (const char    *text);
char      *fuzz_next_line         (const char   **data,
                                   size_t        *size);
JsonNode  *fuzz_parse_stored      (const uint8_t *data,
                                   size_t         size);
void       fuzz_dispute           (JsonObject    *object);

G_END_DECLS
