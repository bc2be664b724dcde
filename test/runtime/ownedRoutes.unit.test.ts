import { describe, expect, it } from "vitest";
import type { RoutesResult } from "../../src/effects/agentRoutes.js";
import { createOwnedRoutes, mergeLayers, type RouteMtus } from "../../src/runtime/ownedRoutes.js";

/** A recording stand-in for the kernel table: what was asked, and someone else's prefixes. */
function fakeTable(foreign: readonly string[] = []) {
  const calls: Array<Record<string, number>> = [];
  const apply = (wanted: RouteMtus): Promise<RoutesResult> => {
    calls.push(Object.fromEntries(wanted));
    return Promise.resolve({ ok: true, ms: 0, notOwned: [...wanted.keys()].filter((p) => foreign.includes(p)) });
  };
  return { calls, apply };
}

describe("the agent's routes, one table for the applied and the tunnel-safe layer", () => {
  it("merges the layers with the lower MTU for a prefix both ask for", () => {
    expect(Object.fromEntries(mergeLayers([new Map([["10.0.0.0/8", 1372], ["0.0.0.0/1", 1400]]), new Map([["10.0.0.0/8", 1280], ["100.64.0.0/10", 1280]])]))).toEqual({
      "10.0.0.0/8": 1280,
      "0.0.0.0/1": 1400,
      "100.64.0.0/10": 1280,
    });
  });

  it("keeps one layer's routes when the other changes, and removes a layer's routes when it asks for none", async () => {
    const t = fakeTable();
    const owned = createOwnedRoutes(t.apply);
    await owned.set("applied", new Map([["198.19.0.0/24", 1337]]));
    await owned.set("safe", new Map([["198.19.64.0/18", 1280]]));
    await owned.set("applied", new Map());
    expect(t.calls).toEqual([{ "198.19.0.0/24": 1337 }, { "198.19.0.0/24": 1337, "198.19.64.0/18": 1280 }, { "198.19.64.0/18": 1280 }]);
  });

  it("reports to each layer only its own prefixes that someone else routes", async () => {
    const t = fakeTable(["198.18.0.0/24", "198.19.64.0/18"]);
    const owned = createOwnedRoutes(t.apply);
    await owned.set("safe", new Map([["198.19.64.0/18", 1280]]));
    expect(await owned.set("applied", new Map([["198.18.0.0/24", 1337], ["198.19.0.0/24", 1337]]))).toMatchObject({ ok: true, notOwned: ["198.18.0.0/24"] });
  });

  it("runs changes one at a time, in the order asked, even when started together", async () => {
    const order: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const owned = createOwnedRoutes(async (wanted) => {
      order.push(`start ${[...wanted.keys()].join(",")}`);
      if (order.length === 1) await gate;
      order.push("end");
      return { ok: true, ms: 0, notOwned: [] };
    });
    const a = owned.set("applied", new Map([["a/8", 1300]]));
    const b = owned.set("safe", new Map([["b/8", 1280]]));
    release();
    await Promise.all([a, b]);
    expect(order).toEqual(["start a/8", "end", "start a/8,b/8", "end"]);
  });

  it("turns a throwing table into a failure result, and the next change still runs", async () => {
    let first = true;
    const owned = createOwnedRoutes((wanted) => {
      if (first) {
        first = false;
        return Promise.reject(new Error("boom"));
      }
      return Promise.resolve({ ok: true, ms: 0, notOwned: [...wanted.keys()].slice(0, 0) });
    });
    expect(await owned.set("applied", new Map([["a/8", 1300]]))).toMatchObject({ ok: false, reason: "Error: boom" });
    expect(await owned.set("applied", new Map())).toMatchObject({ ok: true });
  });
});
