import { createActor, type ActorScope, type AnyTransitionDefinition } from "xstate";
import { agentMachine } from "./agentMachine.js";
import type { AgentEvent } from "./events.js";
import type { AgentSnapshot } from "./step.js";

export type AgentScope = ActorScope<AgentSnapshot, AgentEvent>;

/** One microstep as XState reports it to inspectors: the snapshot it reached and the transitions it took. */
export interface Microstep {
  readonly snapshot: AgentSnapshot;
  readonly transitions: readonly AnyTransitionDefinition[];
}

let inert: AgentScope | null = null;
/** Where the scope's inspector puts microsteps; set only while a step is being collected. */
let microsteps: Microstep[] | null = null;

/**
 * An actor scope that runs nothing: its action executor is replaced by whoever uses it. XState's
 * `transition()` builds a new actor for every call, which made replay ~50x slower than parsing;
 * one never-started actor, reused, gives the same pure result. Its system's inspector receives
 * XState's own `@xstate.microstep` reports, which say which transitions each microstep took.
 */
export function inertScope(): AgentScope {
  if (inert !== null) return inert;
  // Never started: it only lends the scope its system. Without input its own initial snapshot
  // errors, which is harmless because that snapshot is never used.
  const self = createActor(agentMachine, { input: undefined });
  self.system.inspect((e) => {
    if (e.type !== "@xstate.microstep" || microsteps === null) return;
    const m = e as unknown as { snapshot: AgentSnapshot; _transitions: AnyTransitionDefinition[] };
    microsteps.push({ snapshot: m.snapshot, transitions: m._transitions });
  });
  const scope: AgentScope = {
    self,
    defer: () => undefined,
    id: "",
    logger: () => undefined,
    sessionId: "",
    stopChild: () => undefined,
    system: self.system,
    emit: () => undefined,
    actionExecutor: () => undefined,
  };
  inert = scope;
  return inert;
}

/** Runs `fn` and returns what it returned with the microsteps XState reported meanwhile. */
export function withMicrosteps<T>(fn: () => T): [T, Microstep[]] {
  const collected: Microstep[] = [];
  const outer = microsteps;
  microsteps = collected;
  try {
    return [fn(), collected];
  } finally {
    microsteps = outer;
  }
}
