import { agentMachine } from "./agentMachine.js";
import type { AgentInput } from "./context.js";
import type { Effect } from "./effects.js";
import { collecting, type AgentSnapshot, type StepResult } from "./step.js";

/** The machine's first snapshot for `input`, with the effects its entry asks for and its eventless microsteps. Pure. */
export function explainStart(input: AgentInput): StepResult {
  return collecting((scope) => agentMachine.getInitialSnapshot(scope, input));
}

/** The machine's first snapshot for `input`, and the effects its entry asks for. Pure. */
export function start(input: AgentInput): [AgentSnapshot, Effect[]] {
  const r = collecting((scope) => agentMachine.getInitialSnapshot(scope, input), false);
  return [r.snapshot, r.effects];
}
