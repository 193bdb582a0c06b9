#!/bin/sh
# Runs one check (a Python script driving the app from outside, as a person
# and a screen reader would) against the real app on its demo: inside the
# suite's private session bus and X display, with the accessibility bus of
# its own and a throwaway home.  usage: run-app.sh APP SCRIPT [ARGS…]
set -eu
app="$1" script="$2"
shift 2
home=$(mktemp -d)
trap 'kill $app_pid $bus_pid 2>/dev/null || true; rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config"
export XDG_CACHE_HOME="$home/.cache" XDG_STATE_HOME="$home/.local/state" DSP_DATA_DIR="$home/data"
unset GTK_A11Y NO_AT_BRIDGE
/usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 &
bus_pid=$!
# the app finds the accessibility bus only if it is there when GTK starts
gdbus wait --session --timeout 20 org.a11y.Bus
start_app () {
  "$app" --demo >>"$home/app.log" 2>&1 &
  app_pid=$!
}
start_app
# Now and then (about one start in ten, seen only under faketime) the X
# server refuses the app's first connection ("cannot open display"): the
# app is started once more, and the log says so.
sleep 2
if ! kill -0 "$app_pid" 2>/dev/null; then
  echo "run-app.sh: the app ended at start; starting it once more" >>"$home/app.log"
  start_app
fi
status=0
/usr/bin/python3 "$script" "$@" || status=$?
[ "$status" -eq 0 ] || { echo "app log:"; cat "$home/app.log"; }
exit "$status"
