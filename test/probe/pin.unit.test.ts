import { describe, expect, it } from "vitest";
import { pinnedDevices, pinPlan } from "../../src/probe/pin.js";

// `ip -j -4 route show table main` of a WSL with a VPN's split route on another device and a Docker bridge.
const main = JSON.stringify([
  { dst: "default", gateway: "172.20.0.1", dev: "eth0", flags: [] },
  { dst: "172.20.0.0/20", dev: "eth0", protocol: "kernel", scope: "link", prefsrc: "172.20.5.9", flags: [] },
  { dst: "10.0.0.0/8", gateway: "10.9.0.1", dev: "tun0", protocol: "static", metric: 5, flags: ["onlink"] },
  { dst: "172.17.0.0/16", dev: "docker0", protocol: "kernel", scope: "link", prefsrc: "172.17.0.1", flags: ["linkdown"] },
  { dst: "192.0.2.0/24", gateway: "172.20.0.1", dev: "eth0", flags: [], metrics: [{ mtu: 1200 }] },
  { type: "unreachable", dst: "203.0.113.0/24", flags: [] },
  { dst: "198.19.0.2", gateway: "172.20.0.1", dev: "eth0", protocol: "157", flags: [], metrics: [{ mtu: 1350 }] },
]);

describe("pinPlan: the main table copied into the pin table", () => {
  it("pins every route of the device to its MTU (or its own lower one), copies the others as they are, skips our own", () => {
    const plan = pinPlan(main, "eth0", 1280, 52263);
    expect(plan).toEqual({
      ok: true,
      lines: [
        ["route", "add", "default", "via", "172.20.0.1", "dev", "eth0", "mtu", "1280", "table", "52263", "proto", "157"],
        ["route", "add", "172.20.0.0/20", "dev", "eth0", "scope", "link", "src", "172.20.5.9", "mtu", "1280", "table", "52263", "proto", "157"],
        ["route", "add", "10.0.0.0/8", "via", "10.9.0.1", "dev", "tun0", "metric", "5", "onlink", "table", "52263", "proto", "static"],
        ["route", "add", "172.17.0.0/16", "dev", "docker0", "scope", "link", "src", "172.17.0.1", "table", "52263", "proto", "kernel"],
        ["route", "add", "192.0.2.0/24", "via", "172.20.0.1", "dev", "eth0", "mtu", "1200", "table", "52263", "proto", "157"],
        ["route", "add", "unreachable", "203.0.113.0/24", "table", "52263", "proto", "boot"],
      ],
    });
  });

  it("refuses what it cannot copy exactly (several next hops, odd names, unreadable input): better not to raise", () => {
    const multipath = JSON.stringify([{ dst: "default", flags: [], nexthops: [{ gateway: "172.20.0.1", dev: "eth0" }, { gateway: "10.9.0.1", dev: "tun0" }] }]);
    expect(pinPlan(multipath, "eth0", 1280, 52263)).toMatchObject({ ok: false, reason: expect.stringMatching(/^cannot copy the route/) });
    expect(pinPlan(JSON.stringify([{ dst: "default", dev: "eth0; reboot" }]), "eth0", 1280, 52263).ok).toBe(false);
    expect(pinPlan("not json", "eth0", 1280, 52263)).toEqual({ ok: false, reason: "cannot read the main routing table" });
  });
});

describe("pinnedDevices: what a pin left by a crash says", () => {
  it("gives each pinned device the MTU it had before the raise, ignoring the copies of other devices' routes", () => {
    const plan = pinPlan(main, "eth0", 1280, 52263);
    if (!plan.ok) throw new Error(plan.reason);
    // As `ip -j route show table 52263` lists the copies.
    const listed = JSON.stringify([
      { dst: "default", gateway: "172.20.0.1", dev: "eth0", protocol: "157", flags: [], metrics: [{ mtu: 1280 }] },
      { dst: "192.0.2.0/24", gateway: "172.20.0.1", dev: "eth0", protocol: "157", flags: [], metrics: [{ mtu: 1200 }] },
      { dst: "10.0.0.0/8", gateway: "10.9.0.1", dev: "tun0", protocol: "static", metric: 5, flags: ["onlink"], metrics: [{ mtu: 1300 }] },
    ]);
    expect(pinnedDevices(listed)).toEqual(new Map([["eth0", 1280]]));
    expect(pinnedDevices("[]")).toEqual(new Map());
    expect(pinnedDevices("garbage")).toEqual(new Map());
  });
});
