import { icmpSizes } from "./candidates.js";
import { icmpProbe } from "./icmpProbe.js";

export interface IcmpRoundInput {
  readonly address: string;
  readonly min: number;
  readonly max: number;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  readonly onWarning: (text: string) => void;
}

/**
 * The ICMP narrowing beside round 1: one DF ping in the middle of each gap the TLS candidates
 * leave. ICMP answers fast when it passes; a ping still silent above the largest reply counts as
 * failed. `failGuess` may be asked at any time; `done` gives the range it narrowed to, if any.
 */
export function startIcmpRound(sizes: readonly number[], o: IcmpRoundInput): { failGuess: () => number | null; done: Promise<{ low: number; high: number; ms: number } | null> } {
  const t0 = performance.now();
  const pings = new Map<number, boolean | null>();
  const failGuess = (): number | null => {
    const passed = [...pings].filter(([, ok]) => ok === true).map(([x]) => x);
    if (passed.length === 0) return null; // echo blocked, or nothing fits: ICMP says nothing
    const low = Math.max(...passed);
    const fail = Math.min(...[...pings].filter(([x, ok]) => ok !== true && x > low).map(([x]) => x));
    return Number.isFinite(fail) ? fail : null;
  };
  const todo = icmpSizes(sizes, o.min);
  todo.forEach((x) => pings.set(x, null));
  const done = (async () => {
    const broken: string[] = [];
    await Promise.all(
      todo.map(async (x) => {
        const r = await icmpProbe(o.address, x, o.timeoutMs, o.signal);
        if (r.kind === "broken") broken.push(r.reason);
        // A ping cut short because the answer is in says nothing.
        pings.set(x, r.kind === "reply" ? true : r.kind === "silent" && !o.signal.aborted ? false : null);
      }),
    );
    if (broken[0] !== undefined) o.onWarning(`ICMP probe cannot run (${broken[0]}): TLS probes only`);
    const passed = [...pings].filter(([, ok]) => ok === true).map(([x]) => x);
    if (passed.length === 0) return null;
    const fail = failGuess();
    return { low: Math.max(...passed), high: fail === null ? o.max : fail - 1, ms: Math.round(performance.now() - t0) };
  })();
  return { failGuess, done };
}
