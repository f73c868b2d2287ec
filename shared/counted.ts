/**
 * "1 lead", "1,204 leads": a count with its noun, in the one form every screen and `rlm` line uses (en-US digits: the
 * app speaks to US offices, and the CLI's lines must not change with the machine's locale). Pure text: `rlm` loads it.
 */
export const counted = (n: number, noun: string): string => `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
