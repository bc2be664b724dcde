import { expect, it } from "vitest";
import {
  dottedState,
  explainStep,
  start,
  type AgentContext,
  type AgentEvent,
  type AgentInput,
  type AgentSnapshot,
  type Effect,
} from "../../../machines/index.js";
import { edgeId, type Transition } from "../../../src/viz/edgeId.js";
import { testInput } from "../../support/input.js";

/** An event, or how to make it from the context it is sent in (results answer the current workId). */
export type Given = AgentEvent | ((c: AgentContext) => AgentEvent);

/** One given/when/then example over the pure step. */
export interface Example {
  readonly input?: Partial<AgentInput>;
  /** Events that bring the machine to where the example starts. */
  readonly given: readonly Given[];
  readonly when: Given;
  readonly then: {
    readonly state: string;
    readonly context?: Partial<{ [K in keyof AgentContext]: unknown }>;
    /** The effects asked for, in order (each compared as a partial object). */
    readonly effects?: readonly (Partial<Effect> | { type: Effect["type"]; params?: object })[];
  };
}

/** Edge ids (`source:event:index`) that the `when` steps of all examples took, for the coverage test. */
export const covered = new Set<string>();

function resolve(g: Given, s: AgentSnapshot): AgentEvent {
  return typeof g === "function" ? g(s.context) : g;
}

/** Runs an example: given, when, then. Also records the transitions the `when` step took. */
export function run(e: Example): { snapshot: AgentSnapshot; effects: Effect[]; edges: string[] } {
  let [snapshot] = start(testInput(e.input));
  for (const g of e.given) snapshot = explainStep(snapshot, resolve(g, snapshot)).snapshot;
  const r = explainStep(snapshot, resolve(e.when, snapshot));
  const edges = r.microsteps.flatMap((m) => m.transitions.map((t) => edgeId(t as unknown as Transition)));
  return { snapshot: r.snapshot, effects: r.effects, edges };
}

/** Declares a test for the example and checks its `then`. */
export function example(name: string, e: Example): void {
  it(name, () => {
    const { snapshot, effects, edges } = run(e);
    for (const id of edges) covered.add(id);
    expect(dottedState(snapshot.value)).toBe(e.then.state);
    if (e.then.context !== undefined) expect(snapshot.context).toMatchObject(e.then.context);
    if (e.then.effects !== undefined) {
      expect(effects).toHaveLength(e.then.effects.length);
      e.then.effects.forEach((want, i) => expect(effects[i]).toMatchObject(want));
    }
  });
}
