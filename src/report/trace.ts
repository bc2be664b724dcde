import type { AnyStateNode } from "xstate";
import { agentMachine, dottedState, inertScope, start, type AgentEvent, type AgentScope, type AgentSnapshot, type Effect } from "../../machines/index.js";
import { toEffects } from "../../machines/step.js";
import type { JournalEvent } from "../journal/record.js";
import { edgeId, type Transition } from "../viz/edgeId.js";
import { holds } from "./guardHolds.js";

/** What the current machine did with one journal event. */
export interface TraceStep {
  /** State the current machine reaches (compare with the recorded one for divergence). */
  readonly state: string;
  /** Ids of the transitions taken, eventless ones included, in order. */
  readonly edges: readonly string[];
  /** States entered (a compound state and its child both count), in order. */
  readonly entered: readonly string[];
  readonly effects: readonly Effect[];
}

/**
 * Folds journal events through the current machine like `Replayer`, and also says which
 * transitions fired and which states were entered, for the diagram overlay. Pure apart from its state.
 */
export class Tracer {
  private snapshot: AgentSnapshot | null = null;
  private scope: AgentScope | null = null;

  feed(event: JournalEvent): TraceStep | null {
    if (event.type === "xstate.init") {
      const [snapshot, effects] = start(event.input);
      this.snapshot = snapshot;
      this.scope = inertScope();
      const state = dottedState(snapshot.value);
      return { state, edges: [], entered: prefixes(state), effects };
    }
    const before = this.snapshot;
    if (before === null || this.scope === null) return null;
    // A stopped machine ignores events, as in `step`.
    if (before.status !== "active") return { state: dottedState(before.value), edges: [], entered: [], effects: [] };
    const actions: { type: string; params?: unknown }[] = [];
    this.scope.actionExecutor = (a) => void actions.push(a);
    // One macrostep gives both the result (its last microstep, as `step` computes it) and the path.
    const microsteps = agentMachine.microstep(before, event, this.scope) as AgentSnapshot[];
    const after = microsteps.at(-1) ?? before;
    this.snapshot = after;
    return { state: dottedState(after.value), ...path(before, event, microsteps), effects: toEffects(actions) };
  }
}

function path(before: AgentSnapshot, event: AgentEvent, microsteps: readonly AgentSnapshot[]): { edges: string[]; entered: string[] } {
  const edges = agentMachine.getTransitionData(before, event).map((t) => edgeId(t as Transition));
  const entered: string[] = [];
  let previous = before;
  for (const snapshot of microsteps) {
    if (previous !== before) {
      const always = eventless(previous, event, dottedState(snapshot.value));
      if (always !== undefined) edges.push(edgeId(always));
    }
    entered.push(...newlyActive(dottedState(previous.value), dottedState(snapshot.value)));
    previous = snapshot;
  }
  return { edges, entered };
}

/** The eventless transition that led from `from` to `to`: XState's own order (deepest state first, then definition order). */
function eventless(from: AgentSnapshot, event: AgentEvent, to: string): Transition | undefined {
  const leaf = from._nodes.find((n) => n.type === "atomic" || n.type === "final");
  for (let node: AnyStateNode | undefined = leaf; node !== undefined; node = node.parent) {
    for (const t of (node.always ?? []) as Transition[]) {
      if (holds(t.guard, from.context, event)) return reaches(t, to) ? t : undefined;
    }
  }
  return undefined;
}

function reaches(t: Transition, to: string): boolean {
  const target = t.target?.[0];
  return target !== undefined && (to === target.path.join(".") || to.startsWith(`${target.path.join(".")}.`));
}

/** `Applied.steady` → `Applied`, `Applied.steady`. */
function prefixes(state: string): string[] {
  const parts = state.split(".");
  return parts.map((_, i) => parts.slice(0, i + 1).join("."));
}

function newlyActive(from: string, to: string): string[] {
  if (from === to) return [];
  const old = new Set(prefixes(from));
  return prefixes(to).filter((s) => !old.has(s));
}
