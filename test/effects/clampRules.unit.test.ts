import { describe, expect, it } from "vitest";
import { clampProblem, clampRemoveScript, clampRules, clampScript, prefixFamily, uncovered } from "../../src/effects/clampRules.js";
import { clampMtuAfter } from "../../src/runtime/clampFollower.js";

describe("MSS clamp rules", () => {
  it("clamps SYNs both ways through the interface, IPv4 to MTU - 40 and IPv6 to MTU - 60, only lowering", () => {
    expect(clampRules({ iface: "eth0", mtu: 1372 })).toEqual([
      'oifname "eth0" meta nfproto ipv4 tcp flags syn tcp option maxseg size > 1332 counter tcp option maxseg size set 1332',
      'iifname "eth0" meta nfproto ipv4 tcp flags syn tcp option maxseg size > 1332 counter tcp option maxseg size set 1332',
      'oifname "eth0" meta nfproto ipv6 tcp flags syn tcp option maxseg size > 1312 counter tcp option maxseg size set 1312',
      'iifname "eth0" meta nfproto ipv6 tcp flags syn tcp option maxseg size > 1312 counter tcp option maxseg size set 1312',
    ]);
  });

  it("limits the clamp to a split tunnel's prefixes, per family, and leaves out a family without any", () => {
    expect(clampRules({ iface: "eth1", mtu: 1400, prefixes: ["10.0.0.0/8", "192.168.4.0/24"] })).toEqual([
      'oifname "eth1" ip daddr { 10.0.0.0/8, 192.168.4.0/24 } tcp flags syn tcp option maxseg size > 1360 counter tcp option maxseg size set 1360',
      'iifname "eth1" ip saddr { 10.0.0.0/8, 192.168.4.0/24 } tcp flags syn tcp option maxseg size > 1360 counter tcp option maxseg size set 1360',
    ]);
    expect(clampRules({ iface: "eth1", mtu: 1400, prefixes: ["fd00::/8"] })).toEqual([
      'oifname "eth1" ip6 daddr { fd00::/8 } tcp flags syn tcp option maxseg size > 1340 counter tcp option maxseg size set 1340',
      'iifname "eth1" ip6 saddr { fd00::/8 } tcp flags syn tcp option maxseg size > 1340 counter tcp option maxseg size set 1340',
    ]);
  });

  it("replaces the whole table in one transaction, in a forward chain at the mangle priority that never decides a verdict", () => {
    const script = clampScript({ iface: "eth0", mtu: 1372 });
    expect(script.split("\n").slice(0, 5)).toEqual([
      "table inet wsl_vpn_agent",
      "delete table inet wsl_vpn_agent",
      "table inet wsl_vpn_agent {",
      "  chain clamp_mss {",
      "    type filter hook forward priority -150; policy accept;",
    ]);
    expect(script).not.toMatch(/\b(accept|drop|reject|jump|goto)\s*$/m);
    expect(clampRemoveScript()).toBe("table inet wsl_vpn_agent\ndelete table inet wsl_vpn_agent\n");
  });

  it("refuses names that nft text cannot hold, bad MTUs and bad prefixes, naming them", () => {
    for (const iface of ['eth0"', "a b", "x}", "", "..", "waytoolonginterface", "eth0;"]) {
      expect(clampProblem({ iface, mtu: 1400 })).toMatch(/cannot be written into an nftables rule/);
      expect(() => clampScript({ iface, mtu: 1400 })).toThrow(/MSS clamp/);
    }
    expect(clampProblem({ iface: "eth0", mtu: 100 })).toMatch(/MTU 100/);
    expect(clampProblem({ iface: "eth0", mtu: 1400, prefixes: ["10.0.0.0/33"] })).toMatch(/"10.0.0.0\/33" is not an IPv4 or IPv6 prefix/);
    expect(clampProblem({ iface: "eth0", mtu: 1400, prefixes: ["10.0.0.0/8 } drop {"] })).toMatch(/not an IPv4 or IPv6 prefix/);
    expect(clampProblem({ iface: "br-1a2b.10@x", mtu: 1400, prefixes: ["10.0.0.1", "2001:db8::/32"] })).toBeNull();
  });

  it("leaves out prefixes another one covers, and repeats, so nft gets no overlapping elements", () => {
    expect(uncovered(["10.0.0.0/8", "10.1.0.0/16", "192.168.1.0/24", "10.0.0.0/8", "10.2.3.4"])).toEqual(["10.0.0.0/8", "192.168.1.0/24"]);
    expect(uncovered(["0.0.0.0/1", "128.0.0.0/1"])).toEqual(["0.0.0.0/1", "128.0.0.0/1"]);
    expect(clampRules({ iface: "eth0", mtu: 1400, prefixes: ["10.1.0.0/16", "10.0.0.0/8"] })[0]).toContain("ip daddr { 10.0.0.0/8 }");
  });

  it("tells the family of a prefix", () => {
    expect(prefixFamily("10.0.0.0/8")).toBe("ipv4");
    expect(prefixFamily("10.1.2.3")).toBe("ipv4");
    expect(prefixFamily("2001:db8::/128")).toBe("ipv6");
    expect(prefixFamily("2001:db8::/129")).toBeNull();
    expect(prefixFamily("10.0.0.0/8/8")).toBeNull();
    expect(prefixFamily("10.0.0.0/-1")).toBeNull();
    expect(prefixFamily("example.com/8")).toBeNull();
  });
});

describe("the clamp follows the applies", () => {
  it("an apply or a rollback off the baseline clamps to its MTU; a restore or the baseline removes the clamp", () => {
    expect(clampMtuAfter({ reason: "apply", mtu: 1372 }, 1500)).toBe(1372);
    expect(clampMtuAfter({ reason: "rollback", mtu: 1400 }, 1500)).toBe(1400);
    expect(clampMtuAfter({ reason: "rollback", mtu: 1500 }, 1500)).toBeNull();
    expect(clampMtuAfter({ reason: "apply", mtu: 1500 }, 1500)).toBeNull();
    expect(clampMtuAfter({ reason: "restore", mtu: 1500 }, 1500)).toBeNull();
    // Raised above a low baseline (WSL's 1280): forwarded connections still fit the new MTU.
    expect(clampMtuAfter({ reason: "apply", mtu: 1400 }, 1280)).toBe(1400);
    // apply.scope routes: the routes carry the MTU; none left (a rollback or restore removed them), no clamp.
    expect(clampMtuAfter({ reason: "apply", mtu: 1372, prefixes: ["10.0.0.0/8"] }, 1500)).toBe(1372);
    expect(clampMtuAfter({ reason: "rollback", mtu: 1500, prefixes: [] }, 1500)).toBeNull();
    expect(clampMtuAfter({ reason: "rollback", mtu: 1400, prefixes: [] }, 1500)).toBeNull();
  });
});
