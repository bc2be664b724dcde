import { describe, expect, it } from "vitest";
import { vpnKey, type VpnInfo } from "../../machines/index.js";
import type { RoutesResult } from "../../src/effects/agentRoutes.js";
import { createLogger } from "../../src/log/index.js";
import type { OwnedRoutes, RouteLayer, RouteMtus } from "../../src/runtime/ownedRoutes.js";
import { createSafeRouteFollower, safeRoutesInput } from "../../src/runtime/safeRouteFollower.js";

const log = createLogger({ level: "silent" });
const tailscale: VpnInfo = { name: "Tailscale", description: "Tailscale Tunnel", mtuHint: 1280, tunnel: { kind: "split", prefixes: ["100.64.0.0/10"] } };
const corp: VpnInfo = { name: "Ethernet 3", description: "Cisco AnyConnect", mtuHint: 1400, tunnel: { kind: "full" } };

/** Records every change of the table, and answers that `foreign` prefixes are someone else's. */
function recorder(foreign: readonly string[] = []): OwnedRoutes & { calls: Array<[RouteLayer, Record<string, number>]> } {
  const calls: Array<[RouteLayer, Record<string, number>]> = [];
  return {
    calls,
    set(layer: RouteLayer, routes: RouteMtus): Promise<RoutesResult> {
      calls.push([layer, Object.fromEntries(routes)]);
      return Promise.resolve({ ok: true, ms: 0, notOwned: [...routes.keys()].filter((p) => foreign.includes(p)) });
    },
  };
}

const input = (ifaceMtu: number, tunnels: readonly VpnInfo[] = [corp, tailscale]) => ({ tunnels, targets: new Set([vpnKey(corp)]), ifaceMtu });

describe("the tunnel-safe route follower", () => {
  it("follows the interface MTU: routes when it rises above the tunnel's, none when it falls to it; only changes touch the table", async () => {
    const owned = recorder();
    const f = createSafeRouteFollower({ routes: owned, log, dryRun: false });
    f.follow(input(1280));
    f.follow(input(1337));
    f.follow(input(1337));
    f.follow(input(1400));
    f.follow(input(1280));
    await f.stop();
    expect(owned.calls).toEqual([
      ["safe", {}],
      ["safe", { "100.64.0.0/10": 1280 }],
      ["safe", {}],
      ["safe", {}],
    ]);
  });

  it("follows tunnels coming and going, shows its routes in force and what it left alone, and removes them on stop", async () => {
    const owned = recorder(["100.100.100.100/32"]);
    const f = createSafeRouteFollower({ routes: owned, log, dryRun: false });
    const both: VpnInfo = { ...tailscale, tunnel: { kind: "split", prefixes: ["100.100.100.100/32", "100.64.0.0/10"] } };
    f.follow(input(1500, [corp, both]));
    f.follow(input(1500, [corp]));
    f.follow(input(1500, [corp, both]));
    await f.stop();
    expect(owned.calls.map(([, r]) => Object.keys(r))).toEqual([["100.100.100.100/32", "100.64.0.0/10"], [], ["100.100.100.100/32", "100.64.0.0/10"], []]);
    expect(f.state()).toBeNull();
    f.follow(input(1500, [corp, both]));
    await f.stop();
    expect(owned.calls).toHaveLength(5); // nothing followed after stop but stop's own removal
  });

  it("reports the routes in force and the prefixes left alone", async () => {
    const g = createSafeRouteFollower({ routes: recorder(["100.100.100.100/32"]), log, dryRun: false });
    g.follow(input(1500, [corp, { ...tailscale, tunnel: { kind: "split", prefixes: ["100.100.100.100/32", "100.64.0.0/10"] } }]));
    await g.settled();
    expect(g.state()).toEqual({ routes: [{ prefix: "100.64.0.0/10", mtu: 1280, tunnels: ["Tailscale"] }], notOwned: ["100.100.100.100/32"] });
  });

  it("in dry-run touches nothing", async () => {
    const owned = recorder();
    const f = createSafeRouteFollower({ routes: owned, log, dryRun: true });
    f.follow(input(1500));
    await f.stop();
    expect(owned.calls).toEqual([]);
  });

  it("takes its inputs from the settled network: every tunnel up; the VPN it names is the one with a target", () => {
    expect(safeRoutesInput(null, 1500)).toEqual({ tunnels: [], targets: new Set(), ifaceMtu: 1500 });
    expect(safeRoutesInput({ type: "network.settled", vpn: corp, tunnels: [tailscale, corp] }, 1337)).toEqual({ tunnels: [tailscale, corp], targets: new Set([vpnKey(corp)]), ifaceMtu: 1337 });
    // Tailscale alone, no VPN carrying the target: it has no target of its own.
    expect(safeRoutesInput({ type: "network.settled", vpn: null, tunnels: [tailscale] }, 1500)).toEqual({ tunnels: [tailscale], targets: new Set(), ifaceMtu: 1500 });
    // A journal from before `tunnels`: its one VPN.
    expect(safeRoutesInput({ type: "network.settled", vpn: corp }, 1337)).toEqual({ tunnels: [corp], targets: new Set([vpnKey(corp)]), ifaceMtu: 1337 });
  });
});
