#!/usr/bin/env bash
# Runs vitest with the same private D-Bus session + unlocked gnome-keyring and the same faked US weekday
# afternoon (scripts/at-test-time.sh) that `npm test` uses, for quick runs of a few files:
#   bash scripts/vitest-session.sh tests/unit/companies
exec bash "$(dirname "$0")/test-session.sh" npx vitest run "$@"
