/** One signal that aborts when any of the given ones does; undefined when none is given (AbortSignal.any needs two to be worth it). */
export function anySignal(...signals: ReadonlyArray<AbortSignal | undefined>): AbortSignal | undefined {
  const given = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  return given.length > 1 ? AbortSignal.any(given) : given[0];
}
