/** One candidate size and what the probes said about it. */
export interface SizeResult {
  readonly mtu: number;
  readonly pass: boolean;
  readonly attempts: number;
  /** Round (1-based) in which the size was tried; 0 for the floor check that precedes round 1. */
  readonly round: number;
  readonly ms: number;
  /** Why the size failed (timeout, reset, ...); absent when it passed. */
  readonly reason?: string;
}

/** What a probe run found and how: carried by `probe.done`, journaled, drawn in reports. */
export interface ProbeEvidence {
  readonly method: "parallel" | "sequential";
  readonly rounds: number;
  readonly durationMs: number;
  readonly sizes: readonly SizeResult[];
  /** Range the ICMP round narrowed the search to, when it ran and said anything. */
  readonly icmp?: { readonly low: number; readonly high: number; readonly ms: number } | null;
  readonly notes?: readonly string[];
}
