import { describe, expect, it } from "vitest";
import { recordProblem } from "../../src/journal/validate.js";
import { testInput } from "../support/input.js";
import { goodEvidence } from "./lines.js";

const at = "2026-11-25T10:00:00.000Z";
const init = (input: unknown) => ({ v: 1, seq: 0, at, state: "Direct.idle", event: { type: "xstate.init", input } });
const probeDone = (evidence: unknown) => ({ v: 1, seq: 1, at, state: "VpnDetected.applying", event: { type: "probe.done", workId: 1, mtu: 1372, evidence } });

describe("journal record validation", () => {
  it("accepts well-formed probe evidence, with or without the optional fields", () => {
    expect(recordProblem(probeDone(goodEvidence))).toBeNull();
    const { icmp: _i, notes: _n, ...bare } = goodEvidence;
    expect(recordProblem(probeDone(bare))).toBeNull();
    expect(recordProblem(probeDone({ ...goodEvidence, icmp: null }))).toBeNull();
  });

  it.each([
    ["empty evidence", {}, /field evidence\.method: expected one of "parallel", "sequential", got nothing/],
    ["markup as rounds", { ...goodEvidence, rounds: "<script>alert(1)</script>" }, /field evidence\.rounds: expected a non-negative integer, got "<script>/],
    ["a number as method", { ...goodEvidence, method: 5 }, /field evidence\.method: expected one of/],
    ["an unknown method", { ...goodEvidence, method: "<b>x</b>" }, /field evidence\.method/],
    ["sizes not an array", { ...goodEvidence, sizes: "x" }, /field evidence\.sizes: expected an array, got "x"/],
    ["a null size", { ...goodEvidence, sizes: [null] }, /field evidence\.sizes\[0\]: expected an object, got null/],
    ["a size with markup", { ...goodEvidence, sizes: [{ mtu: 1372, pass: true, attempts: "<i>", round: 1, ms: 40 }] }, /evidence\.sizes\[0\]\.attempts/],
    ["a size whose pass is a string", { ...goodEvidence, sizes: [{ mtu: 1372, pass: "yes", attempts: 1, round: 1, ms: 40 }] }, /evidence\.sizes\[0\]\.pass: expected true or false/],
    ["a size whose reason is a number", { ...goodEvidence, sizes: [{ mtu: 1372, pass: false, attempts: 1, round: 1, ms: 40, reason: 7 }] }, /sizes\[0\]\.reason: expected a string/],
    ["a negative duration", { ...goodEvidence, durationMs: -1 }, /evidence\.durationMs: expected a non-negative number/],
    ["icmp with markup", { ...goodEvidence, icmp: { low: "<svg onload=x>", high: 1400, ms: 1 } }, /evidence\.icmp\.low/],
    ["notes that are not strings", { ...goodEvidence, notes: [{}] }, /evidence\.notes\[0\]: expected a string/],
  ])("rejects %s, naming the field", (_what, evidence, problem) => {
    expect(recordProblem(probeDone(evidence))).toMatch(problem);
  });

  it.each([
    ["link.mtu of 1e10", { type: "link.mtu", mtu: 1e10 }, /event link\.mtu: field mtu: expected an integer from 0 to 4294967295, got 10000000000/],
    ["link.mtu of 1e300", { type: "link.mtu", mtu: 1e300 }, /field mtu: expected an integer from 0 to 4294967295, got 1e\+300/],
    ["link.mtu of -1", { type: "link.mtu", mtu: -1 }, /field mtu: expected an integer from 0/],
    ["link.mtu of 1400.5", { type: "link.mtu", mtu: 1400.5 }, /field mtu: expected an integer from 0/],
    ["a fractional apply.done", { type: "apply.done", workId: 1, mtu: 1400.5 }, /event apply\.done: field mtu/],
    ["apply.failed beyond 2^32 - 1", { type: "apply.failed", workId: 1, mtu: 2 ** 32, reason: "x" }, /event apply\.failed: field mtu/],
    ["a probe result of 1e9", { type: "probe.done", workId: 1, mtu: 1e9, evidence: goodEvidence }, /event probe\.done: field mtu:/],
    ["a probed size of 1e9", { type: "probe.done", workId: 1, mtu: 1372, evidence: { ...goodEvidence, sizes: [{ mtu: 1e9, pass: true, attempts: 1, round: 1, ms: 1 }] } }, /evidence\.sizes\[0\]\.mtu/],
    ["an ICMP bound of 1e300", { type: "probe.done", workId: 1, mtu: 1372, evidence: { ...goodEvidence, icmp: { low: 1280, high: 1e300, ms: 1 } } }, /evidence\.icmp\.high/],
    ["a Windows MTU hint of 1e9", { type: "network.settled", vpn: { name: "v", description: "d", mtuHint: 1e9 } }, /field vpn\.mtuHint: expected an integer from 1 to 65535/],
  ])("rejects an MTU out of the IPv4 range: %s", (_what, event, problem) => {
    expect(recordProblem({ v: 1, seq: 1, at, state: "Direct.idle", event })).toMatch(problem);
  });

  it("accepts the IPv4 MTU limits themselves", () => {
    for (const mtu of [68, 65535]) expect(recordProblem({ v: 1, seq: 1, at, state: "Direct.idle", event: { type: "link.mtu", mtu } })).toBeNull();
  });

  it("shortens a long bad value in the message", () => {
    expect(recordProblem(probeDone({ ...goodEvidence, method: "x".repeat(500) }))?.length).toBeLessThan(200);
  });

  it("does not take an inherited property for an event type", () => {
    expect(recordProblem({ ...probeDone(goodEvidence), event: { type: "constructor" } })).toBe('unknown event type "constructor"');
  });

  it("accepts the input the agent writes, profiles and known MTUs included", () => {
    const input = testInput({ profiles: [{ match: "AnyConnect", mtu: 1360 }], known: { "Ethernet 3\u0000Cisco": 1372 } });
    expect(recordProblem(init(input))).toBeNull();
  });

  it.each([
    ["input not an object", 5, /xstate\.init: input: expected an object, got 5/],
    ["a number as profile", testInput({ profiles: [5] as never }), /input\.profiles\[0\]: expected an object, got 5/],
    ["a null profile", testInput({ profiles: [null] as never }), /input\.profiles\[0\]: expected an object, got null/],
    ["a profile match that is a number", testInput({ profiles: [{ match: 5, mtu: 1400 }] as never }), /input\.profiles\[0\]\.match: expected a string, got 5/],
    ["a profile MTU of 1e9", testInput({ profiles: [{ match: "x", mtu: 1e9 }] }), /input\.profiles\[0\]\.mtu: expected an integer from 68 to 65535/],
    ["profiles not an array", testInput({ profiles: {} as never }), /input\.profiles: expected an array/],
    ["a known MTU that is a string", testInput({ known: { vpn: "1400" as never } }), /input\.known\["vpn"\]: expected an integer from 68/],
    ["baselineFixed as a string", testInput({ baselineFixed: "yes" as never }), /input\.baselineFixed: expected true or false, got "yes"/],
    ["restoreOnStop missing", { ...testInput(), restoreOnStop: undefined }, /input\.restoreOnStop: expected true or false, got nothing/],
    ["a negative interval", testInput({ healthIntervalMs: -1 }), /input\.healthIntervalMs: expected a non-negative integer, got -1/],
    ["a maxMtu of 1e300", testInput({ maxMtu: 1e300 }), /input\.maxMtu: expected an integer from 68 to 65535/],
  ])("rejects an init record with %s, naming the field", (_what, input, problem) => {
    expect(recordProblem(init(input))).toMatch(problem);
  });
});
