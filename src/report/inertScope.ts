import { createActor, type AnyActorScope } from "xstate";
import { agentMachine, type AgentInput } from "../../machines/index.js";

/**
 * An actor scope that runs nothing, made once per agent start. XState's `getMicrosteps` builds a
 * fresh actor (and initial snapshot) on every call; at 100,000 events that dominated the report.
 */
export function inertScope(input: AgentInput): AnyActorScope {
  const self = createActor(agentMachine, { input });
  return {
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
}
