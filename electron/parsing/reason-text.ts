/**
 * A value's problem without the review's instruction after " — " ("Phone contains letters (vanity number?) —
 * enter the digits"): where nobody can enter anything (a row imported anyway, an opt-out list's summary, a
 * lead's note in GHL), the instruction pointed at a field that is not there.
 */
export function withoutInstruction(reason: string): string {
  return reason.split(' — ')[0]!;
}
