import { describe, expect, it } from "vitest";
import { bracketOf, hintSizes, icmpSizes, isExact, ladder, nextCandidates } from "../../src/probe/candidates.js";
import { summarize } from "../../src/probe/round.js";

const r = (mtu: number, pass: boolean) => ({ mtu, pass });

describe("bracketOf (monotonic)", () => {
  it("is open over the whole range with no results", () => {
    expect(bracketOf([], 1280, 1500)).toEqual({ pass: 1279, fail: 1501 });
  });
  it("takes the largest pass and the smallest failure above it", () => {
    expect(bracketOf([r(1300, true), r(1350, false), r(1320, true), r(1400, false)], 1280, 1500)).toEqual({ pass: 1320, fail: 1350 });
  });
  it("lets a larger pass override a smaller failure (a flaky drop)", () => {
    expect(bracketOf([r(1310, false), r(1330, true), r(1331, false)], 1280, 1500)).toEqual({ pass: 1330, fail: 1331 });
  });
  it("is exact when neighbours disagree, at max, or when min fails", () => {
    expect(isExact({ pass: 1337, fail: 1338 })).toBe(true);
    expect(isExact(bracketOf([r(1500, true)], 1280, 1500))).toBe(true);
    expect(isExact(bracketOf([r(1280, false)], 1280, 1500))).toBe(true);
    expect(isExact({ pass: 1300, fail: 1310 })).toBe(false);
  });
});

describe("candidates", () => {
  it("hint sizes are the hint minus VPN overheads, each with its +1 neighbour, inside the range", () => {
    const s = hintSizes(1400, 1280, 1500);
    expect(s).toContain(1340); // WireGuard
    expect(s).toContain(1341);
    expect(s).toContain(1346); // IPsec ESP
    expect(s.every((x) => x >= 1280 && x <= 1500)).toBe(true);
    expect(hintSizes(null, 1280, 1500)).toEqual([]);
  });
  it("a ladder includes the top and spreads evenly", () => {
    const l = ladder(1280, 1500, 12);
    expect(l).toHaveLength(12);
    expect(l.at(-1)).toBe(1500);
    const gaps = l.slice(1).map((x, i) => x - (l[i] as number));
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThanOrEqual(1);
  });
  it("round 1 leaves gaps that round 2 can cover byte by byte (2 rounds worst case)", () => {
    for (const hint of [null, 1400, 1300, 1500]) {
      const first = nextCandidates({ bracket: { pass: 1279, fail: 1501 }, tested: new Set(), hint, parallelism: 24 });
      expect(first.length).toBeLessThanOrEqual(24);
      for (let answer = 1280; answer <= 1500; answer++) {
        const b = bracketOf(first.map((m) => r(m, m <= answer)), 1280, 1500);
        const second = nextCandidates({ bracket: b, tested: new Set(first), hint, parallelism: 24 });
        const all = [...first, ...second];
        expect(isExact(bracketOf(all.map((m) => r(m, m <= answer)), 1280, 1500)), `hint ${hint} answer ${answer}`).toBe(true);
      }
    }
  });
  it("is byte-exact when the open interval fits, and never repeats a tested size", () => {
    expect(nextCandidates({ bracket: { pass: 1334, fail: 1340 }, tested: new Set([1336]), parallelism: 24 })).toEqual([1335, 1337, 1338, 1339]);
  });
  it("narrows to an ICMP failure, which is re-tested over TLS (ICMP never decides)", () => {
    expect(nextCandidates({ bracket: { pass: 1300, fail: 1340 }, tested: new Set(), parallelism: 24, icmpFail: 1305 })).toEqual([1301, 1302, 1303, 1304, 1305]);
  });
  it("puts one ping in the middle of each gap", () => {
    expect(icmpSizes([1300, 1310, 1311], 1280)).toEqual([1289, 1305]);
  });
});

describe("summarize", () => {
  it("passes a size when any attempt passed, with the fastest pass", () => {
    expect(summarize(1300, 1, [{ pass: false, ms: 1000, reason: "timeout" }, { pass: true, ms: 40 }])).toEqual({ mtu: 1300, pass: true, attempts: 2, round: 1, ms: 40 });
  });
  it("fails with the distinct reasons otherwise", () => {
    expect(summarize(1400, 2, [{ pass: false, ms: 1000, reason: "timeout" }, { pass: false, ms: 1001, reason: "timeout" }])).toMatchObject({ pass: false, reason: "timeout", ms: 1001 });
  });
});
