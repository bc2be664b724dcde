import { describe, expect, it } from "vitest";
import { boundKnown, MAX_ADAPTER_TEXT, vpnKey, type VpnInfo } from "../../machines/index.js";
import { testInput } from "../support/input.js";
import { Harness } from "./harness.js";

const vpn = (i: number, pad = ""): VpnInfo => ({ name: `E${i}${pad}`, description: `PANGP ${i}${pad}`, mtuHint: 1400 });

/** Connects `v` (a profile gives every PANGP 1400), verifies it and disconnects: one verified identity more. */
function verifyOnce(h: Harness, v: VpnInfo): void {
  h.send({ type: "network.settled", vpn: v });
  h.drainApplies();
  const check = h.verifies.at(-1);
  if (check === undefined) throw new Error(`no verification for ${v.name}`);
  h.send({ type: "verify.passed", workId: check.workId });
  expect(h.state).toBe("Applied.steady");
  h.send({ type: "network.settled", vpn: null });
  h.drainApplies();
}

const jsonBytes = (o: unknown): number => Buffer.byteLength(JSON.stringify(o));

describe("the known MTUs are bounded, least recently verified out", () => {
  it("keeps the 32 most recently verified VPNs of 40, in the order they were verified", () => {
    const h = new Harness(testInput({ profiles: [{ match: "pangp", mtu: 1400 }] }));
    h.send({ type: "network.settled", vpn: null });
    for (let i = 0; i < 40; i++) verifyOnce(h, vpn(i));
    expect(Object.keys(h.snapshot.context.known)).toEqual(Array.from({ length: 32 }, (_, k) => vpnKey(vpn(k + 8))));
  });

  it("a VPN verified again becomes the most recent: the one verified longest ago goes, not the first added", () => {
    const h = new Harness(testInput({ profiles: [{ match: "pangp", mtu: 1400 }] }));
    h.send({ type: "network.settled", vpn: null });
    for (let i = 0; i < 32; i++) verifyOnce(h, vpn(i));
    verifyOnce(h, vpn(0));
    verifyOnce(h, vpn(32));
    const keys = Object.keys(h.snapshot.context.known);
    expect(keys).toHaveLength(32);
    expect(keys).toContain(vpnKey(vpn(0)));
    expect(keys).not.toContain(vpnKey(vpn(1)));
    expect(keys.slice(-2)).toEqual([vpnKey(vpn(0)), vpnKey(vpn(32))]);
  });

  it("an evicted VPN is probed again instead of applied from memory", () => {
    const h = new Harness(testInput());
    h.send({ type: "network.settled", vpn: null });
    // Probed VPNs (no profile): the answer becomes known after its verification.
    for (let i = 0; i < 33; i++) {
      h.send({ type: "network.settled", vpn: vpn(i) });
      const probe = h.probes.at(-1);
      if (probe === undefined) throw new Error("no probe");
      h.send({ type: "probe.done", workId: probe.workId, mtu: 1372, evidence: { method: "parallel", rounds: 1, durationMs: 1, sizes: [] } });
      h.drainApplies();
      const check = h.verifies.at(-1);
      if (check === undefined) throw new Error("no verification");
      h.send({ type: "verify.passed", workId: check.workId });
      h.send({ type: "network.settled", vpn: null });
      h.drainApplies();
    }
    h.send({ type: "network.settled", vpn: vpn(32) });
    expect(h.state).toBe("VpnDetected.applying");
    h.send({ type: "network.settled", vpn: null });
    h.drainApplies();
    h.send({ type: "network.settled", vpn: vpn(0) });
    expect(h.state).toBe("Probing");
  });

  it("names of control characters at the watcher's limit: the map stays within 64 KiB of JSON, keeping the newest", () => {
    const h = new Harness(testInput({ profiles: [{ match: "pangp", mtu: 1400 }] }));
    h.send({ type: "network.settled", vpn: null });
    const long = (i: number): VpnInfo => ({ name: `E${i}`.padEnd(MAX_ADAPTER_TEXT, "\u0001"), description: `PANGP ${i}`.padEnd(MAX_ADAPTER_TEXT, "\u0001"), mtuHint: 1400 });
    for (let i = 0; i < 12; i++) verifyOnce(h, long(i));
    const known = h.snapshot.context.known;
    expect(jsonBytes(known)).toBeLessThanOrEqual(64 * 1024);
    // Each such entry is about 12 KiB of JSON: five fit.
    expect(Object.keys(known)).toEqual([7, 8, 9, 10, 11].map((i) => vpnKey(long(i))));
  });

  it("a VPN whose name is longer than the watcher accepts is not remembered (only a journal can carry one)", () => {
    const h = new Harness(testInput({ profiles: [{ match: "pangp", mtu: 1400 }] }));
    h.send({ type: "network.settled", vpn: null });
    verifyOnce(h, vpn(1));
    verifyOnce(h, { name: "x".repeat(3000), description: "PANGP", mtuHint: 1400 });
    expect(Object.keys(h.snapshot.context.known)).toEqual([vpnKey(vpn(1))]);
  });

  it("a start with more known MTUs than the bounds keeps the newest (a hand-edited state.json, an old journal)", () => {
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [vpnKey(vpn(i)), 1300 + i]));
    const h = new Harness(testInput({ known: many }));
    expect(Object.keys(h.snapshot.context.known)).toEqual(Object.keys(many).slice(68));
    expect(boundKnown({ [vpnKey(vpn(1))]: 1400 })).toEqual({ [vpnKey(vpn(1))]: 1400 });
  });
});
