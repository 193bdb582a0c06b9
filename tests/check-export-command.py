#!/usr/bin/env python3
# check-export-command.py DISPUTES DIR — `disputes --export FILE.csv` from the
# command line, read back as a spreadsheet reads CSV: with --demo, every one
# of the demo's disputes; without an account, a plain refusal and no file.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import csv
import os
import shutil
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
print('ok: 60 rows, %d columns' % len(header))
