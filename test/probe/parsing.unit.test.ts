import { describe, expect, it } from "vitest";
import { parseProbeFlags } from "../../src/cli/commands/probe.js";
import { UsageError } from "../../src/errors.js";
import { routerRules } from "../../src/lab/names.js";
import { DEFAULT_RANGES } from "../../src/probe/config.js";
import { parseRouteGet } from "../../src/effects/routeGet.js";
import { ownedRulePriorities, routeArgs } from "../../src/probe/routes.js";
import { probeRequest } from "../../src/probe/tlsProbe.js";

describe("routes", () => {
  it("parses ip route get", () => {
    expect(parseRouteGet('[{"dst":"198.19.0.2","gateway":"198.18.0.1","dev":"eth0","prefsrc":"198.18.0.2"}]')).toEqual({ dev: "eth0", gateway: "198.18.0.1" });
    expect(parseRouteGet('[{"dst":"198.18.0.1","dev":"eth0"}]')).toEqual({ dev: "eth0", gateway: null });
    expect(parseRouteGet("garbage")).toBeNull();
  });
  it("builds a /32 route with an MTU and never `lock`", () => {
    const a = routeArgs("198.19.0.2", { dev: "eth0", gateway: "198.18.0.1" }, 1337, 52001);
    expect(a).toEqual(["198.19.0.2/32", "via", "198.18.0.1", "dev", "eth0", "mtu", "1337", "table", "52001", "proto", "157"]);
    expect(a).not.toContain("lock");
  });
  it("finds only the rules in the owned priority range", () => {
    const { first, count } = DEFAULT_RANGES.priorities;
    const json = JSON.stringify([{ priority: 0 }, { priority: first - 1 }, { priority: first }, { priority: first + count - 1 }, { priority: first + count }, { priority: 32766 }]);
    expect(ownedRulePriorities(json, DEFAULT_RANGES)).toEqual([first, first + count - 1]);
  });
});

describe("probe request", () => {
  it("sends several KB so full-size segments go towards the server", () => {
    const req = probeRequest({ address: "198.19.0.2", port: 443, hostHeader: "198.19.0.2", path: "/" });
    expect(req.length).toBeGreaterThan(4000);
    expect(req.endsWith("\r\n\r\n")).toBe(true);
  });
});

describe("probe flags", () => {
  const ok = { url: "https://example.test/" };
  it("accepts defaults", () => {
    expect(parseProbeFlags(ok)).toMatchObject({ min: 1280, max: 1500, timeoutMs: 2000, hint: null });
  });
  it.each([
    [{ url: "http://x/" }, /--url/],
    [{ url: "nope" }, /--url/],
    [{ ...ok, min: "abc" }, /--min/],
    [{ ...ok, min: "1500", max: "1400" }, /--min/],
    [{ ...ok, timeoutMs: "0" }, /--timeout-ms/],
    [{ ...ok, hint: "-3" }, /--hint/],
    [{ ...ok, caFile: "/nonexistent", insecure: true }, /--ca-file and --insecure/],
    [{ ...ok, caFile: "/nonexistent" }, /--ca-file/],
  ])("rejects %j naming the argument", (flags, message) => {
    expect(() => parseProbeFlags(flags)).toThrow(UsageError);
    expect(() => parseProbeFlags(flags)).toThrow(message);
  });
});

describe("lab router rules", () => {
  it("always drop the router's ICMP errors; options add limits", () => {
    expect(routerRules({})).toContain("destination-unreachable drop");
    expect(routerRules({})).not.toContain("ip length");
    expect(routerRules({ tcpLimit: 1337, blockIcmpEcho: true })).toMatch(/tcp ip length > 1337 drop[\s\S]*echo-request drop/);
  });
});
