import type { ExecutableActionObject } from "xstate";
import { agentMachine } from "./agentMachine.js";
import { effectNames, type Effect, type EffectName } from "./effects.js";
import type { AgentEvent } from "./events.js";
import { inertScope, type AgentScope } from "./inertScope.js";

export type AgentSnapshot = ReturnType<typeof agentMachine.resolveState>;

/** Runs `fn` with a scope whose action executor collects into the returned list. Pure. */
export function collecting<T>(fn: (scope: AgentScope) => T): [T, Effect[]] {
  const scope = inertScope();
  const actions: ExecutableActionObject[] = [];
  scope.actionExecutor = (action) => void actions.push(action);
  try {
    return [fn(scope), toEffects(actions)];
  } finally {
    scope.actionExecutor = () => undefined;
  }
}

/**
 * One pure step of the agent: the next snapshot and the effects to run. A stopped machine ignores
 * events, as a live actor would (the pure `transition()` does not check that itself).
 */
export function step(snapshot: AgentSnapshot, event: AgentEvent): [AgentSnapshot, Effect[]] {
  if (snapshot.status !== "active") return [snapshot, []];
  return collecting((scope) => agentMachine.transition(snapshot, event, scope));
}

/** Keeps the named effects of a transition, dropping XState built-ins. Pure. */
export function toEffects(actions: readonly { type: string; params?: unknown }[]): Effect[] {
  return actions
    .filter((a) => effectNames.includes(a.type as EffectName))
    .map((a) => ({ type: a.type, params: a.params }) as Effect);
}
