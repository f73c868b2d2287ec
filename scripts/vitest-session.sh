#!/usr/bin/env bash
# Runs vitest with the same private D-Bus session + unlocked gnome-keyring and the same faked US weekday
# afternoon (scripts/at-test-time.sh) that `npm test` uses, for quick runs of a few files:
#   bash scripts/vitest-session.sh tests/unit/companies
set -u
cd "$(dirname "$0")/.."
export HOME="$(mktemp -d)"
exec bash scripts/at-test-time.sh dbus-run-session -- bash -c 'printf pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; npx vitest run "$@"' vitest "$@"
