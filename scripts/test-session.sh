#!/usr/bin/env bash
# Runs a command the way `npm test` runs the suite: in a private D-Bus session with an unlocked throwaway
# gnome-keyring and HOME (the user's own keyring is never touched), at the suite's faked US weekday
# afternoon (scripts/at-test-time.sh). For one e2e spec, say:
#   npm run build && bash scripts/test-session.sh npx playwright test tests/e2e/dashboard.spec.ts
# (scripts/vitest-session.sh is this with `npx vitest run`.)
set -u
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then echo "usage: bash scripts/test-session.sh CMD [ARG…]" >&2; exit 2; fi
export HOME="$(mktemp -d)"
. scripts/test-keyring.sh
exec bash scripts/at-test-time.sh dbus-run-session -- bash -c 'printf pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$@"' test-session "$@"
