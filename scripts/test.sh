#!/usr/bin/env bash
# The project's test command (`npm test`): static checks, unit + integration tests (vitest),
# then the browser e2e tests (Playwright in Debian's Chromium). Runs inside a private D-Bus
# session with an unlocked gnome-keyring and a throwaway HOME, so keychain tests use a real
# Secret Service without touching the user's own keyring, and at a faked US weekday afternoon
# (scripts/at-test-time.sh: libfaketime, one clock offset for every process of the suite), because the
# sync queue sends only inside the sending window and the legal floor. Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/.."

if [ -z "${RLM_TEST_SESSION:-}" ]; then
  command -v dbus-run-session >/dev/null || { echo "dbus-run-session not found: apt-get install dbus (see README)"; echo "0 passed, 1 failed"; exit 1; }
  command -v gnome-keyring-daemon >/dev/null || { echo "gnome-keyring-daemon not found: apt-get install gnome-keyring (see README)"; echo "0 passed, 1 failed"; exit 1; }
  command -v faketime >/dev/null || { echo "faketime not found: apt-get install faketime (see README)"; echo "0 passed, 1 failed"; exit 1; }
  export RLM_TEST_SESSION=1
  export RLM_REAL_HOME="$HOME"
  HOME="$(mktemp -d)"
  export HOME
  export npm_config_cache="$RLM_REAL_HOME/.npm"
  . scripts/test-keyring.sh
  exec bash scripts/at-test-time.sh dbus-run-session -- bash "$0" "$@"
fi

printf 'pass' | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || true

results_dir="$(mktemp -d)"
export RESULTS_DIR="$results_dir"
static_passed=0
static_failed=0
failed_steps=()

step() {
  local name="$1"; shift
  echo "── $name"
  if "$@"; then static_passed=$((static_passed + 1)); else static_failed=$((static_failed + 1)); failed_steps+=("$name"); fi
}

step "typecheck" npx tsc -p tsconfig.json
step "process boundaries" npx tsx scripts/check-boundaries.ts
step "schema matches committed migrations" npx tsx scripts/check-migrations.ts
if [ -f scripts/generate-ghl-types.ts ]; then step "GHL types match the vendored spec" npx tsx scripts/generate-ghl-types.ts --check; fi
step "build (main, preload, renderer)" npx electron-vite build --config ./vite.config.ts --logLevel warn
step "build (Node entry points: rlm, web, demo, sandbox, workers)" npx tsx scripts/build-node.ts
step "Electronegativity (no unwaived HIGH/MEDIUM)" npx tsx scripts/check-electronegativity.ts

echo "── unit and integration tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json="$results_dir/vitest.json"

echo "── end-to-end tests (Playwright, Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$results_dir/playwright.json" npx playwright test --reporter=list,json

npx tsx scripts/test-summary.ts "$static_passed" "$static_failed" "${failed_steps[@]+"${failed_steps[@]}"}"
