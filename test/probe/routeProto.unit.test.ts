import { readdir, readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { APPLIED_ROUTE_PROTO } from "../../src/effects/agentRoutes.js";
import { LEGACY_ROUTE_PROTO, ROUTE_PROTO } from "../../src/probe/config.js";
import { legacyRouteDeletions } from "../../src/probe/legacyRoutes.js";

/** Numbers named in iproute2's protocol tables on this machine (the kernel's and what packages add). */
async function namedProtocols(): Promise<Map<string, string>> {
  const files = ["/etc/iproute2/rt_protos", "/usr/share/iproute2/rt_protos"];
  for (const dir of ["/etc/iproute2/rt_protos.d", "/usr/share/iproute2/rt_protos.d"]) {
    for (const f of await readdir(dir).catch(() => [] as string[])) if (f.endsWith(".conf")) files.push(`${dir}/${f}`);
  }
  const named = new Map<string, string>();
  for (const f of files) {
    const text = await readFile(f, "utf8").catch(() => "");
    for (const [, n, name] of text.matchAll(/^\s*(\d+)\s+(\S+)/gm)) if (n !== undefined && name !== undefined) named.set(n, name);
  }
  return named;
}

describe("route protocol", () => {
  it("the agent's numbers (probe routes, applied routes) are named by no routing software iproute2 knows here; the old one was bgp", async () => {
    const named = await namedProtocols();
    expect(named.size).toBeGreaterThan(5);
    expect(named.get(ROUTE_PROTO)).toBeUndefined();
    expect(named.get(APPLIED_ROUTE_PROTO)).toBeUndefined();
    expect(named.get(LEGACY_ROUTE_PROTO)).toBe("bgp");
  });
});

describe("routes left under the old proto 186", () => {
  const path = { dev: "eth0", gateway: "198.18.0.1" };
  const ours = { dst: "198.19.0.2", gateway: "198.18.0.1", dev: "eth0", flags: [], metrics: [{ mtu: 1337 }] };

  it("deletes a host route to the probe target, via its path, with only an MTU metric", () => {
    expect(legacyRouteDeletions(JSON.stringify([ours]), "198.19.0.2", path)).toEqual([["route", "del", "198.19.0.2/32", "via", "198.18.0.1", "dev", "eth0", "table", "main", "proto", "186"]]);
  });

  it("leaves every other proto-186 route alone: another destination, prefix, device, gateway, or no/extra metrics", () => {
    const others = [
      { ...ours, dst: "198.19.0.3" },
      { ...ours, dst: "198.19.0.0/24" },
      { ...ours, dev: "eth1" },
      { ...ours, gateway: "198.18.0.254" },
      { dst: "198.19.0.2", gateway: "198.18.0.1", dev: "eth0", flags: [] },
      { ...ours, metrics: [{ mtu: 1337, advmss: 1297 }] },
      { ...ours, metrics: [{ mtu: 1337 }, { hoplimit: 3 }] },
    ];
    expect(legacyRouteDeletions(JSON.stringify(others), "198.19.0.2", path)).toEqual([]);
    expect(legacyRouteDeletions("not json", "198.19.0.2", path)).toEqual([]);
    expect(legacyRouteDeletions("{}", "198.19.0.2", path)).toEqual([]);
  });

  it("an on-link path matches only a route without a gateway", () => {
    const onLink = { dev: "eth0", gateway: null };
    const route = { dst: "198.19.0.2", dev: "eth0", flags: [], metrics: [{ mtu: 1300 }] };
    expect(legacyRouteDeletions(JSON.stringify([route]), "198.19.0.2", onLink)).toEqual([["route", "del", "198.19.0.2/32", "dev", "eth0", "table", "main", "proto", "186"]]);
    expect(legacyRouteDeletions(JSON.stringify([ours]), "198.19.0.2", onLink)).toEqual([]);
  });
});
