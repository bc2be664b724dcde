import { setMaxListeners } from "node:events";
import type { SizeResult } from "../../machines/evidence.js";
import { startIcmpRound } from "./icmpRound.js";
import { startRound, type RoundContext } from "./round.js";
import { decideNext } from "./schedule.js";

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
 * Parallel k-ary search, in about one probe timeout: each round starts as soon as the round before
 * it has its passes in (decideNext), and the probes still running are cut short once the settled
 * results decide. Returns null, or the error that prevented installing rules (the caller falls back).
 */
export async function parallelSearch(p: ParallelInput, s: SearchState): Promise<string | null> {
  const finished = new AbortController();
  const signal = AbortSignal.any([p.ctx.signal, finished.signal]);
  setMaxListeners(0, signal); // every probe of every round listens to it
  const pending = new Set<number>();
  const rounds: Promise<unknown>[] = [];
  let newest = { round: 0, startedAt: 0, firstPassMs: null as number | null };
  let lastPassAt = 0;
  const icmp: { round: ReturnType<typeof startIcmpRound> | null } = { round: null };
  let wake = (): void => {};
  p.ctx.signal.addEventListener("abort", () => wake(), { once: true });
  const onSize = (r: SizeResult): void => {
    s.results.set(r.mtu, r);
    pending.delete(r.mtu);
    if (r.pass) {
      lastPassAt = performance.now();
      if (r.round === newest.round) newest.firstPassMs ??= r.ms;
    }
    p.onSize(r);
    wake();
  };
  const launch = async (sizes: readonly number[], round: number): Promise<string | null> => {
    sizes.forEach((x) => (s.tested.add(x), pending.add(x)));
    newest = { round, startedAt: performance.now(), firstPassMs: null };
    const started = await startRound({ ...p.ctx, signal, onSize }, sizes, round);
    if (!started.ok) return started.error;
    // Its probes start now, once their rules are in: installing them can take a while under load.
    newest.startedAt = performance.now();
    rounds.push(started.done);
    return null;
  };
  // Floor check before round 1: one fast probe at min warms both ends (JIT, caches, neighbours),
  // measures how long a pass takes, and ends the search at once if even the floor fails.
  if (!s.tested.has(p.min)) {
    const err = await launch([p.min], 0);
    if (err !== null) return err;
    await rounds[0];
    const base = s.results.get(p.min);
    // Under load a pass can be slow: never call a size black-holed before 8 floor passes' time.
    if (base?.pass === true && 8 * base.ms > p.ctx.timeoutMs) {
      p.ctx = { ...p.ctx, timeoutMs: 8 * base.ms };
      p.onNote(`per-probe timeout raised to ${p.ctx.timeoutMs} ms: the floor check took ${base.ms} ms`);
    }
  }
  try {
    return await searchLoop();
  } finally {
    // The answer is in (or the search gave up): whatever still runs is cut short, and its rules go with its round.
    finished.abort();
    await Promise.allSettled(rounds);
    s.icmp = (await icmp.round?.done) ?? null;
  }

  async function searchLoop(): Promise<string | null> {
    const T = p.ctx.timeoutMs;
    // Passes of one round land within milliseconds of each other: a short quiet after the latest says they are in.
    const gateAt = (): number => (newest.firstPassMs === null ? newest.startedAt + 0.5 * T : lastPassAt + Math.min(0.1 * T, Math.max(10, 0.1 * newest.firstPassMs)));
    for (;;) {
      if (p.ctx.signal.aborted) return null;
      const now = performance.now();
      const passesIn = now >= gateAt();
      const d = decideNext({ results: s.results.values(), pending, tested: s.tested, min: p.min, max: p.max, hint: p.hint, parallelism: p.parallelism, icmpFail: icmp.round?.failGuess() ?? null, rounds: s.rounds, maxRounds: p.maxRounds, passesIn });
      if (d.kind === "done") return null;
      if (d.kind === "launch") {
        const round = ++s.rounds;
        p.onRound(round, d.sizes);
        const err = await launch(d.sizes, round);
        if (err !== null) return err;
        if (round === 1 && p.icmp) icmp.round = startIcmpRound(d.sizes, { address: p.ctx.target.address, min: p.min, max: p.max, timeoutMs: T, signal, onWarning: p.onWarning });
        continue;
      }
      await new Promise<void>((resolve) => {
        // Woken by a result; or, while the newest round's gate is still closed, when it opens.
        const t = passesIn ? undefined : setTimeout(resolve, Math.max(1, gateAt() - now));
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
  }
}
