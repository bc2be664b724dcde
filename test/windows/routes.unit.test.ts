import { describe, expect, it } from "vitest";
import { parseSnapshotLine } from "../../src/windows/index.js";
import { MAX_ROUTES } from "../../src/windows/routes.js";

const adapter = { name: "Ethernet 3", description: "Cisco AnyConnect", status: "Up", mtu: 1400 };
const line = (routes: unknown) => JSON.stringify({ adapters: [{ ...adapter, routes }] });
const parsed = (routes: unknown) => {
  const r = parseSnapshotLine(line(routes));
  if (!r.ok) throw new Error(r.problem);
  return r.snapshot.adapters[0]?.routes;
};
const problem = (routes: unknown) => {
  const r = parseSnapshotLine(line(routes));
  return r.ok ? null : r.problem;
};

describe("the routes field of a snapshot line", () => {
  it("reads routes with and without a metric; absent or null means not reported", () => {
    expect(parsed([{ prefix: "10.0.0.0/8", metric: 5 }, { prefix: "198.18.2.0/24" }, { prefix: "172.16.0.0/12", metric: null }])).toEqual([
      { prefix: "10.0.0.0/8", metric: 5 },
      { prefix: "198.18.2.0/24" },
      { prefix: "172.16.0.0/12" },
    ]);
    expect(parsed(undefined)).toBeUndefined();
    expect(parsed(null)).toBeUndefined();
    expect(parsed([])).toEqual([]);
  });

  it("clears host bits and ignores unknown route fields", () => {
    expect(parsed([{ prefix: "10.1.2.3/8", metric: 1, nextHop: "10.0.0.1", extra: {} }])).toEqual([{ prefix: "10.0.0.0/8", metric: 1 }]);
  });

  it("drops multicast (224.0.0.0/4 and inside it) and the limited broadcast, which a custom watcher may forget", () => {
    const routes = ["224.0.0.0/4", "239.255.255.250/32", "224.0.0.251/32", "255.255.255.255/32", "240.0.0.0/4", "10.0.0.0/8", "0.0.0.0/0"].map((prefix) => ({ prefix }));
    expect(parsed(routes)?.map((r) => r.prefix)).toEqual(["240.0.0.0/4", "10.0.0.0/8", "0.0.0.0/0"]);
  });

  it(`accepts ${MAX_ROUTES} routes and refuses more, naming the count`, () => {
    const many = (n: number) => Array.from({ length: n }, (_, k) => ({ prefix: `10.0.${k % 256}.0/24`, metric: k }));
    expect(parsed(many(MAX_ROUTES))).toHaveLength(MAX_ROUTES);
    expect(problem(many(MAX_ROUTES + 1))).toBe(`adapters[0]: "routes" has ${MAX_ROUTES + 1} entries, more than ${MAX_ROUTES}`);
  });

  it.each<[string, unknown, string]>([
    ["an object", { prefix: "10.0.0.0/8" }, 'adapters[0]: "routes" must be an array'],
    ["a string", "10.0.0.0/8", 'adapters[0]: "routes" must be an array'],
    ["a number as a route", [5], 'adapters[0]: "routes"[0] is not an object'],
    ["an array as a route", [["10.0.0.0/8"]], 'adapters[0]: "routes"[0] is not an object'],
    ["a missing prefix", [{ metric: 1 }], 'adapters[0]: "routes"[0].prefix must be a string like "10.0.0.0/8"'],
    ["a prefix without a length", [{ prefix: "10.0.0.0/8" }, { prefix: "10.0.0.1" }], 'adapters[0]: "routes"[1].prefix "10.0.0.1" is not an IPv4 prefix like 10.0.0.0/8'],
    ["an octet above 255", [{ prefix: "10.0.300.0/24" }], 'adapters[0]: "routes"[0].prefix "10.0.300.0/24" has an octet above 255'],
    ["a length above 32", [{ prefix: "10.0.0.0/40" }], 'adapters[0]: "routes"[0].prefix "10.0.0.0/40" has a prefix length above 32'],
    ["an IPv6 prefix", [{ prefix: "::/0" }], 'adapters[0]: "routes"[0].prefix "::/0" is not an IPv4 prefix like 10.0.0.0/8'],
    ["a negative metric", [{ prefix: "10.0.0.0/8", metric: -1 }], 'adapters[0]: "routes"[0].metric must be a non-negative integer'],
    ["a fractional metric", [{ prefix: "10.0.0.0/8", metric: 1.5 }], 'adapters[0]: "routes"[0].metric must be a non-negative integer'],
    ["a string metric", [{ prefix: "10.0.0.0/8", metric: "5" }], 'adapters[0]: "routes"[0].metric must be a non-negative integer'],
    ["a metric of 1e300", [{ prefix: "10.0.0.0/8", metric: 1e300 }], 'adapters[0]: "routes"[0].metric must be a non-negative integer'],
  ])("makes the line bad for %s, naming the route", (_what, routes, expected) => {
    expect(problem(routes)).toBe(expected);
  });

  it("escapes control characters and cuts a hostile prefix in the problem", () => {
    const p = problem([{ prefix: `\u001b[31m${"9".repeat(5000)}` }]);
    expect(p).toMatch(/^adapters\[0\]: "routes"\[0\]\.prefix "\\u001b\[31m9+…" is not an IPv4 prefix/);
    expect(p?.length).toBeLessThan(200);
  });
});
