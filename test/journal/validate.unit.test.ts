import { describe, expect, it } from "vitest";
import { recordProblem } from "../../src/journal/validate.js";
import { goodEvidence } from "./lines.js";

const at = "2026-11-25T10:00:00.000Z";
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

  it("shortens a long bad value in the message", () => {
    expect(recordProblem(probeDone({ ...goodEvidence, method: "x".repeat(500) }))?.length).toBeLessThan(200);
  });

  it("does not take an inherited property for an event type", () => {
    expect(recordProblem({ ...probeDone(goodEvidence), event: { type: "constructor" } })).toBe('unknown event type "constructor"');
  });
});
