import type { ProbeEvidence } from "../../machines/index.js";

/** Kinds of marks on the MTU plot. */
export type MarkKind = "probe" | "apply" | "rollback" | "restore" | "wsl" | "verify-failed";

export interface Mark {
  readonly t: number;
  readonly seq: number;
  readonly kind: MarkKind;
  readonly mtu: number;
  readonly text: string;
}

export interface ProbeRecord {
  readonly seq: number;
  readonly at: string;
  /** MTU found, or null for `probe.failed`. */
  readonly mtu: number | null;
  /** What the probe tried; null only for a failure journaled without it (format 1). */
  readonly evidence: ProbeEvidence | null;
  readonly reason: string | null;
}

/** A recorded state that the current machine does not reproduce. */
export interface DivergenceInfo {
  readonly line: number;
  readonly seq: number;
  readonly at: string;
  readonly event: string;
  readonly recorded: string;
  readonly replayed: string;
}

/**
 * Timeline rows as compact arrays (100,000 of them are embedded in the page):
 * [seq, time ms, event type index, recorded state index, detail, replayed state index or -1 when equal].
 */
export type Row = [number, number, number, number, string, number];

/** Everything the report shows, aggregated while the journal streams by. */
export interface ReportData {
  readonly journal: string;
  readonly records: number;
  readonly torn: { readonly file: string; readonly line: number; readonly bytes: number } | null;
  readonly firstAt: number | null;
  readonly lastAt: number | null;
  readonly visits: Map<string, number>;
  readonly taken: Map<string, number>;
  readonly eventTypes: string[];
  readonly states: string[];
  readonly rows: Row[];
  /** Rows not embedded because the journal is longer than the page can hold. */
  readonly rowsDropped: number;
  readonly mtu: [number, number][];
  readonly marks: Mark[];
  readonly probes: ProbeRecord[];
  readonly probesDropped: number;
  readonly divergences: DivergenceInfo[];
  readonly divergenceCount: number;
  /** What happened, in a few plain sentences (not escaped yet). */
  readonly summary: readonly string[];
}
