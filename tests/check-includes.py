#!/usr/bin/env python3
"""The include graph of src/ has no circle: no two files (a .c with its .h),
or groups of files, include each other. Prints the circle it finds."""
import os
import re
import sys

top = sys.argv[1] if len(sys.argv) > 1 else '.'
src = os.path.join(top, 'src')
include = re.compile(r'^\s*#\s*include\s+"([^"]+)\.h"', re.M)
graph = {}
for folder, _, files in os.walk(src):
    for name in files:
        if not name.endswith(('.c', '.h')):
            continue
        module = name.rsplit('.', 1)[0]
        with open(os.path.join(folder, name), encoding='utf-8') as f:
            for target in include.findall(f.read()):
                target = os.path.basename(target)
                if target not in (module, 'config') and not target.endswith('-private'):
                    graph.setdefault(module, set()).add(target)

state = {}
def visit(node, path):
    state[node] = 'open'
    for nxt in sorted(graph.get(node, ())):
        if state.get(nxt) == 'open':
            cycle = path[path.index(nxt):] + [nxt] if nxt in path else [node, nxt]
            print('circle: ' + ' -> '.join(cycle))
            sys.exit(1)
        if nxt not in state:
            visit(nxt, path + [nxt])
    state[node] = 'done'

for module in sorted(graph):
    if module not in state:
        visit(module, [module])
print(f'{len(graph)} modules, no circle')
