/** A block of numbers the agent owns: routing tables, rule priorities or local ports. */
export interface NumberRange {
  readonly first: number;
  readonly count: number;
}

/** Numbers the probe engine owns. Anything in these ranges is removed by cleanup: keep them private. */
export interface OwnedRanges {
  /** Routing tables, one per candidate size. */
  readonly tables: NumberRange;
  /** `ip rule` priorities, one per probe; must sit below 32766 (the main table's rule). */
  readonly priorities: NumberRange;
  /** TCP source ports the probes bind to; above the default ephemeral range (32768-60999). */
  readonly ports: NumberRange;
}

/**
 * The `probe` command's ranges. Apart from the agent's config defaults (tables 52000+, priorities
 * 30000+, ports 28000+, 128 slots), so a manual probe's cleanup never removes a running agent's rules.
 */
export const DEFAULT_RANGES: OwnedRanges = {
  tables: { first: 52200, count: 64 },
  priorities: { first: 30200, count: 128 },
  ports: { first: 61000, count: 4000 },
};

/**
 * `proto` number marking the agent's routes (sequential fallback, probe tables). No routing
 * software claims 157 (the kernel's rtnetlink.h, iproute2's rt_protos, FRR's 186-198, BIRD 12,
 * Calico 80: docs/probing.md#route-protocol), so cleanup by this number removes only our routes.
 */
export const ROUTE_PROTO = "157";

/** What versions up to 0.1 used: 186 is `bgp`, so its routes are removed only when provably ours. */
export const LEGACY_ROUTE_PROTO = "186";

export const DEFAULTS = {
  min: 1280,
  max: 1500,
  timeoutMs: 2000,
  /** Sizes per round: 24 leaves room for 6 hint pairs and a 12-step ladder whose gaps fit round 2. */
  parallelism: 24,
  /** Parallel attempts per size; a size passes if any attempt passes. */
  attempts: 2,
} as const;

/**
 * The table and rule priority of the raise pin (raise.ts): the last of each range, so the pin's
 * rule sits after every probe rule and before the main table's. Pure.
 */
export function pinSlot(r: OwnedRanges): { readonly table: number; readonly priority: number } {
  return { table: r.tables.first + r.tables.count - 1, priority: r.priorities.first + r.priorities.count - 1 };
}

/** The ranges left for the probes once the pin has its table and priority. Pure. */
export function probeSlots(r: OwnedRanges): OwnedRanges {
  return { ...r, tables: { ...r.tables, count: r.tables.count - 1 }, priorities: { ...r.priorities, count: r.priorities.count - 1 } };
}

/** Hands out numbers from a range and takes them back; overlapping rounds never share one. */
export class Pool {
  private readonly free: number[];
  constructor(range: NumberRange, offset = 0) {
    const all = Array.from({ length: range.count }, (_, i) => range.first + ((i + offset) % range.count));
    this.free = all;
  }
  take(): number {
    const n = this.free.shift();
    if (n === undefined) throw new Error("agent number range exhausted: widen it or lower the parallelism");
    return n;
  }
  /** How many numbers can be taken now. */
  get available(): number {
    return this.free.length;
  }
  give(ns: Iterable<number>): void {
    this.free.push(...ns);
  }
}
