import { dottedState, explainStart, explainStep, type AgentSnapshot, type Effect, type StepResult } from "../../machines/index.js";
import { DataError } from "../errors.js";
import { edgeId, type Transition } from "../viz/edgeId.js";
import type { JournalItem } from "./reader.js";
import type { JournalRecord } from "./record.js";

/** One replayed record: what the journal says and what the current machine does with it. */
export interface ReplayStep {
  readonly line: number;
  readonly record: JournalRecord;
  /** Dotted state the current machine reaches (the record's `state` is what it reached then). */
  readonly replayed: string;
  readonly snapshot: AgentSnapshot;
  readonly effects: readonly Effect[];
  /** Ids (`source:event:index`, see `edgeId`) of the transitions taken, eventless ones included, in order, as XState reported its microsteps. */
  readonly transitions: readonly string[];
  /** States entered (a compound state and its child both count), in order. */
  readonly entered: readonly string[];
}

export interface Divergence {
  readonly line: number;
  readonly record: JournalRecord;
  readonly recorded: string;
  readonly replayed: string;
}

/** The divergence a replayed step shows, or null when it reproduces the recorded state. Pure. */
export function divergenceOf(s: ReplayStep): Divergence | null {
  return s.replayed === s.record.state ? null : { line: s.line, record: s.record, recorded: s.record.state, replayed: s.replayed };
}

/**
 * The one fold of journal records through the pure machine: no actors, no timers, no effects run.
 * Each `xstate.init` record starts a fresh machine (the agent restarted). Replay, divergence
 * reporting and the report's trace all read its steps. Pure apart from its state.
 */
export class Replayer {
  private snapshot: AgentSnapshot | null = null;

  /** `source` names the journal in errors, as the reader does (`FILE:LINE: problem`). */
  constructor(private readonly source = "journal") {}

  feed(line: number, record: JournalRecord): ReplayStep {
    const event = record.event;
    const before = this.snapshot;
    let result: StepResult;
    if (event.type === "xstate.init") result = explainStart(event.input);
    else if (before === null) throw new DataError(`${this.source}:${line}: journal must begin with an xstate.init record`);
    else result = explainStep(before, event);
    this.snapshot = result.snapshot;
    const replayed = dottedState(result.snapshot.value);
    // Transitions and entered states are read from the microsteps only when asked: replay itself needs neither.
    return {
      line,
      record,
      replayed,
      snapshot: result.snapshot,
      effects: result.effects,
      get transitions() {
        return transitionIds(result);
      },
      get entered() {
        return event.type === "xstate.init" ? prefixes(replayed) : entered(before, result);
      },
    };
  }
}

/** Ids of the transitions a step took, from XState's microstep reports, in order. Pure. */
export function transitionIds(result: StepResult): string[] {
  return result.microsteps.flatMap((m) => m.transitions.map((t) => edgeId(t as unknown as Transition)));
}

/** States each microstep made active that were not active before it, by name. */
function entered(before: AgentSnapshot | null, result: StepResult): string[] {
  const names: string[] = [];
  let previous = before === null ? "" : dottedState(before.value);
  for (const m of result.microsteps) {
    const next = dottedState(m.snapshot.value);
    if (next !== previous) {
      const old = new Set(prefixes(previous));
      names.push(...prefixes(next).filter((s) => !old.has(s)));
    }
    previous = next;
  }
  return names;
}

/** `Applied.steady` → `Applied`, `Applied.steady`. */
function prefixes(state: string): string[] {
  if (state === "") return [];
  const parts = state.split(".");
  return parts.map((_, i) => parts.slice(0, i + 1).join("."));
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
    const divergence = divergenceOf(s);
    if (divergence !== null) return { steps, divergence, torn: null };
    onStep(s);
  }
  return { steps, divergence: null, torn: null };
}
