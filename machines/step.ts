import { transition } from "xstate";
import { agentMachine } from "./agentMachine.js";
import { effectNames, type Effect, type EffectName } from "./effects.js";
import type { AgentEvent } from "./events.js";

export type AgentSnapshot = ReturnType<typeof agentMachine.resolveState>;

/**
 * One pure step of the agent: the next snapshot and the effects to run. A stopped machine ignores
 * events, as a live actor would (the pure `transition()` does not check that itself).
 */
export function step(snapshot: AgentSnapshot, event: AgentEvent): [AgentSnapshot, Effect[]] {
  if (snapshot.status !== "active") return [snapshot, []];
  const [next, actions] = transition(agentMachine, snapshot, event);
  return [next, toEffects(actions)];
}

/** Keeps the named effects of a transition, dropping XState built-ins. Pure. */
export function toEffects(actions: readonly { type: string; params?: unknown }[]): Effect[] {
  return actions
    .filter((a) => effectNames.includes(a.type as EffectName))
    .map((a) => ({ type: a.type, params: a.params }) as Effect);
}
