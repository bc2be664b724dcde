import type { SizeResult } from "../../machines/evidence.js";
import { bracketOf, isExact, nextCandidates, type Bracket } from "./candidates.js";

/** What the search knows when it decides what to do next. */
export interface ScheduleInput {
  /** Settled results: only these ever make the answer. */
  readonly results: Iterable<Pick<SizeResult, "mtu" | "pass">>;
  /** Sizes whose probes are still running, from every round. */
  readonly pending: ReadonlySet<number>;
  readonly tested: ReadonlySet<number>;
  readonly min: number;
  readonly max: number;
  readonly hint: number | null;
  readonly parallelism: number;
  readonly icmpFail: number | null;
  readonly rounds: number;
  readonly maxRounds: number;
  /** The newest round's passes are in (or it has waited long enough to say none will come). */
  readonly passesIn: boolean;
}

export type Decision =
  /** The settled results decide (or no round is left): pending probes no longer matter. */
  | { readonly kind: "done"; readonly bracket: Bracket }
  | { readonly kind: "launch"; readonly sizes: number[] }
  | { readonly kind: "wait" };

/**
 * The next step of the parallel search. A pass costs a few RTTs, a failure a whole timeout, so the
 * next round does not wait for the current round's failures: once its passes are in, every size
 * still pending is taken as failing and the next round is chosen from that guess. A guess that a
 * late pass proves wrong only costs a further round, started when that pass arrives. Pure.
 */
export function decideNext(s: ScheduleInput): Decision {
  const results = [...s.results];
  const settled = bracketOf(results, s.min, s.max);
  if (isExact(settled)) return { kind: "done", bracket: settled };
  const next = (b: Bracket): number[] => nextCandidates({ bracket: b, tested: s.tested, hint: s.hint, parallelism: s.parallelism, icmpFail: s.icmpFail });
  if (s.pending.size === 0) {
    const sizes = s.rounds >= s.maxRounds ? [] : next(settled);
    return sizes.length === 0 ? { kind: "done", bracket: settled } : { kind: "launch", sizes };
  }
  if (!s.passesIn || s.rounds >= s.maxRounds) return { kind: "wait" };
  const guess = bracketOf([...results, ...[...s.pending].map((mtu) => ({ mtu, pass: false }))], s.min, s.max);
  // An exact guess waits for its pending failure to be seen: that is the floor, one timeout.
  if (isExact(guess)) return { kind: "wait" };
  const sizes = next(guess);
  return sizes.length === 0 ? { kind: "wait" } : { kind: "launch", sizes };
}
