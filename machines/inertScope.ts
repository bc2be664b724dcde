import { createActor, type ActorScope } from "xstate";
import { agentMachine } from "./agentMachine.js";
import type { AgentEvent } from "./events.js";
import type { AgentSnapshot } from "./step.js";

export type AgentScope = ActorScope<AgentSnapshot, AgentEvent>;

let inert: AgentScope | null = null;

/**
 * An actor scope that runs nothing: its action executor is replaced by whoever uses it. XState's
 * `transition()` builds a new actor for every call, which made replay ~50x slower than parsing;
 * one never-started actor, reused, gives the same pure result.
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
