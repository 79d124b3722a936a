#!/usr/bin/env bash
# Re-records the frozen outputs of the tutorial: every bundled scenario captured live on lo, saved as
# captures/scenarios/NAME.pcapng (socket calls as packet comments) and NAME.calls.jsonl.
# The site and the replay tests rebuild from these without capture privileges. Needs root (or
# CAP_NET_RAW + CAP_NET_ADMIN). Review the diff before committing: the timings and ports change on
# every run, the behaviour should not.
#
# Usage: tutorial/src/main/sh/record-scenarios.sh [NAME...]     (default: all scenarios)
set -euo pipefail
root=$(cd "$(dirname "$0")/../../../.." && pwd)
cd "$root"
out=captures/scenarios
mkdir -p "$out"
if (($# == 0)); then
  ./wirebook capture --all --record "$out" > /dev/null
else
  args=()
  for name in "$@"; do args+=(--scenario "$name"); done
  ./wirebook capture "${args[@]}" --record "$out" > /dev/null
fi
ls "$out"/*.pcapng | wc -l | xargs echo "recordings in $out:"
# The tshark references of the lab recordings follow the recordings, so they never describe an older run.
bash "$out/regen-tshark-references.sh"
