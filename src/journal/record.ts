import type { AgentEvent, AgentInput, PathsCheckpoint } from "../../machines/index.js";

/**
 * Version of the journal record format this agent writes; bumped only with a reader that still
 * reads the old one. 2 added the `journal.checkpoint` record (journals rotate into segments).
 */
export const JOURNAL_VERSION = 2;

/** Every version the reader accepts: 1 is the same format without checkpoints. */
export const READABLE_VERSIONS: readonly number[] = [1, 2];

/** The first record of every agent start: XState's own init event, carrying the machine input. */
export interface InitEvent {
  readonly type: "xstate.init";
  readonly input: AgentInput;
}

/**
 * The machine's state as of the record before it, written at the start of every segment and every
 * eighth of one (at most 128 KiB apart): replay can start here without the records before it.
 */
export interface CheckpointEvent {
  readonly type: "journal.checkpoint";
  readonly snapshot: PathsCheckpoint;
}

export type JournalEvent = AgentEvent | InitEvent | CheckpointEvent;

/** The records replay can start from: nothing before them is needed. */
export const startsReplay = (event: JournalEvent): event is InitEvent | CheckpointEvent =>
  event.type === "xstate.init" || event.type === "journal.checkpoint";

/** One line of the journal: an input the machine received and the state it reached after it. */
export interface JournalRecord {
  readonly v: 1 | 2;
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
