import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import { prefixContains } from "../../machines/cidr.js";
import { carrierOf, createClassifier, type AdapterSnapshot } from "../../src/windows/index.js";
import { fcParams } from "../support/fcParams.js";

const c = createClassifier();
const PREFIXES = ["0.0.0.0/0", "0.0.0.0/1", "128.0.0.0/1", "10.0.0.0/8", "10.1.0.0/16", "100.64.0.0/10", "100.100.100.100/32", "172.16.0.0/12", "198.18.2.0/24"];
const address = fc.constantFrom("10.1.2.3", "10.200.0.1", "100.100.100.100", "100.70.0.1", "172.16.5.5", "198.18.2.9", "203.0.113.7");
const route = (prefixes: readonly string[]) => fc.record({ prefix: fc.constantFrom(...prefixes), metric: fc.option(fc.nat(50), { nil: undefined }) }).map((r) => (r.metric === undefined ? { prefix: r.prefix } : r));
const adapter = (names: readonly string[], prefixes: readonly string[], withDefault = true): fc.Arbitrary<AdapterSnapshot> =>
  fc.record(
    {
      name: fc.constantFrom(...names),
      description: fc.constantFrom("Intel(R) Wi-Fi", "PANGP Virtual Ethernet Adapter", "Tailscale Tunnel", "Acme Secure Edge", "Hyper-V Virtual Ethernet Adapter"),
      status: fc.constantFrom("Up", "up", "Disconnected"),
      mtu: fc.integer({ min: 1280, max: 1500 }),
      defaultRoute: withDefault ? fc.boolean() : fc.constant(false),
      metric: fc.nat(50),
      virtual: fc.boolean(),
      interfaceType: fc.constantFrom(6, 23, 53, 71, 131),
      routes: fc.array(route(prefixes), { maxLength: 4 }),
    },
    { requiredKeys: ["name", "description", "status", "mtu", ...(withDefault ? [] : (["defaultRoute", "routes"] as const))] },
  );
const adapters = fc.uniqueArray(adapter(["Wi-Fi", "Ethernet 2", "Ethernet 9", "Tailscale", "vEthernet (WSL)"], PREFIXES), { maxLength: 5, selector: (a) => a.name });

test.prop([adapters, fc.option(address, { nil: null })], fcParams(1000))("the VPN carrying an address does not depend on adapter order", (list, to) => {
  expect(carrierOf({ adapters: [...list].reverse() }, c, to)).toEqual(carrierOf({ adapters: list }, c, to));
});

test.prop([adapters, address, fc.nat(100)], fcParams(1000))("adding a tunnel that does not carry the address never changes which VPN carries it", (list, to, seed) => {
  const outside = PREFIXES.filter((p) => !prefixContains(p, to));
  const extra = fc.sample(adapter(["Zscaler"], outside.length > 0 ? outside : ["192.0.2.0/24"], false), { numRuns: 1, seed })[0] as AdapterSnapshot;
  const added = { ...extra, description: "Zscaler Network Adapter", status: "Up" };
  for (const at of [0, list.length]) {
    const withIt = [...list.slice(0, at), added, ...list.slice(at)];
    expect(carrierOf({ adapters: withIt }, c, to)).toEqual(carrierOf({ adapters: list }, c, to));
  }
});
