#!/bin/sh
# `npm start [-- flags]`: builds the bundles (Nx, cached), then runs the local stack in this
# shell's place. The build's output is shown only when it fails, so a clean start prints only
# what a person needs (no task list, no Nx run report).
set -u
echo 'building the bundles (cached after the first time)…'
if ! out=$(nx run-many -t build -p consumer aggregator report producer local --output-style=static 2>&1); then
  printf '%s\n' "$out" >&2
  echo 'npm start: the build failed (output above)' >&2
  exit 1
fi
# exec: the stack replaces this shell, so the terminal's Ctrl-C and the copy npm forwards reach
# the same process (which takes the two as one request), and npm exits with its status.
exec node dist/apps/local/main.cjs "$@"
