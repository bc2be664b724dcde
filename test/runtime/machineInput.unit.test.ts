import { describe, expect, it } from "vitest";
import { validateConfig } from "../../src/config/index.js";
import { listsIpv6 } from "../../src/effects/ipv6.js";
import { effectiveBaseline, effectiveMinMtu, machineInput } from "../../src/runtime/machineInput.js";

const config = (probe: Record<string, number>) => {
  const r = validateConfig({ interface: "eth0", probe });
  if (!r.ok) throw new Error(r.problems.join("; "));
  return r.config;
};
const facts = { baselineMtu: 1500, baselineFixed: false, currentMtu: 1500, known: {}, dryRun: false };

describe("the IPv6 floor: an interface carrying IPv6 is never set below 1280", () => {
  it("raises probe.minMtu to 1280 on an interface with IPv6 addresses, and says why", () => {
    const c = config({ minMtu: 1200 });
    expect(machineInput(c, { ...facts, ipv6: true }).minMtu).toBe(1280);
    expect(effectiveMinMtu(c, { ipv6: true }).raised).toBe("eth0 carries IPv6 addresses, which Linux removes below MTU 1280: probe.minMtu 1200 raised to 1280");
  });
  it("keeps the configured minimum without IPv6, when unknown, or when it is 1280 or more", () => {
    expect(machineInput(config({ minMtu: 1200 }), { ...facts, ipv6: false }).minMtu).toBe(1200);
    expect(machineInput(config({ minMtu: 1200 }), facts).minMtu).toBe(1200);
    expect(effectiveMinMtu(config({ minMtu: 1300 }), { ipv6: true })).toEqual({ minMtu: 1300, raised: null });
  });
  it("keeps the range non-empty when probe.maxMtu lies below the floor", () => {
    const input = machineInput(config({ minMtu: 1100, maxMtu: 1200 }), { ...facts, ipv6: true });
    expect([input.minMtu, input.maxMtu]).toEqual([1280, 1280]);
  });
  it("restores a baseline below 1280 as 1280 on an interface with IPv6 addresses, and says why", () => {
    const c = config({});
    expect(machineInput(c, { ...facts, baselineMtu: 1000, ipv6: true }).baselineMtu).toBe(1280);
    expect(effectiveBaseline(c, { baselineMtu: 1000, ipv6: true, iface: "eth1" }).raised).toBe("eth1 carries IPv6 addresses, which Linux removes below MTU 1280: baseline 1000 raised to 1280, restored instead of it");
  });
  it("keeps the baseline without IPv6, when unknown, or when it is 1280 or more", () => {
    const c = config({});
    expect(machineInput(c, { ...facts, baselineMtu: 1000, ipv6: false }).baselineMtu).toBe(1000);
    expect(machineInput(c, { ...facts, baselineMtu: 1000 }).baselineMtu).toBe(1000);
    expect(effectiveBaseline(c, { baselineMtu: 1280, ipv6: true })).toEqual({ baselineMtu: 1280, raised: null });
  });
  it("reads IPv6 addresses (link-local ones count) from `ip -j -6 addr show`", () => {
    expect(listsIpv6(JSON.stringify([{ ifname: "eth0", addr_info: [{ family: "inet6", local: "fe80::1", scope: "link" }] }]))).toBe(true);
    expect(listsIpv6(JSON.stringify([{ ifname: "eth0", addr_info: [] }]))).toBe(false);
    expect(listsIpv6("[]")).toBe(false);
    expect(listsIpv6("no json")).toBe(false);
  });
});
