import fc from "fast-check";
import { initialTransition, transition } from "xstate";
import { describe, expect, it } from "vitest";
import { aboutOtherIface, agentMachine, start, type AgentSnapshot, type Effect } from "../../machines/index.js";
import { toEffects } from "../../machines/step.js";
import { fcParams } from "../support/fcParams.js";
import { stepArb, toEvent } from "./commands.js";
import { Harness } from "./harness.js";
import { inputArb } from "./inputArb.js";

// XState's transition() builds a new actor for every call: fewer runs than the other properties.
const params = fcParams(1000);

const sameStep = (ours: [AgentSnapshot, Effect[]], xstate: [AgentSnapshot, readonly { type: string; params?: unknown }[]]): void => {
  expect(ours[0].value).toEqual(xstate[0].value);
  expect(ours[0].status).toBe(xstate[0].status);
  expect(ours[0].context).toEqual(xstate[0].context);
  expect(ours[1]).toEqual(toEffects(xstate[1]));
};

// machines/step.ts reuses one inert actor scope instead of XState's fresh one per call
// (inertScope.ts): it must give exactly what XState's own pure functions give.
describe("the pure step is XState's own transition()", () => {
  it("start() is initialTransition()", () => {
    fc.assert(
      fc.property(inputArb, (input) => sameStep(start(input), initialTransition(agentMachine, input))),
      params,
    );
  });

  it("step() is transition() for every event it passes to the machine", () => {
    fc.assert(
      fc.property(inputArb, fc.array(stepArb, { maxLength: 40 }), (input, steps) => {
        const h = new Harness(input);
        for (const s of steps) {
          const event = toEvent(h, s);
          if (event === null) continue;
          // step() drops these before XState sees them (a stopped machine, an event about another interface).
          const passed = h.snapshot.status === "active" && !aboutOtherIface(h.snapshot.context, event);
          const expected = passed ? transition(agentMachine, h.snapshot, event) : null;
          const effects = h.send(event);
          if (expected !== null) sameStep([h.snapshot, effects], expected);
        }
      }),
      params,
    );
  });
});
