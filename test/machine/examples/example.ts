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
import { transitionIds } from "../../../src/journal/replay.js";
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

/** Runs an example: given, when. Returns what the `when` step did, with the transitions it took. */
export function run(e: Example): { snapshot: AgentSnapshot; effects: Effect[]; edges: string[] } {
  let [snapshot] = start(testInput(e.input));
  for (const g of e.given) snapshot = explainStep(snapshot, resolve(g, snapshot)).snapshot;
  const r = explainStep(snapshot, resolve(e.when, snapshot));
  return { snapshot: r.snapshot, effects: r.effects, edges: transitionIds(r) };
}

function resolve(g: Given, s: AgentSnapshot): AgentEvent {
  return typeof g === "function" ? g(s.context) : g;
}

/** Declares a test per example and checks its `then`. */
export function examples(list: Readonly<Record<string, Example>>): void {
  for (const [name, e] of Object.entries(list)) {
    it(name, () => {
      const { snapshot, effects } = run(e);
      expect(dottedState(snapshot.value)).toBe(e.then.state);
      if (e.then.context !== undefined) expect(snapshot.context).toMatchObject(e.then.context);
      if (e.then.effects !== undefined) {
        expect(effects.map((x) => x.type)).toEqual(e.then.effects.map((x) => x.type));
        e.then.effects.forEach((want, i) => expect(effects[i]).toMatchObject(want));
      }
    });
  }
}
