#!/bin/sh
# Every source file with a translatable string is listed in po/POTFILES.in,
# so no user-visible string is left out of the translation template.
set -eu
root="$1"
cd "$root"
status=0
for f in $(find src data -name '*.c' -o -name '*.ui' -o -name '*.xml' | sort); do
  if grep -qE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_)\(|translatable="yes"' "$f" &&
     ! grep -qx "$f" po/POTFILES.in; then
    echo "$f has translatable strings but is not in po/POTFILES.in" >&2
    status=1
  fi
done
while read -r f; do
  case "$f" in ''|'#'*) continue ;; esac
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in lists $f, which does not exist" >&2
    status=1
  fi
done < po/POTFILES.in
[ "$status" -eq 0 ] && echo ok
exit "$status"
