import { describe, expect, it } from "vitest";
import { KNOWN_LIMITS, knownOfPaths, pathsCheckpointOf, pathsFromCheckpoint, vpnKey, type PathsCheckpoint, type VpnInfo } from "../../machines/index.js";
import { checkpointProblem } from "../../src/journal/checkpointShape.js";
import { MAX_JOURNAL_LINE } from "../../src/journal/reader.js";
import { encodeRecord, type JournalEvent } from "../../src/journal/record.js";
import { testInput } from "../support/input.js";
import { PathsHarness } from "./pathsHarness.js";

const corpA: VpnInfo = { name: "Ethernet 3", description: "Cisco AnyConnect Secure Mobility Client", mtuHint: 1400, tunnel: { kind: "split", prefixes: ["198.19.0.0/24"] } };
const corpB: VpnInfo = { name: "Zscaler", description: "Zscaler Network Adapter 1.0.2.0", mtuHint: 1360, tunnel: { kind: "split", prefixes: ["198.19.32.0/24"] } };
const targetA = { url: "https://a.corp.example/", address: "198.19.0.2" };
const targetB = { url: "https://b.corp.example/", address: "198.19.32.2" };
const B = vpnKey(corpB);
// Zscaler's profile names its own URL: that is what gives it a target of its own.
const input = testInput({ iface: "eth0", profiles: [{ match: "zscaler", url: targetB.url }] });
const both = { type: "network.settled" as const, vpn: corpA, probeTarget: targetA, targets: [{ vpn: corpB, probeTarget: targetB }] };

describe("paths: every VPN with a target gets its own exact MTU", () => {
  it("two corporate VPNs connect in one settled network: each is probed with its own URL and gets its own MTU on its own prefixes", () => {
    const h = new PathsHarness(input);
    const effects = h.send(both);
    const probes = effects.filter((e) => e.type === "startProbe");
    expect(probes.map((p) => [p.params.path, p.params.url])).toEqual([[undefined, undefined], [B, targetB.url]]);
    h.settle({ "": 1372, [B]: 1300 });
    expect([h.state(), h.state(corpB)]).toEqual(["Applied.steady", "Applied.steady"]);
    expect(h.kernelRoutes.get("")).toEqual({ prefixes: ["198.19.0.0/24"], mtu: 1372 });
    expect(h.kernelRoutes.get(B)).toEqual({ prefixes: ["198.19.32.0/24"], mtu: 1300 });
    expect(h.paths.others[B]?.context.appliedMtu).toBe(1300);
  });

  it("one of them disconnects: its path alone restores (its routes removed) and is retired; the other keeps its MTU untouched", () => {
    const h = new PathsHarness(input);
    h.send(both);
    h.settle({ "": 1372, [B]: 1300 });
    const effects = h.send({ type: "network.settled", vpn: corpA, probeTarget: targetA });
    expect(effects.map((e) => [e.type, e.params.path])).toEqual([["cancelTimer", B], ["applyMtu", B]]);
    expect(effects.find((e) => e.type === "applyMtu")?.params).toMatchObject({ reason: "restore", routes: [] });
    h.settle();
    expect(h.paths.others).toEqual({});
    expect(h.state()).toBe("Applied.steady");
    expect([...h.kernelRoutes.keys()]).toEqual([""]);
  });

  it("both disconnect in the same settled network: each restores its own", () => {
    const h = new PathsHarness(input);
    h.send(both);
    h.settle({ "": 1372, [B]: 1300 });
    h.send({ type: "network.settled", vpn: null });
    h.settle();
    expect(h.state()).toBe("Direct.idle");
    expect(h.paths.others).toEqual({});
    expect(h.kernelRoutes.size).toBe(0);
  });

  it("another VPN's path never touches the interface, even for a full tunnel: routes only (0/1 + 128/1)", () => {
    const h = new PathsHarness(input);
    const full: VpnInfo = { ...corpB, tunnel: { kind: "full" } };
    h.send({ type: "network.settled", vpn: null, targets: [{ vpn: full, probeTarget: targetB }] });
    h.settle({ [vpnKey(full)]: 1300 });
    expect(h.emitted.filter((e) => e.type === "applyMtu").every((e) => e.params.routes !== undefined)).toBe(true);
    expect(h.kernelRoutes.get(vpnKey(full))).toEqual({ prefixes: ["0.0.0.0/1", "128.0.0.0/1"], mtu: 1300 });
    // WSL rewriting the interface is main's business alone.
    expect(h.send({ type: "link.mtu", mtu: 1280, iface: "eth0" })).toEqual([]);
  });

  it("a result for a retired path, or one answering superseded work of a path, changes nothing", () => {
    const h = new PathsHarness(input);
    h.send(both);
    const stale = h.pending.find((e) => e.type === "startProbe" && e.params.path === B);
    h.send({ type: "network.settled", vpn: corpA, probeTarget: targetA });
    h.settle();
    const before = h.paths;
    expect(stale).toBeDefined();
    if (stale !== undefined) expect(h.send(h.answer(stale))).toEqual([]);
    expect(h.paths.main).toBe(before.main);
    expect(h.paths.others).toEqual({});
  });

  it("agent.stop restores every path's routes", () => {
    const h = new PathsHarness(input);
    h.send(both);
    h.settle({ "": 1372, [B]: 1300 });
    const effects = h.send({ type: "agent.stop" });
    expect(effects.filter((e) => e.type === "applyMtu").map((e) => [e.params.path, e.params.routes])).toEqual([[undefined, []], [B, []]]);
  });
});

