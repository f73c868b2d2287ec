/**
 * The environment Chromium (Playwright's browser, Electron in the smoke test) starts with: the suite's own,
 * faked clock included (scripts/at-test-time.sh), so the page and the harness agree on "now" (the dashboard's
 * buckets and "2 min ago" are computed in the page), minus FAKETIME_DONT_FAKE_MONOTONIC: with that flag
 * Chromium hangs at launch under libfaketime 0.9.10 (Debian 12; measured: no window within 20 s, against
 * 0.6 s without it), most likely its monotonic pthread_cond_timedwait bug, fixed upstream in
 * wolfcw/libfaketime PR #503. Without the flag the browser's monotonic clock reads the faked wall clock
 * (measured in Node: it still flows at the same pace), which only the browser's own durations use.
 */
export function browserEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && name !== 'FAKETIME_DONT_FAKE_MONOTONIC') out[name] = value;
  }
  return out;
}
