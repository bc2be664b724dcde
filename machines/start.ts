import { initialTransition } from "xstate";
import { agentMachine } from "./agentMachine.js";
import type { AgentInput } from "./context.js";
import type { Effect } from "./effects.js";
import { toEffects, type AgentSnapshot } from "./step.js";

/** The machine's first snapshot for `input`, and the effects its entry asks for. Pure. */
export function start(input: AgentInput): [AgentSnapshot, Effect[]] {
  const [snapshot, actions] = initialTransition(agentMachine, input);
  return [snapshot, toEffects(actions)];
}
