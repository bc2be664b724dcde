import type { SizeResult } from "../../machines/evidence.js";
import { bracketOf, icmpSizes, isExact, nextCandidates } from "./candidates.js";
import { icmpProbe } from "./icmpProbe.js";
import { roundCapacity, startRound, type RoundContext } from "./round.js";

export interface SearchState {
  readonly results: Map<number, SizeResult>;
  readonly tested: Set<number>;
  rounds: number;
  icmp: { low: number; high: number; ms: number } | null;
}

export interface ParallelInput {
  ctx: Omit<RoundContext, "onSize">;
  readonly min: number;
  readonly max: number;
  readonly hint: number | null;
  readonly parallelism: number;
  readonly icmp: boolean;
  readonly maxRounds: number;
  readonly onSize: (r: SizeResult) => void;
  readonly onRound: (round: number, sizes: readonly number[]) => void;
  readonly onNote: (text: string) => void;
  /** Something the user must hear about (a probe tool that cannot run). */
  readonly onWarning: (text: string) => void;
}

/**
 * Parallel k-ary search. A round's passes answer in a few RTTs while its failures cost a full
 * timeout, so once the passes have gone quiet the next round starts, treating the still-silent
 * sizes as failures; the final answer only counts settled results, and a wrong guess costs a round.
 * Returns null, or the error that prevented installing rules (the caller falls back).
 */
export async function parallelSearch(p: ParallelInput, s: SearchState): Promise<string | null> {
  const inflight = new Map<number, Set<number>>(); // round -> sizes not yet settled
  let wake = (): void => {};
  let lastSettle = performance.now();
  let slowestPass = 0;
  const passesIn = new Map<number, number>();
  let speculatedFor = 0;
  let icmpDone: Promise<void> = Promise.resolve();
  const onSize = (r: SizeResult): void => {
    s.results.set(r.mtu, r);
    inflight.get(r.round)?.delete(r.mtu);
    lastSettle = performance.now();
    if (r.pass) {
      slowestPass = Math.max(slowestPass, r.ms);
      passesIn.set(r.round, (passesIn.get(r.round) ?? 0) + 1);
    }
    p.onSize(r);
    wake();
  };
  const launch = async (sizes: number[]): Promise<string | null> => {
    const round = ++s.rounds;
    sizes.forEach((x) => s.tested.add(x));
    inflight.set(round, new Set(sizes));
    p.onRound(round, sizes);
    const started = await startRound({ ...p.ctx, onSize }, sizes, round);
    if (!started.ok) return started.error;
    void started.done.finally(() => {
      inflight.delete(round);
      wake();
    });
    if (round === 1 && p.icmp) icmpDone = runIcmp(sizes);
    return null;
  };
  // ICMP answers fast when it passes; a ping still silent above the largest pass counts as failed.
  const pings = new Map<number, boolean | null>();
  const icmpFailGuess = (): number | null => {
    const passed = [...pings].filter(([, ok]) => ok === true).map(([x]) => x);
    if (passed.length === 0) return null; // echo blocked, or nothing fits: ICMP says nothing
    const low = Math.max(...passed);
    const fail = Math.min(...[...pings].filter(([x, ok]) => ok !== true && x > low).map(([x]) => x));
    return Number.isFinite(fail) ? fail : null;
  };
  const runIcmp = async (sizes: number[]): Promise<void> => {
    const t0 = performance.now();
    const todo = icmpSizes(sizes, p.min);
    todo.forEach((x) => pings.set(x, null));
    const broken: string[] = [];
    await Promise.all(
      todo.map(async (x) => {
        const r = await icmpProbe(p.ctx.target.address, x, p.ctx.timeoutMs, p.ctx.signal);
        if (r.kind === "broken") broken.push(r.reason);
        pings.set(x, r.kind === "reply" ? true : r.kind === "silent" ? false : null);
      }),
    );
    if (broken[0] !== undefined) p.onWarning(`ICMP probe cannot run (${broken[0]}): TLS probes only`);
    const fail = icmpFailGuess();
    const passed = [...pings].filter(([, ok]) => ok === true).map(([x]) => x);
    if (passed.length > 0) s.icmp = { low: Math.max(...passed), high: fail === null ? p.max : fail - 1, ms: Math.round(performance.now() - t0) };
  };
  // Floor check before round 1: one fast probe at min warms both ends (JIT, caches, neighbours),
  // measures how long a pass takes, and ends the search at once if even the floor fails.
  if (!s.tested.has(p.min)) {
    s.tested.add(p.min);
    const floor = await startRound({ ...p.ctx, onSize }, [p.min], 0);
    if (!floor.ok) return floor.error;
    const [base] = await floor.done;
    // Under load a pass can be slow: never call a size black-holed before 8 floor passes' time.
    if (base?.pass === true && 8 * base.ms > p.ctx.timeoutMs) {
      p.ctx = { ...p.ctx, timeoutMs: 8 * base.ms };
      p.onNote(`per-probe timeout raised to ${p.ctx.timeoutMs} ms: the floor check took ${base.ms} ms`);
    }
  }
  // Passes of one round arrive together; half their time again of silence means the rest are failing.
  const quietMs = (): number => Math.min(0.5 * p.ctx.timeoutMs, Math.max(150, 1.5 * slowestPass));
  for (;;) {
    if (p.ctx.signal.aborted) break;
    const now = performance.now();
    if (inflight.size === 0) {
      const b = bracketOf(s.results.values(), p.min, p.max);
      if (isExact(b) || s.rounds >= p.maxRounds) break;
      const err = await launch(nextCandidates({ bracket: b, tested: s.tested, hint: p.hint, parallelism: p.parallelism, icmpFail: icmpFailGuess() }));
      if (err !== null) return err;
      continue;
    }
    // Speculation overlaps rounds: only when a whole round's numbers are free (probe.slots bounds them).
    const roomForRound = roundCapacity(p.ctx) >= p.parallelism;
    if (roomForRound && speculatedFor < s.rounds && (passesIn.get(s.rounds) ?? 0) > 0 && now - lastSettle >= quietMs() && s.rounds < p.maxRounds) {
      speculatedFor = s.rounds;
      const silent = [...inflight.values()].flatMap((set) => [...set].map((mtu) => ({ mtu, pass: false })));
      const guess = bracketOf([...s.results.values(), ...silent], p.min, p.max);
      if (!isExact(guess)) {
        const err = await launch(nextCandidates({ bracket: guess, tested: s.tested, hint: p.hint, parallelism: p.parallelism, icmpFail: icmpFailGuess() }));
        if (err !== null) return err;
        continue;
      }
    }
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, 25);
      wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }
  while (inflight.size > 0) await new Promise<void>((resolve) => (wake = resolve));
  await icmpDone;
  return null;
}