describe("paths: what state.json keeps", () => {
  it("a retired path's verified MTU is kept; one a path forgot after a failed verification is not", () => {
    const h = new PathsHarness(input);
    h.send(both);
    h.settle({ "": 1372, [B]: 1300 });
    expect(knownOfPaths(h.paths)[B]).toBe(1300);
    h.send({ type: "network.settled", vpn: corpA, probeTarget: targetA });
    h.settle();
    expect(h.paths.others).toEqual({});
    expect(knownOfPaths(h.paths)[B]).toBe(1300);
    // Back again: its known MTU is applied and fails verification: forgotten.
    h.send(both);
    const apply = h.pending.find((e) => e.type === "applyMtu" && e.params.path === B);
    expect(apply?.params).toMatchObject({ mtu: 1300, routes: ["198.19.32.0/24"] });
    if (apply === undefined) return;
    h.pending.splice(h.pending.indexOf(apply), 1);
    h.send(h.answer(apply));
    const verify = h.pending.find((e) => e.type === "verify" && e.params.path === B);
    if (verify?.type !== "verify") throw new Error("no verification");
    h.send({ type: "verify.failed", workId: verify.params.workId, reason: "timeout", path: B });
    expect(knownOfPaths(h.paths)[B]).toBeUndefined();
  });
});

describe("paths: checkpoints", () => {
  it("a checkpoint holds every path and reads back to the same states, valid for the journal reader", () => {
    const h = new PathsHarness(input);
    h.send(both);
    h.settle({ "": 1372, [B]: 1300 });
    const cp = JSON.parse(JSON.stringify(pathsCheckpointOf(h.paths))) as PathsCheckpoint;
    expect(checkpointProblem(cp)).toBeNull();
    const back = pathsFromCheckpoint(cp);
    expect(back.others[B]?.context).toEqual(h.paths.others[B]?.context);
    expect(back.main.context).toEqual(h.paths.main.context);
  });
});

describe("paths: bounded", () => {
  it("sixteen other VPNs with the longest names and 256 prefixes each, all verified: the checkpoint and the settled event stay below the journal's line limit", () => {
    const name = (i: number) => `${String(i).padStart(2, "0")}${"Zscaler ".repeat(127)}`.slice(0, 1024);
    const prefixes = Array.from({ length: 256 }, (_, j) => `10.${j}.0.0/16`);
    const vpns: VpnInfo[] = Array.from({ length: 16 }, (_, i) => ({ name: name(i), description: "x".repeat(1024), mtuHint: 1400, tunnel: { kind: "split", prefixes } }));
    const h = new PathsHarness(testInput({ iface: "eth0", profiles: [{ match: "zscaler", url: "https://b.corp.example/" }] }));
    const settled = { type: "network.settled" as const, vpn: corpA, probeTarget: targetA, tunnels: [corpA, ...vpns], targets: vpns.map((vpn) => ({ vpn, probeTarget: targetB })) };
    h.send(settled);
    h.settle();
    expect(Object.keys(h.paths.others)).toHaveLength(16);
    const line = (event: unknown) => Buffer.byteLength(encodeRecord({ v: 2, seq: 1, at: "2026-12-08T00:00:00.000Z", event: event as JournalEvent, state: "Applied.steady" }));
    expect(line({ type: "journal.checkpoint", snapshot: pathsCheckpointOf(h.paths) })).toBeLessThan(MAX_JOURNAL_LINE);
    expect(line(settled)).toBeLessThan(MAX_JOURNAL_LINE);
  });
});

describe("paths: state.json stays within the bounds of known", () => {
  it("entries pushed out of main's known are not taken back from the stored file", () => {
    // A state.json of 40 verified VPNs (a hand-edited one, or one written by an earlier version).
    const stored = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`VPN ${i}\u0000PANGP ${i}`, 1300 + i]));
    const h = new PathsHarness({ ...input, known: stored });
    const kept = knownOfPaths(h.paths);
    expect(Object.keys(kept).length).toBeLessThanOrEqual(KNOWN_LIMITS.entries);
    expect(Object.keys(kept).at(-1)).toBe("VPN 39\u0000PANGP 39");
  });
});
