import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import { classify, createClassifier, defaultVpnPatterns, type AdapterSnapshot } from "../../src/windows/index.js";
import { fcParams } from "../support/fcParams.js";

const c = createClassifier();
// Names mix vendor words, exclusion words and arbitrary text (shell metacharacters included).
const word = fc.oneof(fc.constantFrom(...defaultVpnPatterns, "vEthernet", "Hyper-V", "loopback", "Ethernet", "$(x)", "`;|&"), fc.string());
const text = fc.array(word, { maxLength: 3 }).map((ws) => ws.join(" "));
const adapter: fc.Arbitrary<AdapterSnapshot> = fc.record(
  {
    name: text,
    description: text,
    status: fc.constantFrom("Up", "up", "Down", "Disconnected", "Not Present"),
    mtu: fc.integer({ min: 576, max: 9000 }),
    defaultRoute: fc.boolean(),
    metric: fc.nat({ max: 1000 }),
  },
  { requiredKeys: ["name", "description", "status", "mtu"] },
);
const excluded = (a: AdapterSnapshot) => /vethernet|hyper-v|loopback/i.test(`${a.name}\n${a.description}`);

test.prop([fc.array(adapter, { maxLength: 8 })], fcParams(500))(
  "picks an Up, non-excluded adapter from the snapshot, whatever the order",
  (adapters) => {
    const vpn = classify({ adapters }, c);
    const reversed = classify({ adapters: [...adapters].reverse() }, c);
    expect(reversed).toEqual(vpn);
    if (vpn === null) return;
    const same = (a: AdapterSnapshot) => a.name === vpn.name && a.description === vpn.description && a.mtu === vpn.mtuHint;
    expect(adapters.some((a) => same(a) && a.status.toLowerCase() === "up" && !excluded(a))).toBe(true);
  },
);
