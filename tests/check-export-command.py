#!/usr/bin/env python3
# check-export-command.py DISPUTES DIR — `disputes --export FILE.csv` from the
# command line, read back as a spreadsheet reads CSV: with --demo, every one
# of the demo's disputes; without an account, a plain refusal and no file.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import csv
import os
import shutil
import sqlite3
import subprocess
import sys

disputes, workdir = sys.argv[1], sys.argv[2]
shutil.rmtree(workdir, ignore_errors=True)
os.makedirs(workdir)
env = dict(os.environ, DSP_DATA_DIR=os.path.join(workdir, 'data'))

out = os.path.join(workdir, 'demo.csv')
run = subprocess.run([disputes, '--demo', '--export', out], env=env, capture_output=True, text=True, timeout=60)
assert run.returncode == 0, run.stderr
assert 'Exported 60 disputes' in run.stdout, run.stdout
with open(out, newline='', encoding='utf-8-sig') as f:
    rows = list(csv.reader(f, strict=True))
header, body = rows[0], rows[1:]
assert header[:3] == ['Store', 'Order number', 'Dispute ID'], header
assert len(body) == 60, len(body)
assert all(len(row) == len(header) for row in body)
assert len({row[2] for row in body}) == 60
assert all(row[0] == 'Demo' for row in body)
assert all(not cell.lstrip(' ').startswith(('=', '+', '-', '@')) for row in body for cell in row)
states = {row[header.index('State code')] for row in body}
assert {'INITIATED', 'CLOSED'} <= states, states
with open(out, 'rb') as f:
    raw = f.read()
assert raw.startswith(b'\xef\xbb\xbf') and raw.count(b'\r\n') == 61

# nothing set up: said, and no file written
missing = os.path.join(workdir, 'none.csv')
run = subprocess.run([disputes, '--export', missing], env=env, capture_output=True, text=True, timeout=60)
assert run.returncode == 1 and 'No Klarna account' in run.stderr, run
assert not os.path.exists(missing)

# an account set up, its store locked by another process (the app in a long write): the export says so
# after the store's wait, and the app's file is left as it is — never moved aside from here
settings = dict(env, GSETTINGS_BACKEND='keyfile', XDG_CONFIG_HOME=os.path.join(workdir, 'config'))
subprocess.run(['gsettings', 'set', 'com.example.Disputes', 'accounts', "['a1']"], env=settings, check=True)
os.makedirs(env['DSP_DATA_DIR'])
holder = sqlite3.connect(os.path.join(env['DSP_DATA_DIR'], 'disputes.db'), isolation_level=None)
holder.execute('CREATE TABLE held (a)')
holder.execute('BEGIN EXCLUSIVE')
locked = os.path.join(workdir, 'locked.csv')
run = subprocess.run([disputes, '--export', locked], env=settings, capture_output=True, text=True, timeout=60)
holder.rollback()
holder.close()
assert run.returncode == 1 and 'could not be read' in run.stderr, run
assert sorted(os.listdir(env['DSP_DATA_DIR'])) == ['disputes.db'], os.listdir(env['DSP_DATA_DIR'])
assert not os.path.exists(locked)
print('ok: 60 rows, %d columns; a locked store said and left alone' % len(header))
