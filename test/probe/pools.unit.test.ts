import { describe, expect, it } from "vitest";
import { validateConfig } from "../../src/config/index.js";
import { DEFAULT_RANGES, Pool, type NumberRange } from "../../src/probe/config.js";
import { probeRanges } from "../../src/runtime/probeRanges.js";
import { roundCapacity, startRound, type RoundContext } from "../../src/probe/round.js";

const pools = (tables: number, priorities: number, ports: number): RoundContext["pools"] => ({
  tables: new Pool({ first: 52000, count: tables }),
  priorities: new Pool({ first: 30000, count: priorities }),
  ports: new Pool({ first: 61000, count: ports }),
});

describe("the probe engine's number pools", () => {
  it("hand numbers out once and take them back", () => {
    const p = new Pool({ first: 10, count: 3 });
    const taken = [p.take(), p.take()];
    expect(taken).toEqual([10, 11]);
    expect(p.available).toBe(1);
    p.give(taken);
    expect(p.available).toBe(3);
  });

  it("size a round by the scarcest range: a table per size, a priority and a port per attempt", () => {
    expect(roundCapacity({ pools: pools(64, 128, 1024), attempts: 2 })).toBe(64);
    expect(roundCapacity({ pools: pools(64, 48, 1024), attempts: 2 })).toBe(24);
    expect(roundCapacity({ pools: pools(64, 128, 9), attempts: 2 })).toBe(4);
  });

  it("refuse a round that does not fit, before installing anything, and take no numbers", async () => {
    const ctx = { pools: pools(64, 10, 1024), attempts: 2, signal: new AbortController().signal, onSize: () => undefined } as unknown as RoundContext;
    const r = await startRound(ctx, [1300, 1350, 1400, 1450, 1500, 1280], 1);
    expect(r).toEqual({ ok: false, error: "the agent's ranges have room for 5 sizes, 6 asked: raise probe.slots" });
    expect([ctx.pools.tables.available, ctx.pools.priorities.available]).toEqual([64, 10]);
  });
});

describe("who owns which numbers", () => {
  it("the probe command's ranges and the agent's default ranges never overlap (a manual probe's cleanup spares the agent)", () => {
    const agentConfig = validateConfig({});
    if (!agentConfig.ok) throw new Error(agentConfig.problems.join("; "));
    const agent = probeRanges(agentConfig.config);
    const overlap = (a: NumberRange, b: NumberRange): boolean => a.first < b.first + b.count && b.first < a.first + a.count;
    for (const key of ["tables", "priorities", "ports"] as const) expect(overlap(DEFAULT_RANGES[key], agent[key]), key).toBe(false);
  });
});
