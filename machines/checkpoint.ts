import { agentMachine } from "./agentMachine.js";
import type { AgentContext } from "./context.js";
import type { StateValueLike } from "./stateName.js";
import type { AgentSnapshot } from "./step.js";

/**
 * What a journal checkpoint holds of a snapshot: XState's persisted snapshot without what this
 * machine never has (child actors, history, output), so replay can resume from it.
 */
export interface Checkpoint {
  readonly value: StateValueLike;
  readonly context: AgentContext;
}

/** The checkpoint of a snapshot (plain JSON data). Pure. */
export function checkpointOf(snapshot: AgentSnapshot): Checkpoint {
  const persisted = agentMachine.getPersistedSnapshot(snapshot) as unknown as { value: StateValueLike; context: AgentContext };
  return { value: persisted.value, context: persisted.context };
}

/**
 * The snapshot a checkpoint describes, as if the machine had reached it by its own steps; throws
 * when `value` names no state of the current machine. Pure.
 */
export function fromCheckpoint(checkpoint: Checkpoint): AgentSnapshot {
  // Checkpoints written before split tunnels have no routes or probe target: none, as then; before
  // interfaces were chosen, no \`iface\`: the configured one, unnamed.
  const context: AgentContext = {
    ...checkpoint.context,
    routes: checkpoint.context.routes ?? null,
    probeTarget: checkpoint.context.probeTarget ?? null,
    iface: checkpoint.context.iface ?? null,
  };
  return agentMachine.resolveState({ value: checkpoint.value, context });
}
