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

/**
 * An actor scope that runs nothing: its action executor is replaced by whoever uses it. XState's
 * `transition()` builds a new actor for every call, which made replay ~50x slower than parsing;
 * one never-started actor, reused, gives the same pure result. Its system's inspectors receive
 * XState's own `@xstate.microstep` reports, which say which transitions each microstep took.
 */
export function inertScope(): AgentScope {
  if (inert !== null) return inert;
  // Never started: it only lends the scope its system. Without input its own initial snapshot
  // errors, which is harmless because that snapshot is never used.
  const self = createActor(agentMachine, { input: undefined });
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

/**
 * Runs `fn` and returns what it returned with the microsteps XState reported meanwhile. The
 * inspector is attached only for the call: while one is attached XState builds a report for every
 * microstep and action, which plain steps (the live agent) need not pay for.
 */
export function withMicrosteps<T>(scope: AgentScope, fn: () => T): [T, Microstep[]] {
  const collected: Microstep[] = [];
  const subscription = scope.system.inspect((e) => {
    if (e.type !== "@xstate.microstep") return;
    const m = e as unknown as { snapshot: AgentSnapshot; _transitions: AnyTransitionDefinition[] };
    collected.push({ snapshot: m.snapshot, transitions: m._transitions });
  });
  try {
    return [fn(), collected];
  } finally {
    subscription.unsubscribe();
  }
}
