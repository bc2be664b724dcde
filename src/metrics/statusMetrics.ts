import type { MetricsTally } from "./tally.js";

/** `status --json`'s `metrics`: the tally, and the facts the info metric carries. */
export type StatusMetrics = MetricsTally & {
  readonly version: string;
  /** WSL's networking mode as the doctor decides it at start ("NAT", "mirrored", ... "unknown"). */
  readonly networkingMode: string;
};
