import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AgentInput } from "../../machines/index.js";
import { testInput } from "../support/input.js";
import { stepArb, toEvent, type Step } from "./commands.js";
import { Harness } from "./harness.js";

// Seeded so a run is reproducible; a failure prints the seed and the counterexample path to replay it.
const seed = Number(process.env.FC_SEED ?? 20261125);
const runs = Number(process.env.FC_RUNS ?? 400);
const params = { seed, numRuns: runs, verbose: 1 } as const;

const inputArb: fc.Arbitrary<AgentInput> = fc.record({
  baseline: fc.constantFrom(1500, 1420, 1350),
  profile: fc.constantFrom<null | number>(null, 1300, 1200),
  known: fc.boolean(),
}).map(({ baseline, profile, known }) =>
  testInput({
    baselineMtu: baseline,
    currentMtu: baseline,
    profiles: profile === null ? [] : [{ match: "pangp", mtu: profile }],
    known: known ? { "Ethernet 3\u0000Cisco AnyConnect Secure Mobility Client": 1380 } : {},
  }),
);

const inRange = (h: Harness, mtu: number): boolean => mtu >= h.input.minMtu && mtu <= h.input.maxMtu;

/** Feeds steps and checks every invariant after each one. */
function play(input: AgentInput, steps: Step[]): Harness {
  const h = new Harness(input);
  for (const s of steps) {
    const event = toEvent(h, s);
    if (event === null) continue;
    const before = h.snapshot.context;
    const wasVerifying = h.state === "VpnDetected.verifying";
    const effects = h.send(event);
    const after = h.snapshot.context;

    for (const e of effects) {
      if (e.type !== "applyMtu") continue;
      // No apply leaves [minMtu, maxMtu] except restoring the baseline.
      if (e.params.reason === "restore") expect(e.params.mtu).toBe(after.baselineMtu);
      else expect(inRange(h, e.params.mtu) || e.params.mtu === after.baselineMtu).toBe(true);
    }
    // Applied is entered only by a passing verification of the MTU in force.
    if (h.state.startsWith("Applied") && !h.trace.at(-1)?.from.startsWith("Applied")) {
      expect(event.type).toBe("verify.passed");
      expect(after.appliedMtu).toBe(after.currentMtu);
    }
    // A failed verification of a fresh apply is followed at once by a rollback to the MTU before it.
    if (wasVerifying && event.type === "verify.failed" && "workId" in event && event.workId === before.workId) {
      const rollback = effects.find((e) => e.type === "applyMtu" && e.params.reason === "rollback");
      const previous = before.previousMtu ?? before.baselineMtu;
      const expected = inRange(h, previous) || previous === before.baselineMtu ? previous : before.baselineMtu;
      expect(rollback?.params).toMatchObject({ mtu: expected });
    }
    // At most one probe in flight.
    expect(h.inFlight.size).toBeLessThanOrEqual(1);
  }
  return h;
}

describe("agent machine invariants under arbitrary interleavings", () => {
  it("holds every invariant after each input, including stale and out-of-order results", () => {
    fc.assert(fc.property(inputArb, fc.array(stepArb, { maxLength: 60 }), (input, steps) => void play(input, steps)), params);
  });

  it("after the VPN goes away, ends in Direct with the baseline restored", () => {
    fc.assert(
      fc.property(inputArb, fc.array(stepArb, { maxLength: 60 }), (input, steps) => {
        const h = play(input, steps);
        h.send({ type: "network.settled", vpn: null });
        // A failed restore waits for its retry timer; firing it must get back to a restore.
        for (let i = 0; i < 5 && h.state === "Direct.restoreWait"; i++) {
          h.send({ type: "timer.fired", timer: "retry", id: h.timers.retry ?? -1 });
        }
        h.drainApplies();
        expect(h.state).toBe("Direct.idle");
        expect(h.snapshot.context.currentMtu).toBe(h.snapshot.context.baselineMtu);
        expect(h.kernelMtu).toBe(h.snapshot.context.baselineMtu);
      }),
      params,
    );
  });

  it("ignores results of superseded work: a stale result never changes the state", () => {
    fc.assert(
      fc.property(inputArb, fc.array(stepArb, { maxLength: 40 }), fc.integer({ min: 1, max: 5 }), (input, steps, back) => {
        const h = play(input, steps);
        const state = h.state;
        const workId = h.snapshot.context.workId - back;
        for (const event of [
          { type: "probe.failed", workId, reason: "late" },
          { type: "verify.passed", workId },
          { type: "verify.failed", workId, reason: "late" },
          { type: "apply.failed", workId, mtu: 1300, reason: "late" },
        ] as const) {
          h.send(event);
          expect(h.state).toBe(state);
        }
      }),
      params,
    );
  });
});
