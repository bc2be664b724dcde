import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import { vpnKey, type VpnInfo } from "../../machines/index.js";
import { tunnelSafeRoutes, type SafeRoute } from "../../src/runtime/tunnelSafeRoutes.js";
import { fcParams } from "../support/fcParams.js";

// Few prefixes, so tunnels often share one.
const prefix = fc.constantFrom("10.0.0.0/8", "10.1.0.0/16", "100.64.0.0/10", "100.100.100.100/32", "172.16.0.0/12", "0.0.0.0/1", "128.0.0.0/1");
const tunnel: fc.Arbitrary<VpnInfo> = fc.record({
  name: fc.constantFrom("Tailscale", "Ethernet 3", "Ethernet 4", "ZeroTier One", "wg0"),
  description: fc.string({ maxLength: 8 }),
  mtuHint: fc.option(fc.integer({ min: 576, max: 9000 }), { nil: null }),
  tunnel: fc.option(fc.oneof(fc.constant({ kind: "full" as const }), fc.uniqueArray(prefix, { minLength: 1, maxLength: 4 }).map((prefixes) => ({ kind: "split" as const, prefixes }))), { nil: undefined }),
}).map(({ tunnel: t, ...rest }) => (t === undefined ? rest : { ...rest, tunnel: t }));
const tunnels = fc.uniqueArray(tunnel, { maxLength: 6, selector: vpnKey });
const ifaceMtu = fc.integer({ min: 1280, max: 9000 });

/** Per prefix, the route's MTU. */
const byPrefix = (routes: readonly SafeRoute[]): Map<string, number> => new Map(routes.map((r) => [r.prefix, r.mtu]));

test.prop([tunnels, fc.func(fc.boolean()), ifaceMtu, fc.integer()], fcParams(500))("never depends on the order the adapters come in", (ts, isTarget, mtu, seed) => {
  const targets = new Set(ts.filter((t) => isTarget(vpnKey(t))).map(vpnKey));
  const shuffled = fc.sample(fc.shuffledSubarray(ts, { minLength: ts.length, maxLength: ts.length }), { seed, numRuns: 1 })[0] ?? ts;
  expect(tunnelSafeRoutes({ tunnels: shuffled, targets, ifaceMtu: mtu })).toEqual(tunnelSafeRoutes({ tunnels: ts, targets, ifaceMtu: mtu }));
});

test.prop([tunnels, fc.func(fc.boolean()), ifaceMtu], fcParams(500))(
  "a route is always below the interface MTU, and every prefix of a split tunnel without a target carries at most that tunnel's Windows MTU",
  (ts, isTarget, mtu) => {
    const targets = new Set(ts.filter((t) => isTarget(vpnKey(t))).map(vpnKey));
    const routes = byPrefix(tunnelSafeRoutes({ tunnels: ts, targets, ifaceMtu: mtu }));
    for (const m of routes.values()) expect(m).toBeLessThan(mtu);
    for (const t of ts) {
      if (targets.has(vpnKey(t)) || t.mtuHint === null || t.tunnel?.kind !== "split") continue;
      // Where the tunnel is below the interface, its prefixes get a route no larger than its MTU; else the interface already is.
      for (const p of t.tunnel.prefixes) expect(Math.min(routes.get(p) ?? mtu, mtu)).toBeLessThanOrEqual(t.mtuHint);
    }
  },
);

test.prop([tunnels, tunnel, fc.boolean(), fc.func(fc.boolean()), ifaceMtu], fcParams(500))("adding a tunnel never raises a route, nor takes one away", (ts, added, addedIsTarget, isTarget, mtu) => {
  fc.pre(!ts.some((t) => vpnKey(t) === vpnKey(added)));
  const targets = new Set(ts.filter((t) => isTarget(vpnKey(t))).map(vpnKey));
  const before = byPrefix(tunnelSafeRoutes({ tunnels: ts, targets, ifaceMtu: mtu }));
  const after = byPrefix(tunnelSafeRoutes({ tunnels: [...ts, added], targets: addedIsTarget ? new Set([...targets, vpnKey(added)]) : targets, ifaceMtu: mtu }));
  for (const [p, m] of before) {
    expect(after.has(p)).toBe(true);
    expect(after.get(p)).toBeLessThanOrEqual(m);
  }
});
