import type { SizeResult } from "../../machines/evidence.js";

/** What the engine reports while it runs (for a TTY, a log, or a test). */
export type ProbeProgress =
  | { readonly type: "start"; readonly address: string; readonly iface: string; readonly min: number; readonly max: number; readonly method: "parallel" | "sequential" }
  | { readonly type: "round"; readonly round: number; readonly sizes: readonly number[] }
  | { readonly type: "size"; readonly result: SizeResult }
  | { readonly type: "icmp"; readonly low: number; readonly high: number }
  | { readonly type: "note"; readonly text: string }
  /** Also kept in the evidence's notes; the agent logs it as a warning. */
  | { readonly type: "warning"; readonly text: string };
