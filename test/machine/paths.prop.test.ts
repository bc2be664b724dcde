import fc from "fast-check";
import { expect, it } from "vitest";
import { dottedState, type AgentEvent, type VpnInfo } from "../../machines/index.js";
import { fcParams } from "../support/fcParams.js";
import { testInput } from "../support/input.js";
import { PathsHarness, type PendingEffect } from "./pathsHarness.js";

const split = (name: string, description: string, prefix: string, mtuHint: number): VpnInfo => ({ name, description, mtuHint, tunnel: { kind: "split", prefixes: [prefix] } });
const A = split("Ethernet 3", "Cisco AnyConnect Secure Mobility Client", "198.19.0.0/24", 1400);
const B = split("Zscaler", "Zscaler Network Adapter", "198.19.32.0/24", 1360);
const C: VpnInfo = { name: "wg0", description: "WireGuard Tunnel", mtuHint: 1420, tunnel: { kind: "full" } };
const input = testInput({ iface: "eth0", applyScope: "auto", profiles: [{ match: "zscaler", url: "https://b.example/" }, { match: "wireguard", url: "https://c.example/" }] });

type Step =
  | { kind: "settle"; main: boolean; others: boolean[] }
  | { kind: "answer"; pick: number; ok: boolean; mtu: number }
  | { kind: "link"; mtu: number };
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("settle" as const), main: fc.boolean(), others: fc.tuple(fc.boolean(), fc.boolean()) }),
  fc.record({ kind: fc.constant("answer" as const), pick: fc.nat(20), ok: fc.boolean(), mtu: fc.constantFrom(1300, 1372, 1400, 1200) }),
  fc.record({ kind: fc.constant("link" as const), mtu: fc.constantFrom(1280, 1400, 1500) }),
);

/** A failing answer to a pending effect (a timer has none: it fires). */
function failing(h: PathsHarness, e: PendingEffect): AgentEvent {
  const path = e.params.path === undefined ? {} : { path: e.params.path };
  switch (e.type) {
    case "startProbe":
      return { type: "probe.failed", workId: e.params.workId, reason: "black hole", ...path };
    case "applyMtu":
      return { type: "apply.failed", workId: e.params.workId, mtu: e.params.mtu, reason: "RTNETLINK", ...(e.params.routes === undefined ? {} : { routes: e.params.routes }), ...path };
    case "verify":
      return { type: "verify.failed", workId: e.params.workId, reason: "timeout", ...path };
    case "scheduleTimer":
      return h.answer(e);
  }
}

it("other VPNs' paths never change what is done for the target's VPN, never touch the interface, and restore everything when their VPN goes", () => {
  fc.assert(
    fc.property(fc.array(stepArb, { maxLength: 40 }), (steps) => {
      const all = new PathsHarness(input);
      const alone = new PathsHarness(input);
      for (const s of steps) {
        let event: AgentEvent;
        if (s.kind === "settle") {
          const targets = [B, C].filter((_, i) => s.others[i]).map((vpn) => ({ vpn }));
          event = { type: "network.settled", vpn: s.main ? A : null, targets };
        } else if (s.kind === "link") event = { type: "link.mtu", mtu: s.mtu, iface: "eth0" };
        else {
          if (all.pending.length === 0) continue;
          const at = s.pick % all.pending.length;
          const e = all.pending[at];
          if (e === undefined) continue;
          all.pending.splice(at, 1);
          event = s.ok ? all.answer(e, s.mtu) : failing(all, e);
        }
        const effects = all.send(event);
        for (const e of effects) if (e.type === "applyMtu" && e.params.path !== undefined) expect(e.params.routes).toBeDefined();
        // The target's VPN alone, fed the same inputs without the other VPNs: the same state and context.
        if (!("path" in event && event.path !== undefined)) {
          const { targets: _targets, ...mainOnly } = event as AgentEvent & { targets?: unknown };
          alone.send(mainOnly);
        }
        expect(dottedState(all.paths.main.value)).toBe(dottedState(alone.paths.main.value));
        expect(all.paths.main.context).toEqual(alone.paths.main.context);
      }
      // Every VPN goes: once the system answers, nothing of any path is left.
      all.send({ type: "network.settled", vpn: null, targets: [] });
      for (let round = 0; round < 20 && all.pending.length > 0; round++) {
        const e = all.pending.shift();
        if (e !== undefined) all.send(all.answer(e));
      }
      expect(all.paths.others).toEqual({});
      expect([...all.kernelRoutes.keys()].filter((k) => k !== "")).toEqual([]);
    }),
    fcParams(300),
  );
});
