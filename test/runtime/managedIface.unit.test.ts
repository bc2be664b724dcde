import { describe, expect, it } from "vitest";
import { start, step } from "../../machines/index.js";
import { parseMonitorLink } from "../../src/effects/watchMtu.js";
import { parseLinkState, refusal } from "../../src/runtime/managedIface.js";
import { persistedFrom } from "../../src/runtime/persistedFrom.js";
import { storedBaseline } from "../../src/runtime/stateStore.js";
import { testInput, vpnA } from "../support/input.js";

describe('interface "auto": which interfaces may be managed', () => {
  it("reads MTU and the UP flag from ip -j link show", () => {
    expect(parseLinkState('[{"ifname":"eth1","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"mtu":9000}]')).toEqual({ mtu: 9000, up: true });
    expect(parseLinkState('[{"ifname":"eth1","flags":["BROADCAST","MULTICAST"],"mtu":1500}]')).toEqual({ mtu: 1500, up: false });
    expect(parseLinkState("not json")).toBeNull();
  });

  it("never lo, loopback0 or a down interface", () => {
    expect(refusal("lo", { mtu: 65536, up: true })).toMatch(/loopback/);
    expect(refusal("loopback0", { mtu: 1500, up: true })).toMatch(/loopback/);
    expect(refusal("eth1", { mtu: 1500, up: false })).toBe("eth1 is down");
    expect(refusal("eth1", { mtu: 9000, up: true })).toBeNull();
  });

  it("the link monitor reports every link, and no deletion", () => {
    expect(parseMonitorLink("7: eth1@if6: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9000 qdisc noqueue state UP")).toEqual({ name: "eth1", mtu: 9000 });
    expect(parseMonitorLink("Deleted 7: eth1@if6: <BROADCAST,MULTICAST> mtu 9000 qdisc noop state DOWN")).toBeNull();
  });
});

describe("the baseline is kept per interface", () => {
  it("state.json gets each managed interface's baseline under its name", () => {
    let [s] = start(testInput({ iface: "eth0" }));
    [s] = step(s, { type: "network.settled", vpn: null });
    [s] = step(s, { type: "network.settled", vpn: vpnA, iface: { name: "eth1", mtu: 9000 } });
    const stored = persistedFrom(s.context, { baselineMtu: 1500, known: {}, baselines: { eth0: 1500 } });
    expect(stored).toMatchObject({ baselineMtu: 9000, baselines: { eth0: 1500, eth1: 9000 } });
  });

  it("an old state.json's single baseline belongs to the interface the old agent managed", () => {
    const old = { baselineMtu: 1500, known: {} };
    expect(storedBaseline(old, "eth0", "eth0")).toBe(1500);
    expect(storedBaseline(old, "eth1", "eth0")).toBeNull();
    expect(storedBaseline({ ...old, baselines: { eth1: 9000 } }, "eth1", "eth0")).toBe(9000);
    expect(storedBaseline({ ...old, baselines: { eth1: 9000 } }, "eth0", "eth0")).toBeNull();
  });
});
