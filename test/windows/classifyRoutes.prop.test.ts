import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import { tunnelOf } from "../../machines/vpn.js";
import { classify, createClassifier, type AdapterSnapshot } from "../../src/windows/index.js";
import { compareClaims, defaultClaim } from "../../src/windows/defaultRoute.js";
import { isCanonicalPrefix } from "../../src/windows/prefix.js";
import { fcParams } from "../support/fcParams.js";

const c = createClassifier();
const prefix = fc.constantFrom("0.0.0.0/0", "0.0.0.0/1", "128.0.0.0/1", "10.0.0.0/8", "10.1.0.0/16", "172.16.0.0/12", "198.18.2.0/24");
const route = fc.record({ prefix, metric: fc.option(fc.nat(50), { nil: undefined }) }).map((r) => (r.metric === undefined ? { prefix: r.prefix } : r));
// Few names, some a pattern names, so adapters collide and both detection paths are taken.
const adapter: fc.Arbitrary<AdapterSnapshot> = fc.record(
  {
    name: fc.constantFrom("Wi-Fi", "Ethernet 2", "Ethernet 9", "vEthernet (WSL)"),
    description: fc.constantFrom("Intel(R) Wi-Fi", "PANGP Virtual Ethernet Adapter", "Acme Secure Edge", "Hyper-V Virtual Ethernet Adapter"),
    status: fc.constantFrom("Up", "up", "Disconnected"),
    mtu: fc.integer({ min: 1280, max: 1500 }),
    defaultRoute: fc.boolean(),
    metric: fc.nat(50),
    virtual: fc.boolean(),
    interfaceType: fc.constantFrom(6, 23, 53, 71, 131),
    routes: fc.array(route, { maxLength: 5 }),
  },
  { requiredKeys: ["name", "description", "status", "mtu"] },
);
const isUp = (a: AdapterSnapshot) => a.status.toLowerCase() === "up";
const matchesPattern = (a: AdapterSnapshot) => a.description.startsWith("PANGP") && !/vethernet|hyper-v/i.test(a.name + a.description);

// Windows adapter names are unique; two adapters alike in all but routes would make the order matter.
test.prop([fc.uniqueArray(adapter, { maxLength: 4, selector: (a) => a.name })], fcParams(1000))(
  "the VPN does not depend on adapter order; an unnamed one is virtual and owns the default route; split prefixes are canonical and its own",
  (adapters) => {
    const vpn = classify({ adapters }, c);
    expect(classify({ adapters: [...adapters].reverse() }, c)).toEqual(vpn);
    if (vpn === null) return;
    const chosen = adapters.filter((a) => isUp(a) && a.name === vpn.name && a.description === vpn.description && a.mtu === vpn.mtuHint);
    expect(chosen.length).toBeGreaterThan(0);
    const named = chosen.some(matchesPattern);
    if (!named) {
      const owner = chosen.find((a) => (a.virtual === true || [23, 53, 131].includes(a.interfaceType ?? -1)) && adapters.filter(isUp).every((o) => compareClaims(defaultClaim(a), defaultClaim(o)) <= 0));
      expect(owner, "an unnamed VPN must be virtual and own the default route").toBeDefined();
      expect(defaultClaim(owner as AdapterSnapshot)).not.toBeNull();
    }
    const tunnel = tunnelOf(vpn);
    if (tunnel.kind === "split") {
      expect(tunnel.prefixes.every(isCanonicalPrefix)).toBe(true);
      expect([...tunnel.prefixes].sort()).toEqual([...new Set(tunnel.prefixes)].sort());
      expect(tunnel.prefixes).not.toContain("0.0.0.0/0");
      const own = new Set(chosen.flatMap((a) => (a.routes ?? []).map((r) => r.prefix)));
      expect(tunnel.prefixes.every((p) => own.has(p))).toBe(true);
    }
  },
);
