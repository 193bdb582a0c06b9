#!/bin/sh
# The manifest parses, and flatpak-builder has nothing to warn about.
# It cannot be built here (no runtime offline); this is what can be checked.
set -eu
manifest="$1"
err=$(mktemp)
trap 'rm -f "$err"' EXIT
flatpak-builder --show-manifest "$manifest" > /dev/null 2> "$err"
if [ -s "$err" ]; then
  cat "$err" >&2
  exit 1
fi
# Least privilege: no file system, no home, no direct secrets or notification bus names.
for forbidden in '--filesystem' 'org.freedesktop.secrets' 'org.freedesktop.Notifications' '--socket=x11"' '--device=all'; do
  if grep -q -- "$forbidden" "$manifest"; then
    echo "manifest grants $forbidden" >&2
    exit 1
  fi
done
echo "ok"
