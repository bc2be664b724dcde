import { dottedState, start, step, type AgentSnapshot } from "../../machines/index.js";
import { DataError } from "../errors.js";
import type { JournalItem } from "./reader.js";
import type { JournalRecord } from "./record.js";

/** One replayed record: what the journal says and what the current machine does with it. */
export interface ReplayStep {
  readonly line: number;
  readonly record: JournalRecord;
  readonly replayed: string;
  readonly snapshot: AgentSnapshot;
}

export interface Divergence {
  readonly line: number;
  readonly record: JournalRecord;
  readonly recorded: string;
  readonly replayed: string;
}

/**
 * Folds journal records through the pure machine: no actors, no timers, no effects. Each
 * `xstate.init` record starts a fresh machine (the agent restarted). Pure apart from its state.
 */
export class Replayer {
  private snapshot: AgentSnapshot | null = null;

  /** `source` names the journal in errors, as the reader does (`FILE:LINE: problem`). */
  constructor(private readonly source = "journal") {}

  feed(line: number, record: JournalRecord): ReplayStep {
    const event = record.event;
    if (event.type === "xstate.init") {
      [this.snapshot] = start(event.input);
    } else {
      if (this.snapshot === null) throw new DataError(`${this.source}:${line}: journal must begin with an xstate.init record`);
      [this.snapshot] = step(this.snapshot, event);
    }
    return { line, record, replayed: dottedState(this.snapshot.value), snapshot: this.snapshot };
  }
}

export interface ReplayOutcome {
  readonly steps: number;
  readonly divergence: Divergence | null;
  readonly torn: { readonly line: number; readonly bytes: number } | null;
}

/** Replays items, calling `onStep` for each, and stops at the first divergence. */
export async function replayItems(
  items: AsyncIterable<JournalItem>,
  onStep: (s: ReplayStep) => void = () => undefined,
  source?: string,
): Promise<ReplayOutcome> {
  const replayer = new Replayer(source);
  let steps = 0;
  for await (const item of items) {
    if (item.kind === "torn") return { steps, divergence: null, torn: { line: item.line, bytes: item.bytes } };
    const s = replayer.feed(item.line, item.record);
    steps++;
    if (s.replayed !== item.record.state) {
      return { steps, divergence: { line: item.line, record: item.record, recorded: item.record.state, replayed: s.replayed }, torn: null };
    }
    onStep(s);
  }
  return { steps, divergence: null, torn: null };
}
