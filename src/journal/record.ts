import type { AgentEvent, AgentInput } from "../../machines/index.js";

/** Version of the journal record format; bumped only with a reader that still reads the old one. */
export const JOURNAL_VERSION = 1;

/** The first record of every agent start: XState's own init event, carrying the machine input. */
export interface InitEvent {
  readonly type: "xstate.init";
  readonly input: AgentInput;
}

export type JournalEvent = AgentEvent | InitEvent;

/** One line of the journal: an input the machine received and the state it reached after it. */
export interface JournalRecord {
  readonly v: typeof JOURNAL_VERSION;
  readonly seq: number;
  /** ISO 8601 time the event was received. */
  readonly at: string;
  readonly event: JournalEvent;
  /** Dotted state reached after the event, e.g. `Applied.steady`. */
  readonly state: string;
}

/** One record as its journal line, without the newline. Pure. */
export function encodeRecord(record: JournalRecord): string {
  return JSON.stringify(record);
}
