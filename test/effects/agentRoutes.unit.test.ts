import { describe, expect, it } from "vitest";
import { prefixContains } from "../../machines/cidr.js";
import { APPLIED_ROUTE_PROTO, listedPrefixes, pathAddress, routeChanges } from "../../src/effects/agentRoutes.js";
import { ROUTE_PROTO } from "../../src/probe/config.js";

describe("the agent's routes (apply.scope routes)", () => {
  it("use their own proto, not the probe's: a probe's cleanup never takes an applied MTU", () => {
    expect(APPLIED_ROUTE_PROTO).not.toBe(ROUTE_PROTO);
  });

  it("copy the path of the middle of each prefix, never its network address (0.0.0.0 is local)", () => {
    expect(pathAddress("0.0.0.0/1")).toBe("64.0.0.0");
    expect(pathAddress("128.0.0.0/1")).toBe("192.0.0.0");
    expect(pathAddress("198.19.0.0/24")).toBe("198.19.0.128");
    expect(pathAddress("10.0.0.0/8")).toBe("10.128.0.0");
    expect(pathAddress("198.19.0.2/32")).toBe("198.19.0.2");
    expect(pathAddress("198.19.0.2/31")).toBe("198.19.0.2");
    for (const bad of ["", "10.0.0.0", "10.0.0.0/33", "10.0.0/8", "::/0"]) expect(pathAddress(bad)).toBeNull();
  });

  it("become exactly the wanted set: others under the proto are deleted, wanted ones replaced", () => {
    const wanted = new Map([["198.19.0.0/24", ["198.19.0.0/24", "via", "198.18.0.1", "dev", "eth0", "mtu", "1372", "proto", "158"]]]);
    expect(routeChanges(["10.0.0.0/8", "198.19.0.0/24"], wanted)).toEqual([
      ["route", "del", "10.0.0.0/8", "table", "main", "proto", "158"],
      ["route", "replace", "198.19.0.0/24", "via", "198.18.0.1", "dev", "eth0", "mtu", "1372", "proto", "158"],
    ]);
    expect(routeChanges(["10.0.0.0/8"], new Map())).toEqual([["route", "del", "10.0.0.0/8", "table", "main", "proto", "158"]]);
  });

  it("are read back from `ip -j route show` as CIDR (host routes and default included)", () => {
    const json = JSON.stringify([{ dst: "198.19.0.0/24" }, { dst: "198.19.0.2" }, { dst: "default" }, {}]);
    expect(listedPrefixes(json)).toEqual(["198.19.0.0/24", "198.19.0.2/32", "0.0.0.0/0"]);
    expect(listedPrefixes("not json")).toEqual([]);
  });
});

describe("prefixContains", () => {
  it("tells addresses inside a prefix from those outside, and refuses malformed input", () => {
    expect(prefixContains("198.19.0.0/24", "198.19.0.2")).toBe(true);
    expect(prefixContains("198.19.0.0/24", "198.19.128.2")).toBe(false);
    expect(prefixContains("0.0.0.0/0", "198.19.128.2")).toBe(true);
    expect(prefixContains("128.0.0.0/1", "198.19.128.2")).toBe(true);
    expect(prefixContains("0.0.0.0/1", "198.19.128.2")).toBe(false);
    expect(prefixContains("198.19.0.2/32", "198.19.0.2")).toBe(true);
    expect(prefixContains("198.19.0.0/33", "198.19.0.2")).toBe(false);
    expect(prefixContains("198.19.0.0/24", "198.19.0.256")).toBe(false);
    expect(prefixContains("bad", "198.19.0.2")).toBe(false);
  });
});
