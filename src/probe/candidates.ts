import type { SizeResult } from "../../machines/evidence.js";

/** Common VPN overheads (bytes) subtracted from the Windows adapter MTU hint; 0 = the hint itself. */
export const VPN_OVERHEADS: readonly number[] = [0, 8, 52, 54, 60, 66, 73, 80, 81];

/** What the results say so far, read monotonically (a passing size implies every smaller one passes). */
export interface Bracket {
  /** Largest size known to pass; min - 1 when none passed. */
  readonly pass: number;
  /** Smallest size above `pass` known to fail; max + 1 when none failed. */
  readonly fail: number;
}

/** Brackets the answer from results, monotonically. Pure. */
export function bracketOf(results: Iterable<Pick<SizeResult, "mtu" | "pass">>, min: number, max: number): Bracket {
  const all = [...results];
  const pass = Math.max(min - 1, ...all.filter((r) => r.pass).map((r) => r.mtu));
  const fail = Math.min(max + 1, ...all.filter((r) => !r.pass && r.mtu > pass).map((r) => r.mtu));
  return { pass, fail };
}

/** True when the bracket pins the answer to the byte (or proves that no size in range passes). Pure. */
export function isExact(b: Bracket): boolean {
  return b.fail === b.pass + 1;
}

/** Sizes around the hint minus common VPN overheads, each with its +1 neighbour, inside [lo, hi]. Pure. */
export function hintSizes(hint: number | null | undefined, lo: number, hi: number): number[] {
  if (hint === null || hint === undefined) return [];
  const sizes = VPN_OVERHEADS.flatMap((o) => [hint - o, hint - o + 1]);
  return [...new Set(sizes)].filter((s) => s >= lo && s <= hi);
}

/** `count` sizes spread evenly over [lo, hi], always including hi. Pure. */
export function ladder(lo: number, hi: number, count: number): number[] {
  const n = hi - lo + 1;
  if (count <= 0 || n <= 0) return [];
  if (count >= n) return range(lo, hi);
  const step = n / count;
  return range(1, count).map((i) => hi - Math.round((count - i) * step));
}

export interface NextInput {
  readonly bracket: Bracket;
  /** Sizes already tried (not tried again). */
  readonly tested: ReadonlySet<number>;
  readonly hint?: number | null;
  /** Most sizes per round. */
  readonly parallelism: number;
  /** A size ICMP suggests fails (never trusted alone: it is tested too). */
  readonly icmpFail?: number | null;
}

/**
 * The sizes to try next. When the open interval fits the budget, every size in it (byte-exact);
 * otherwise hint sizes first, then an even ladder so the next gap fits one round. Pure.
 */
export function nextCandidates(input: NextInput): number[] {
  const { bracket, tested, parallelism } = input;
  let hi = bracket.fail - 1;
  const lo = bracket.pass + 1;
  const icmp = input.icmpFail;
  // ICMP narrows the search to sizes at or below its failure, which is itself re-tested over TLS.
  if (icmp !== null && icmp !== undefined && icmp >= lo && icmp <= hi && !tested.has(icmp)) hi = icmp;
  const open = range(lo, hi).filter((s) => !tested.has(s));
  if (open.length <= parallelism) return open;
  const hinted = hintSizes(input.hint, lo, hi).filter((s) => !tested.has(s)).slice(0, Math.floor(parallelism / 2));
  const ladderSizes = ladder(lo, hi, parallelism - hinted.length).filter((s) => !tested.has(s));
  return [...new Set([...hinted, ...ladderSizes])].sort((a, b) => a - b);
}

/** Sizes for the ICMP round: one ping in the middle of each gap the TLS candidates leave. Pure. */
export function icmpSizes(candidates: readonly number[], lo: number): number[] {
  const out: number[] = [];
  let prev = lo - 1;
  for (const c of [...candidates].sort((a, b) => a - b)) {
    if (c - prev > 2) out.push(Math.floor((prev + c) / 2));
    prev = c;
  }
  return out;
}

function range(from: number, to: number): number[] {
  return to < from ? [] : Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
