import { describe, expect, it } from "vitest";
import { prefixContains } from "../../machines/cidr.js";
import { APPLIED_ROUTE_PROTO, listedPrefixes, mainRoutes, pathAddress, routeChanges } from "../../src/effects/agentRoutes.js";
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

  const args = (dst: string, mtu = 1372): string[] => [dst, "via", "198.18.0.1", "dev", "eth0", "mtu", String(mtu), "proto", "158"];
  const none = mainRoutes([], []);

  it("become exactly the wanted set: others under the proto are deleted, its own replaced, new ones added (never replaced)", () => {
    const main = mainRoutes(["10.0.0.0/8", "198.19.0.0/24", "0.0.0.0/0"], ["10.0.0.0/8", "198.19.0.0/24"]);
    const wanted = new Map([["198.19.0.0/24", args("198.19.0.0/24")], ["198.19.1.0/24", args("198.19.1.0/24")]]);
    expect(routeChanges(main, wanted)).toEqual({
      lines: [
        ["route", "del", "10.0.0.0/8", "table", "main", "proto", "158"],
        ["route", "replace", ...args("198.19.0.0/24")],
        ["route", "add", ...args("198.19.1.0/24")],
      ],
      notOwned: [],
    });
    expect(routeChanges(mainRoutes(["10.0.0.0/8"], ["10.0.0.0/8"]), new Map()).lines).toEqual([["route", "del", "10.0.0.0/8", "table", "main", "proto", "158"]]);
    expect(routeChanges(none, new Map())).toEqual({ lines: [], notOwned: [] });
  });

  it("leave a prefix someone else routes alone, whatever its metric or kind: no line names it, and it is reported", () => {
    // The WSL subnet's connected route, a Docker bridge's, a Linux VPN's 0/1 + 128/1.
    const foreign = ["198.18.0.0/24", "198.18.210.0/24", "0.0.0.0/1", "128.0.0.0/1"];
    const main = mainRoutes([...foreign, "0.0.0.0/0"], []);
    const wanted = new Map([...foreign, "198.19.0.0/24"].map((p) => [p, args(p)]));
    const { lines, notOwned } = routeChanges(main, wanted);
    expect(notOwned).toEqual(foreign);
    expect(lines).toEqual([["route", "add", ...args("198.19.0.0/24")]]);
  });

  it("give a prefix up when someone else's route appeared beside the agent's own (another metric): only its own is deleted, by proto", () => {
    // Two routes for 10.0.0.0/8: the agent's and a user's at metric 100.
    const main = mainRoutes(["10.0.0.0/8", "10.0.0.0/8"], ["10.0.0.0/8"]);
    expect(main.foreign.has("10.0.0.0/8")).toBe(true);
    expect(routeChanges(main, new Map([["10.0.0.0/8", args("10.0.0.0/8")]]))).toEqual({
      lines: [["route", "del", "10.0.0.0/8", "table", "main", "proto", "158"]],
      notOwned: ["10.0.0.0/8"],
    });
  });

  it("count the agent's own routes as its own, not as someone else's", () => {
    const main = mainRoutes(["198.19.0.0/24", "0.0.0.0/1", "128.0.0.0/1"], ["198.19.0.0/24", "0.0.0.0/1", "128.0.0.0/1"]);
    expect([...main.foreign]).toEqual([]);
    expect([...main.ours]).toEqual(["198.19.0.0/24", "0.0.0.0/1", "128.0.0.0/1"]);
  });

  it("are read back from `ip -j route show` as CIDR (host routes and default included)", () => {
    const json = JSON.stringify([{ dst: "198.19.0.0/24" }, { dst: "198.19.0.2" }, { dst: "default" }, {}]);
    expect(listedPrefixes(json)).toEqual(["198.19.0.0/24", "198.19.0.2/32", "0.0.0.0/0"]);
    // One entry per route: two routes for one prefix (different metrics) are two entries.
    expect(listedPrefixes(JSON.stringify([{ dst: "10.0.0.0/8" }, { dst: "10.0.0.0/8", metric: 100 }]))).toEqual(["10.0.0.0/8", "10.0.0.0/8"]);
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
