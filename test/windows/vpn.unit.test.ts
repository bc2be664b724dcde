import { describe, expect, it } from "vitest";
import { sameVpn, tunnelOf, vpnKey, type VpnInfo } from "../../machines/vpn.js";

const vpn: VpnInfo = { name: "corp", description: "Corp VPN", mtuHint: 1400 };
const split = (...prefixes: string[]): VpnInfo => ({ ...vpn, tunnel: { kind: "split", prefixes } });

describe("VpnInfo tunnels (machines/vpn.ts)", () => {
  it("reads an absent tunnel as a full one", () => {
    expect(tunnelOf(vpn)).toEqual({ kind: "full" });
    expect(tunnelOf(split("10.0.0.0/8"))).toEqual({ kind: "split", prefixes: ["10.0.0.0/8"] });
  });

  it("an absent tunnel and an explicit full one are the same VPN", () => {
    expect(sameVpn(vpn, { ...vpn, tunnel: { kind: "full" } })).toBe(true);
  });

  it("compares prefixes as sets", () => {
    expect(sameVpn(split("10.0.0.0/8", "198.18.2.0/24"), split("198.18.2.0/24", "10.0.0.0/8"))).toBe(true);
    expect(sameVpn(split("10.0.0.0/8", "10.0.0.0/8"), split("10.0.0.0/8"))).toBe(true);
  });

  it("a change of prefixes or of tunnel kind is a different VPN, under the same known-MTU key", () => {
    expect(sameVpn(split("10.0.0.0/8"), split("10.0.0.0/8", "172.16.0.0/12"))).toBe(false);
    expect(sameVpn(split("10.0.0.0/8"), split("172.16.0.0/12"))).toBe(false);
    expect(sameVpn(split("10.0.0.0/8"), vpn)).toBe(false);
    expect(sameVpn(split(), vpn)).toBe(false);
    expect(vpnKey(split("10.0.0.0/8"))).toBe(vpnKey(vpn));
  });

  it("still compares names, descriptions, hints and null", () => {
    expect(sameVpn(vpn, { ...vpn, mtuHint: 1300 })).toBe(false);
    expect(sameVpn(vpn, { ...vpn, name: "other" })).toBe(false);
    expect(sameVpn(null, null)).toBe(true);
    expect(sameVpn(vpn, null)).toBe(false);
  });
});
