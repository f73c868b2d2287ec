/**
 * Whether the running sync sends a company's leads. `rlm sync --company A` holds the runner for every program, and
 * sends A's leads only: another company's read "Sending" and "Expected now" while nothing sent them.
 */
export const sendsFor = (runner: { companyIds: readonly number[] | null }, companyId: number): boolean =>
  runner.companyIds === null || runner.companyIds.includes(companyId);
