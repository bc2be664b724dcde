import fc from "fast-check";
import type { AgentEvent, IfaceInfo, VpnInfo } from "../../machines/index.js";
import { splitA, splitA2, vpnA, vpnA2, vpnB } from "../support/input.js";
import type { Harness } from "./harness.js";

/** An abstract input: turned into a concrete event against the harness's current pending effects. */
export type Step =
  | { kind: "settle"; vpn: VpnInfo | null; outside: boolean; iface: IfaceInfo | null }
  | { kind: "link"; mtu: number; iface: string | null }
  | { kind: "probe"; pick: number; ok: boolean; mtu: number }
  | { kind: "apply"; pick: number; ok: boolean }
  | { kind: "verify"; pick: number; ok: boolean }
  | { kind: "timer"; timer: "health" | "retry"; stale: boolean }
  | { kind: "stale"; type: "probe.done" | "apply.done" | "verify.passed" | "verify.failed"; back: number; mtu: number }
  | { kind: "stop" };

const mtu = fc.integer({ min: 1200, max: 1600 });
/** Probe targets inside and outside the split tunnels of support/input.ts (198.19.0.0/24). */
const INSIDE = { url: "https://198.19.0.2/", address: "198.19.0.2" };
const OUTSIDE = { url: "https://198.19.128.2/", address: "198.19.128.2" };
/** The interface routing to the target (interface "auto"): none reported (old journals), eth0, or a mirrored VPN interface at 9000. */
const iface = fc.constantFrom<IfaceInfo | null>(null, { name: "eth0", mtu: 1500 }, { name: "eth1", mtu: 9000 }, { name: "eth1", mtu: 1400 });

const VPNS: readonly VpnInfo[] = [vpnA, vpnA2, vpnB, splitA, splitA2];

/** Windows' network settling with one of `vpns` (null: no VPN); split tunnels' probe target inside the tunnel or (rarely) outside it. */
const settleArb = (vpns: readonly (VpnInfo | null)[]): fc.Arbitrary<Step> =>
  fc.record({ kind: fc.constant("settle" as const), vpn: fc.constantFrom(...vpns), outside: fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 }), iface });

/** A VPN connects (or another one, or the same with other routes): what a property about a VPN starts its run with. */
export const vpnUpArb: fc.Arbitrary<Step> = settleArb(VPNS);

/** Every kind of input but a stop: results of superseded work and answers out of order included. */
const liveSteps: ReadonlyArray<fc.WeightedArbitrary<Step>> = [
  { arbitrary: settleArb([null, ...VPNS]), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant("link" as const), mtu, iface: fc.constantFrom(null, "eth0", "eth1") }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant("probe" as const), pick: fc.nat(3), ok: fc.boolean(), mtu }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant("apply" as const), pick: fc.nat(3), ok: fc.boolean() }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant("verify" as const), pick: fc.nat(3), ok: fc.boolean() }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant("timer" as const), timer: fc.constantFrom("health" as const, "retry" as const), stale: fc.boolean() }), weight: 6 },
  {
    arbitrary: fc.record({
      kind: fc.constant("stale" as const),
      type: fc.constantFrom("probe.done" as const, "apply.done" as const, "verify.passed" as const, "verify.failed" as const),
      back: fc.integer({ min: 1, max: 5 }),
      mtu,
    }),
    weight: 6,
  },
];

/** Inputs of a run that goes on: a property checking what follows a run uses these, so no run ends early. */
export const liveStepArb: fc.Arbitrary<Step> = fc.oneof(...liveSteps);

/** Every kind of input, a stop included (rarely: it ends the run). */
export const stepArb: fc.Arbitrary<Step> = fc.oneof({ arbitrary: fc.constant<Step>({ kind: "stop" }), weight: 1 }, ...liveSteps);

/** Picks a pending effect, newest first for pick 0, so older ones are answered out of order. */
function pickFrom<T>(list: T[], pick: number): T | undefined {
  if (list.length === 0) return undefined;
  const index = Math.max(0, list.length - 1 - (pick % list.length));
  return list.splice(index, 1)[0];
}

/** The concrete event for `s`, or null when there is nothing it could answer. */
export function toEvent(h: Harness, s: Step): AgentEvent | null {
  switch (s.kind) {
    case "settle":
      return { type: "network.settled", vpn: s.vpn, probeTarget: s.outside ? OUTSIDE : INSIDE, ...(s.iface === null ? {} : { iface: s.iface }) };
    case "link":
      return { type: "link.mtu", mtu: s.mtu, ...(s.iface === null ? {} : { iface: s.iface }) };
    case "probe": {
      const p = pickFrom(h.probes, s.pick);
      if (p === undefined) return null;
      return s.ok
        ? { type: "probe.done", workId: p.workId, mtu: s.mtu, evidence: { method: "parallel", rounds: 1, durationMs: 1, sizes: [] } }
        : { type: "probe.failed", workId: p.workId, reason: "unreachable" };
    }
    case "apply": {
      const a = pickFrom(h.applies, s.pick);
      if (a === undefined) return null;
      // Tagged with the interface it set, as the runtime does.
      const about = { ...(a.routes === undefined ? {} : { routes: a.routes }), ...(a.iface === null ? {} : { iface: a.iface }) };
      return s.ok ? { type: "apply.done", workId: a.workId, mtu: a.mtu, ...about } : { type: "apply.failed", workId: a.workId, mtu: a.mtu, reason: "EPERM", ...about };
    }
    case "verify": {
      const v = pickFrom(h.verifies, s.pick);
      if (v === undefined) return null;
      return s.ok ? { type: "verify.passed", workId: v.workId } : { type: "verify.failed", workId: v.workId, reason: "timeout" };
    }
    case "timer": {
      const id = h.timers[s.timer];
      if (id === undefined && !s.stale) return null;
      return { type: "timer.fired", timer: s.timer, id: s.stale ? (id ?? 0) - 1 : (id as number) };
    }
    case "stop":
      return { type: "agent.stop" };
    case "stale": {
      const workId = h.snapshot.context.workId - s.back;
      if (s.type === "probe.done") return { type: s.type, workId, mtu: s.mtu, evidence: { method: "parallel", rounds: 1, durationMs: 1, sizes: [] } };
      if (s.type === "apply.done") return { type: s.type, workId, mtu: s.mtu };
      if (s.type === "verify.failed") return { type: s.type, workId, reason: "late" };
      return { type: s.type, workId };
    }
  }
}
