import { describe, expect, it } from "vitest";
import { recordProblem } from "../../src/journal/validate.js";

const at = "2026-11-25T10:00:00.000Z";
const settled = (vpn: unknown) => ({ v: 2, seq: 1, at, state: "Direct.idle", event: { type: "network.settled", vpn } });
const vpn = { name: "corp", description: "Corp VPN", mtuHint: 1400 };

describe("journal: a VPN's tunnel", () => {
  it("accepts a VPN without a tunnel (journals before routes were reported), a full tunnel and a split one", () => {
    expect(recordProblem(settled(vpn))).toBeNull();
    expect(recordProblem(settled({ ...vpn, tunnel: { kind: "full" } }))).toBeNull();
    expect(recordProblem(settled({ ...vpn, tunnel: { kind: "split", prefixes: ["10.0.0.0/8", "198.18.2.0/24"] } }))).toBeNull();
    expect(recordProblem(settled({ ...vpn, tunnel: { kind: "split", prefixes: [] } }))).toBeNull();
  });

  it.each([
    ["a string tunnel", "full", /field vpn\.tunnel: expected an object, got "full"/],
    ["an unknown kind", { kind: "half" }, /field vpn\.tunnel\.kind: expected one of "full", "split", got "half"/],
    ["split without prefixes", { kind: "split" }, /field vpn\.tunnel\.prefixes: expected an array, got nothing/],
    ["a prefix with host bits", { kind: "split", prefixes: ["10.0.0.1/8"] }, /field vpn\.tunnel\.prefixes\[0\]: expected an IPv4 prefix in canonical form/],
    ["a prefix with leading zeros", { kind: "split", prefixes: ["10.0.0.0/8", "010.0.0.0/8"] }, /vpn\.tunnel\.prefixes\[1\]/],
    ["markup as a prefix", { kind: "split", prefixes: ["<script>"] }, /vpn\.tunnel\.prefixes\[0\]: expected an IPv4 prefix .* got "<script>"/],
    ["a number as a prefix", { kind: "split", prefixes: [10] }, /vpn\.tunnel\.prefixes\[0\]/],
    ["a length above 32", { kind: "split", prefixes: ["10.0.0.0/33"] }, /vpn\.tunnel\.prefixes\[0\]/],
  ])("rejects %s, naming the field", (_what, tunnel, problem) => {
    expect(recordProblem(settled({ ...vpn, tunnel }))).toMatch(problem);
  });
});
