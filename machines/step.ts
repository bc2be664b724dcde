import type { ExecutableActionObject } from "xstate";
import { agentMachine } from "./agentMachine.js";
import { effectNames, type Effect, type EffectName } from "./effects.js";
import type { AgentEvent } from "./events.js";
import { aboutOtherIface } from "./iface.js";
import { inertScope, withMicrosteps, type AgentScope, type Microstep } from "./inertScope.js";

export type AgentSnapshot = ReturnType<typeof agentMachine.resolveState>;

/** What one pure step did: the snapshot reached, the effects asked for, and XState's microsteps. */
export interface StepResult {
  readonly snapshot: AgentSnapshot;
  readonly effects: Effect[];
  /** In order: the event's own transitions first, then each eventless one. Empty when nothing was taken. */
  readonly microsteps: readonly Microstep[];
}

/** Runs `fn` with a scope whose action executor collects effects, and (when asked) XState's microsteps. Pure. */
export function collecting(fn: (scope: AgentScope) => AgentSnapshot, explain = true): StepResult {
  const scope = inertScope();
  const actions: ExecutableActionObject[] = [];
  scope.actionExecutor = (action) => void actions.push(action);
  try {
    const [snapshot, microsteps] = explain ? withMicrosteps(scope, () => fn(scope)) : [fn(scope), []];
    return { snapshot, effects: toEffects(actions), microsteps };
  } finally {
    scope.actionExecutor = () => undefined;
  }
}

/**
 * One pure step of the agent, with what it did. A stopped machine ignores events, as a live actor
 * would (the pure `transition()` does not check that itself); so does every state for an event
 * about an interface it does not manage, which keeps that rule out of each state's handlers.
 */
export function explainStep(snapshot: AgentSnapshot, event: AgentEvent, explain = true): StepResult {
  if (snapshot.status !== "active" || aboutOtherIface(snapshot.context, event)) return { snapshot, effects: [], microsteps: [] };
  return collecting((scope) => agentMachine.transition(snapshot, event, scope), explain);
}

/** One pure step of the agent: the next snapshot and the effects to run. */
export function step(snapshot: AgentSnapshot, event: AgentEvent): [AgentSnapshot, Effect[]] {
  const r = explainStep(snapshot, event, false);
  return [r.snapshot, r.effects];
}

/** Keeps the named effects of a transition, dropping XState built-ins. Pure. */
export function toEffects(actions: readonly { type: string; params?: unknown }[]): Effect[] {
  return actions
    .filter((a) => effectNames.includes(a.type as EffectName))
    .map((a) => ({ type: a.type, params: a.params }) as Effect);
}
