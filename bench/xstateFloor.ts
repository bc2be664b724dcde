import { createActor, createMachine, type AnyActorScope } from "xstate";

/**
 * Cost of the cheapest possible XState transition: a two-state toggle, folded with one reused
 * inert scope as the agent's replay does. It is the floor under any XState-based replay.
 */
export function toggleFloorMs(events: number): number {
  const machine = createMachine({ initial: "a", states: { a: { on: { t: "b" } }, b: { on: { t: "a" } } } });
  const self = createActor(machine);
  const scope = { self, defer: () => undefined, id: "", logger: () => undefined, sessionId: "", stopChild: () => undefined, system: self.system, emit: () => undefined, actionExecutor: () => undefined } as unknown as AnyActorScope;
  let snapshot = machine.getInitialSnapshot(scope);
  const t0 = performance.now();
  for (let i = 0; i < events; i++) snapshot = machine.transition(snapshot, { type: "t" }, scope);
  return performance.now() - t0;
}
