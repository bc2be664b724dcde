import { agentMachine } from "./agentMachine.js";
import type { AgentInput } from "./context.js";
import type { Effect } from "./effects.js";
import { collecting, type AgentSnapshot } from "./step.js";

/** The machine's first snapshot for `input`, and the effects its entry asks for. Pure. */
export function start(input: AgentInput): [AgentSnapshot, Effect[]] {
  return collecting((scope) => agentMachine.getInitialSnapshot(scope, input));
}
