/**
 * The environment Chromium (Playwright's browser, Electron in the smoke test) starts with: the suite's own,
 * faked clock included (scripts/at-test-time.sh), so the page and the harness agree on "now" (the dashboard
 * buckets and "2 min ago" are computed in the page), minus FAKETIME_DONT_FAKE_MONOTONIC. With that flag,
 * libfaketime 0.9.10 (Debian 12) shifts a pthread_cond_timedwait on the monotonic clock by the whole offset,
 * and Chromium hangs at launch (measured: no window within 20 s, against 0.6 s without the flag; fixed
 * upstream in wolfcw/libfaketime PR #503). Without it the browser's monotonic clock is shifted by the same
 * constant, which only its own durations see.
 */
export function browserEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && name !== 'FAKETIME_DONT_FAKE_MONOTONIC') out[name] = value;
  }
  return out;
}
