import { dottedState, explainStart, pathsFromCheckpoint, stepPaths, type AgentSnapshot, type Effect, type Paths, type StepResult } from "../../machines/index.js";
import { DataError } from "../errors.js";
import { edgeId, type Transition } from "../../machines/edgeId.js";
import type { SourcedItem } from "./readFiles.js";
import type { JournalRecord } from "./record.js";
import { inWindow, WHOLE, type Window } from "./window.js";

/** One replayed record: what the journal says and what the current machine does with it. */
export interface ReplayStep {
  readonly line: number;
  readonly record: JournalRecord;
  /** Dotted state the current machine reaches (the record's `state` is what it reached then). */
  readonly replayed: string;
  /** The target's VPN's machine (main) after the record; `paths` has every path. */
  readonly snapshot: AgentSnapshot;
  readonly paths: Paths;
  /** Every path's effects (other paths' carry their `path`). */
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
  private snapshot: Paths | null = null;

  /** `source` names the journal in errors, as the reader does (`FILE:LINE: problem`). */
  /** `explain`: collect XState's microsteps (for `transitions`/`entered`); replay alone does not need them and is faster without. */
  constructor(
    private readonly source = "journal",
    private readonly explain = true,
  ) {}

  /** `source` overrides the constructor's for this record (a journal read across its segments). */
  feed(line: number, record: JournalRecord, source = this.source, explain = this.explain): ReplayStep {
    const event = record.event;
    const before = this.snapshot;
    let result: StepResult;
    let paths: Paths;
    let effects: readonly Effect[];
    if (event.type === "xstate.init") {
      result = explainStart(event.input);
      paths = { main: result.snapshot, others: {} };
      effects = result.effects;
    } else if (event.type === "journal.checkpoint") {
      // Mid-journal the replayed snapshot goes on (the record's state is checked like any other);
      // at the start of a segment or window there is nothing before it, so replay resumes from it.
      paths = before ?? pathsFromCheckpoint(event.snapshot);
      result = { snapshot: paths.main, effects: [], microsteps: [] };
      effects = [];
    } else if (before === null) throw new DataError(`${source}:${line}: journal must begin with an xstate.init or journal.checkpoint record`);
    else {
      const step = stepPaths(before, event, explain);
      result = step.main;
      paths = step.paths;
      effects = step.effects;
    }
    this.snapshot = paths;
    const replayed = dottedState(result.snapshot.value);
    // Transitions and entered states are read from the microsteps only when asked: replay itself needs neither.
    return {
      line,
      record,
      replayed,
      snapshot: result.snapshot,
      paths,
      effects,
      get transitions() {
        return transitionIds(result);
      },
      get entered() {
        if (event.type === "xstate.init" || (event.type === "journal.checkpoint" && before === null)) return prefixes(replayed);
        return entered(before?.main ?? null, result);
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
  /** Records replayed inside the window. */
  readonly steps: number;
  /** Records before the window folded to reach it (from the nearest checkpoint). */
  readonly lead: number;
  readonly divergence: (Divergence & { readonly file: string }) | null;
  readonly torn: { readonly file: string; readonly line: number; readonly bytes: number } | null;
}

/**
 * Replays items without collecting microsteps (steps carry no `transitions`/`entered`), calling
 * `onStep` for each inside `window`, and stops at the first divergence
 * (before the window too: what follows it would not be the journal's story).
 */
export async function replayItems(items: AsyncIterable<SourcedItem>, onStep: (s: ReplayStep) => void = () => undefined, window: Window = WHOLE): Promise<ReplayOutcome> {
  const replayer = new Replayer("journal", false);
  let steps = 0;
  let lead = 0;
  for await (const item of items) {
    if (item.kind === "torn") return { steps, lead, divergence: null, torn: { file: item.file, line: item.line, bytes: item.bytes } };
    const s = replayer.feed(item.line, item.record, item.file);
    const divergence = divergenceOf(s);
    if (divergence !== null) return { steps, lead, divergence: { ...divergence, file: item.file }, torn: null };
    if (!inWindow(window, Date.parse(item.record.at))) {
      lead++;
      continue;
    }
    steps++;
    onStep(s);
  }
  return { steps, lead, divergence: null, torn: null };
}
