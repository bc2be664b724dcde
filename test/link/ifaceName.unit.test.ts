import { describe, expect, it } from "vitest";
import { parseProbeFlags } from "../../src/cli/commands/probe.js";
import { validateConfig } from "../../src/config/validate.js";
import { clampProblem } from "../../src/effects/clampRules.js";
import { setIpv6Mtu } from "../../src/effects/ipv6.js";
import { recordProblem } from "../../src/journal/validate.js";
import { isKernelIfaceName, isPlainIfaceName } from "../../src/link/ifaceName.js";

const url = "https://198.18.0.2/";
const linkRecord = (iface: string) => ({ v: 1, seq: 1, at: "2026-11-25T10:00:00.000Z", state: "Direct.idle", event: { type: "link.mtu", mtu: 1400, iface } });

describe("interface names", () => {
  it.each(["eth0", "wg+1", "vpn#1", "é", "a".repeat(15), "tun.0"])("the kernel accepts %j", (name) => {
    expect(isKernelIfaceName(name)).toBe(true);
  });

  it.each(["", ".", "..", "a/b", "a:b", "a b", "a\tb", "a\u0007", "a".repeat(16), "é".repeat(8)])("the kernel refuses %j", (name) => {
    expect(isKernelIfaceName(name)).toBe(false);
  });

  it.each(["eth0", "wg+1", "tun.0", "a@b", "a_b-c"])("%j can be written into nft rules and /proc paths", (name) => {
    expect(isPlainIfaceName(name)).toBe(true);
  });

  it.each([".", "..", "vpn#1", "é", 'a"b', "a}b", "a".repeat(16)])("%j cannot", (name) => {
    expect(isPlainIfaceName(name)).toBe(false);
  });
});

// Each validator uses the rule for where the name goes: the config and the journal hold what the
// kernel allows; probe --interface, the IPv6 MTU path and the MSS clamp's rules the plain names.
describe("every validator uses the one rule", () => {
  it("the config and the journal refuse a name the kernel refuses and accept one it allows", () => {
    expect(validateConfig({ interface: "a b" }).ok).toBe(false);
    expect(recordProblem(linkRecord("a b"))).toMatch(/an interface name of 1 to 15 characters/);
    expect(validateConfig({ interface: "vpn#1" }).ok).toBe(true);
    expect(recordProblem(linkRecord("vpn#1"))).toBeNull();
  });

  it.each([".", ".."])("probe --interface, the IPv6 MTU and the clamp refuse %j (a path component, not a name)", async (name) => {
    expect(() => parseProbeFlags({ url, interface: name })).toThrow(/--interface is not an interface name/);
    expect(await setIpv6Mtu(name, 1000)).toEqual({ ok: false, reason: `not an interface name: ${name}` });
    expect(clampProblem({ iface: name, mtu: 1400 })).toMatch(/cannot be written into an nftables rule/);
  });

  it("probe --interface takes a name with '+', as the clamp does", () => {
    expect(parseProbeFlags({ url, interface: "wg+1" }).iface).toBe("wg+1");
    expect(clampProblem({ iface: "wg+1", mtu: 1400 })).toBeNull();
  });
});
