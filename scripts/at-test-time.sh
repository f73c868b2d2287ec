#!/usr/bin/env bash
# Runs a command at the test suite's faked time: the next Wednesday 20:00 UTC (15:00 New York, 12:00 Los
# Angeles, 10:00 Honolulu), a US weekday afternoon inside the default sending window (Mon–Sat 10:00–19:00 in
# the lead's own time) and the legal floor (08:00–21:00) in every US zone, and hours from midnight in all of
# them. The sync queue sends only inside that window, so a suite run at 03:00 New York would find nothing to
# send; faking the clock keeps every test's answer the same whatever hour CI runs.
#
#   bash scripts/at-test-time.sh CMD [ARG…]      (scripts/test.sh and scripts/vitest-session.sh use it)
#
# How: libfaketime (apt-get install faketime) preloaded into every process of the suite with ONE relative
# offset (FAKETIME=+N seconds: time still flows, and every process — vitest, its workers, the `rlm` and
# harness processes tests start, Playwright, Chromium — agrees on "now", so locks and leases stay consistent).
# The monotonic clock is left alone (setTimeout, performance.now() and durations are real). A file written
# gets its mtime from the kernel, i.e. the real time (only `touch` without a time, under the preload, stamps
# the faked one): compare a file's mtime with another file's, never with Date.now().
#
# Already inside a faked run (FAKETIME set), it keeps that offset, so nested wrappers share one clock; a
# FAKETIME you set yourself is kept too. RLM_TEST_REAL_CLOCK=1 runs CMD at the real time (the clock guard
# test then reports a skip, and tests that send by the hour may fail).
set -u

# Seconds from $1 (epoch seconds, UTC) to the next Wednesday 20:00 UTC after it. UTC arithmetic on epoch
# seconds only: no time zone, so no DST. 1970-01-01 was a Thursday (index 3 when Monday is 0).
offset_from() {
  local now=$1 day wednesday=2 days_ahead target
  day=$((now / 86400))
  days_ahead=$(((wednesday - (day + 3) % 7 + 7) % 7))
  target=$(((day + days_ahead) * 86400 + 20 * 3600))
  if [ "$target" -le "$now" ]; then target=$((target + 7 * 86400)); fi
  echo $((target - now))
}

# For tests/unit/test-clock.test.ts: the offset a run starting at each EPOCH would use, one a line.
if [ "${1:-}" = "--offset-from" ]; then
  shift
  for epoch in "$@"; do offset_from "$epoch"; done
  exit 0
fi

if [ $# -eq 0 ]; then echo "usage: bash scripts/at-test-time.sh CMD [ARG…]" >&2; exit 2; fi
if [ -n "${RLM_TEST_REAL_CLOCK:-}" ]; then exec "$@"; fi

find_libfaketime() {
  local candidate
  for candidate in "${RLM_LIBFAKETIME:-}" \
    "/usr/lib/$(uname -m)-linux-gnu/faketime/libfaketime.so.1" \
    /usr/lib/faketime/libfaketime.so.1 /usr/lib64/faketime/libfaketime.so.1 /usr/local/lib/faketime/libfaketime.so.1; do
    if [ -n "$candidate" ] && [ -f "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}

lib="$(find_libfaketime)" || {
  echo "libfaketime not found: the tests run at a faked US weekday afternoon (see README, Test). Install it with" >&2
  echo "  apt-get install faketime    (or set RLM_LIBFAKETIME=/path/to/libfaketime.so.1)" >&2
  exit 1
}

if [ -z "${FAKETIME:-}" ]; then
  now=$(date -u +%s)
  offset=$(offset_from "$now")
  export FAKETIME="+$offset"
  echo "Tests run at faked $(date -u -d "@$((now + offset))" '+%a %Y-%m-%d %H:%M') UTC (offset +$offset s; real time $(date -u -d "@$now" '+%a %Y-%m-%d %H:%M') UTC)" >&2
fi

case ":${LD_PRELOAD:-}:" in
  *":$lib:"*) ;;
  *) export LD_PRELOAD="$lib${LD_PRELOAD:+:$LD_PRELOAD}" ;;
esac
export FAKETIME_DONT_FAKE_MONOTONIC=1
exec "$@"
