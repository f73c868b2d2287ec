/** The median duration (ms) of `times` runs of `run`: steadier than a mean on a busy machine. */
export function median(run: () => unknown, times = 15): number {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b)[Math.floor(times / 2)]!;
}
