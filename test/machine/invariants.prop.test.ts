import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { outsideTunnel, routesFor, type AgentInput } from "../../machines/index.js";
import { fcParams } from "../support/fcParams.js";
import { liveStepArb, stepArb, toEvent, vpnUpArb, type Step } from "./commands.js";
import { inputArb } from "./inputArb.js";
import { Harness } from "./harness.js";

const params = fcParams(1500);

/**
 * How many runs of a property reached the situation it checks. A property that returns early
 * checks nothing in that run; these counts are reported with the test and must stay a good share
 * of the runs, or the generator no longer reaches what the property is about.
 */
class Reached {
  runs = 0;
  readonly counts = new Map<string, number>();

  run(situations: Record<string, boolean>): void {
    this.runs++;
    for (const [name, reached] of Object.entries(situations)) if (reached) this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  /** "1500 runs checked: 1391 with a VPN up, …". */
  toString(): string {
    return `${this.runs} runs checked: ${[...this.counts].map(([name, n]) => `${n} ${name}`).join(", ")}`;
  }

  /** Every generated run was checked, and at least `min` of them reached each named situation (not asked of a replay or a short run). */
  expectReached(min: Readonly<Record<string, number>>): void {
    if (process.env.FC_PATH !== undefined || params.numRuns < 200) return;
    expect(this.runs).toBeGreaterThanOrEqual(params.numRuns);
    for (const [name, share] of Object.entries(min)) expect((this.counts.get(name) ?? 0) / this.runs, name).toBeGreaterThan(share);
  }
}

const inRange = (h: Harness, mtu: number): boolean => mtu >= h.input.minMtu && mtu <= h.input.maxMtu;

/** Feeds steps and checks every invariant after each one. */
function play(input: AgentInput, steps: Step[]): Harness {
  const h = new Harness(input);
  // The kernel's MTU when the latest apply of a new MTU was asked for: what a rollback may go back to.
  let beforeApply: number | null = null;
  for (const s of steps) {
    const event = toEvent(h, s);
    if (event === null) continue;
    const wasVerifying = h.state === "VpnDetected.verifying";
    const awaited = h.snapshot.context.workId;
    const before = h.snapshot.context;
    const effects = h.send(event);
    const after = h.snapshot.context;

    for (const e of effects) {
      if (e.type !== "applyMtu") continue;
      // An interface left behind gets its own baseline back; nothing else of it is touched.
      if (e.params.iface !== after.iface) {
        expect(e.params).toMatchObject({ iface: before.iface, mtu: before.baselineMtu, reason: "restore" });
        continue;
      }
      // No apply leaves [minMtu, maxMtu] except restoring the baseline.
      if (e.params.reason === "restore") expect(e.params.mtu).toBe(after.baselineMtu);
      else expect(inRange(h, e.params.mtu) || e.params.mtu === after.baselineMtu).toBe(true);
      if (e.params.reason === "apply") beforeApply = e.params.routes === undefined ? h.kernelMtu : null;
      // Routes are only ever removed all at once or set to the VPN's prefixes (or the full tunnel's halves).
      if (e.params.routes !== undefined && e.params.routes.length > 0) expect(e.params.reason).toBe("apply");
    }
    // Applied is entered only by a passing verification of the MTU in force where the scope puts it.
    if (h.state.startsWith("Applied") && !h.trace.at(-1)?.from.startsWith("Applied")) {
      expect(event.type).toBe("verify.passed");
      expect(after.appliedMtu).toBe(routesFor(h.input, after.vpn) === null ? h.kernelMtu : h.kernelRoutes?.mtu);
    }
    // In routes scope nothing of the interface is the agent's: a link change never leads to an apply.
    if (event.type === "link.mtu" && routesFor(h.input, after.vpn) !== null) expect(effects.filter((e) => e.type === "applyMtu")).toEqual([]);
    // A split tunnel that does not carry the probe target gets nothing applied.
    if (outsideTunnel(after) !== null) expect(effects.filter((e) => e.type === "applyMtu" && e.params.reason === "apply")).toEqual([]);
    // A failed verification of a fresh apply is followed in the same step by a rollback: to the MTU
    // the kernel had before that apply, or, only when that one may not be applied, to the baseline.
    if (wasVerifying && event.type === "verify.failed" && event.workId === awaited) {
      const rollback = effects.find((e) => e.type === "applyMtu" && e.params.reason === "rollback");
      expect(rollback).toBeDefined();
      const { mtu, routes } = rollback?.params as { mtu: number; routes?: readonly string[] };
      // A rollback of routes removes them all.
      if (routes !== undefined) expect(routes).toEqual([]);
      else if (mtu !== beforeApply) {
        expect(mtu).toBe(after.baselineMtu);
        expect(beforeApply !== null && !inRange(h, beforeApply)).toBe(true);
      }
    }
    // At most one probe in flight.
    expect(h.inFlight.size).toBeLessThanOrEqual(1);
  }
  return h;
}

/** Answers restores (their retry timers too) until none is pending; returns the applies held back. */
function drainRestores(h: Harness): void {
  for (let i = 0; i < 10; i++) {
    if (h.state === "Direct.restoreWait") h.send({ type: "timer.fired", timer: "retry", id: h.timers.retry ?? -1 });
    const restore = h.applies.find((a) => a.reason === "restore");
    if (restore === undefined) return;
    h.applies = h.applies.filter((a) => a !== restore);
    h.send({ type: "apply.done", workId: restore.workId, mtu: restore.mtu, ...(restore.routes === undefined ? {} : { routes: restore.routes }), ...(restore.iface === null ? {} : { iface: restore.iface }) });
  }
}

describe("agent machine invariants under arbitrary interleavings", () => {
  it("holds every invariant after each input, including stale and out-of-order results and a stop", () => {
    fc.assert(fc.property(inputArb, fc.array(stepArb, { maxLength: 60 }), (input, steps) => void play(input, steps)), params);
  });

  it("after the VPN goes away, ends in Direct.idle on the baseline, even when an older apply lands after the restore", async ({ annotate }) => {
    const reached = new Reached();
    // A VPN comes up at some point of every run, and the run goes on from there.
    const runs = fc.tuple(fc.array(liveStepArb, { maxLength: 30 }), vpnUpArb, fc.array(liveStepArb, { maxLength: 30 })).map(([before, up, after]) => [...before, up, ...after]);
    fc.assert(
      fc.property(inputArb, runs, (input, steps) => {
        const h = play(input, steps);
        const c = h.snapshot.context;
        reached.run({
          "with a VPN up": c.vpn !== null,
          "with the agent's MTU or routes in force": c.currentMtu !== c.baselineMtu || c.routes !== null,
          "with an apply in flight": h.applies.some((a) => a.reason !== "restore"),
        });
        h.send({ type: "network.settled", vpn: null });
        // Applies asked for before the VPN went away answer late, after the restore.
        const late = h.applies.filter((a) => a.reason !== "restore");
        h.applies = h.applies.filter((a) => a.reason === "restore");
        drainRestores(h);
        for (const a of late) {
          h.send({ type: "apply.done", workId: a.workId, mtu: a.mtu, ...(a.routes === undefined ? {} : { routes: a.routes }), ...(a.iface === null ? {} : { iface: a.iface }) });
          drainRestores(h);
        }
        expect(h.state).toBe("Direct.idle");
        expect(h.snapshot.context.currentMtu).toBe(h.snapshot.context.baselineMtu);
        expect(h.kernelMtu).toBe(h.snapshot.context.baselineMtu);
        expect(h.snapshot.context.routes).toBeNull();
        expect(h.kernelRoutes).toBeNull();
      }),
      params,
    );
    await annotate(String(reached));
    // Measured: about 92 %, 65 % and 40 % of the runs.
    reached.expectReached({ "with a VPN up": 0.6, "with the agent's MTU or routes in force": 0.3, "with an apply in flight": 0.2 });
  });

  it("a stop restores the baseline exactly when restoreOnStop is set and the link is off it, then ignores everything", async ({ annotate }) => {
    const reached = new Reached();
    fc.assert(
      fc.property(inputArb, fc.array(liveStepArb, { maxLength: 40 }), fc.array(stepArb, { maxLength: 10 }), (input, steps, after) => {
        const h = play(input, steps);
        const offBaseline = h.snapshot.context.currentMtu !== h.snapshot.context.baselineMtu;
        const routes = h.snapshot.context.routes !== null;
        reached.run({ "with something to restore": offBaseline || routes, "restoring it": input.restoreOnStop && (offBaseline || routes) });
        const effects = h.send({ type: "agent.stop" });
        expect(h.state).toBe("Stopped");
        const restores = effects.filter((e) => e.type === "applyMtu");
        const baseline = h.snapshot.context.baselineMtu;
        const expected = [
          ...(routes ? [expect.objectContaining({ mtu: baseline, reason: "restore", routes: [] })] : []),
          ...(offBaseline ? [expect.objectContaining({ mtu: baseline, reason: "restore" })] : []),
        ];
        expect(restores.map((e) => e.params)).toEqual(input.restoreOnStop ? expected : []);
        for (const s of after) {
          const event = toEvent(h, s);
          if (event !== null) expect(h.send(event)).toEqual([]);
          expect(h.state).toBe("Stopped");
        }
      }),
      params,
    );
    await annotate(String(reached));
    // Measured: about 45 % and 22 % of the runs.
    reached.expectReached({ "with something to restore": 0.25, "restoring it": 0.1 });
  });

  it("ignores results of superseded work: a stale result never changes the state", () => {
    fc.assert(
      // A stopped machine ignores every event: live steps, so each run checks a running one.
      fc.property(inputArb, fc.array(liveStepArb, { maxLength: 40 }), fc.integer({ min: 1, max: 5 }), (input, steps, back) => {
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
