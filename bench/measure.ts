import { performance } from "node:perf_hooks";

/** Best of `runs` timings of `work`: the least disturbed by the other core's load. */
export async function best<T>(runs: number, work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  let result: { ms: number; value: T } | null = null;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const value = await work();
    const ms = performance.now() - t0;
    if (result === null || ms < result.ms) result = { ms, value };
  }
  if (result === null) throw new Error("best() needs at least one run");
  return result;
}

export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Prints one bench's figures as an aligned block. */
export function report(title: string, rows: readonly (readonly [string, string])[]): void {
  const width = Math.max(...rows.map(([k]) => k.length));
  process.stdout.write(`\n== ${title}\n${rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join("\n")}\n`);
}

/** How a figure compares with its target, printed the same way whichever it is. */
export const verdict = (ok: boolean): string => (ok ? "met" : "missed");
