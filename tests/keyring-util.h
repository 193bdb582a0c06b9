/* keyring-util.h — a real gnome-keyring on a private bus, for one test process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void test_keyring_start_bus  (void);
void test_keyring_start      (void);
void test_keyring_stop       (void);
void test_keyring_own_silent (void);
const char *test_keyring_bus_address (void);

G_END_DECLS
