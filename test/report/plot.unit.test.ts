import { describe, expect, it } from "vitest";
import type { ReportData } from "../../src/report/model.js";
import { gridStep, mtuPlot } from "../../src/report/plot.js";
import { timeTicks } from "../../src/report/timeTicks.js";

const t0 = Date.UTC(2026, 10, 25, 10);
const plot = (...mtus: number[]): string => {
  const data: Pick<ReportData, "mtu" | "marks" | "firstAt" | "lastAt"> = { mtu: mtus.map((v, i) => [t0 + i * 1000, v]), marks: [], firstAt: t0, lastAt: t0 + mtus.length * 1000 };
  return mtuPlot(data);
};
const gridLines = (svg: string): number => svg.match(/<line class="grid"/g)?.length ?? 0;

describe("MTU plot grid", () => {
  it("draws a line every 50 for a usual range", () => {
    const svg = plot(1500, 1372, 1500);
    expect(gridLines(svg)).toBe(5); // 1350, 1400, ..., 1550
    expect(svg).toContain(">1350</text>");
    expect(svg).toContain(">1550</text>");
  });

  // A grid line per 50 up to such an MTU would be millions of lines: the step grows instead.
  it.each([65535, 1e9, 1e300, Number.MAX_VALUE])("stays small for an MTU of %d next to 1500", (huge) => {
    const svg = plot(1500, huge);
    expect(gridLines(svg)).toBeGreaterThan(1);
    expect(gridLines(svg)).toBeLessThanOrEqual(15);
    expect(svg.length).toBeLessThan(plot(1500, 1372).length * 4);
  });

  it("uses 1-2-5 steps above 50", () => {
    expect([600, 1200, 2400, 6000, 65_535 - 68].map(gridStep)).toEqual([50, 100, 200, 500, 10_000]);
  });
});

describe("time axis", () => {
  it.each([
    [3_000, "seconds"],
    [900, "a second"],
    [5 * 60_000, "minutes"],
    [26 * 3_600_000, "a day and more"],
    [400 * 86_400_000, "a year"],
  ])("over %d ms (%s): a few ticks at a round step, every label different and inside the range", (span, _what) => {
    const from = Date.UTC(2026, 11, 2, 8, 48, 14, 290);
    const ticks = timeTicks(from, from + span);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(ticks.length).toBeLessThanOrEqual(9);
    expect(new Set(ticks.map((t) => t.label)).size).toBe(ticks.length);
    for (const t of ticks) expect(t.t >= from && t.t <= from + span).toBe(true);
    const steps = new Set(ticks.slice(1).map((t, i) => t.t - (ticks[i]?.t ?? 0)));
    expect(steps.size).toBe(1);
  });

  it("labels with the clock within a day and the date beyond", () => {
    const from = Date.UTC(2026, 11, 2, 8, 0);
    expect(timeTicks(from, from + 2 * 3_600_000).map((t) => t.label)).toEqual(["08:00", "08:15", "08:30", "08:45", "09:00", "09:15", "09:30", "09:45", "10:00"]);
    expect(timeTicks(from, from + 3 * 86_400_000).map((t) => t.label)).toEqual(["12-02 12:00", "12-03 00:00", "12-03 12:00", "12-04 00:00", "12-04 12:00", "12-05 00:00"]);
    expect(timeTicks(from, from + 1_500).map((t) => t.label)).toEqual(["08:00:00.000", "08:00:00.200", "08:00:00.400", "08:00:00.600", "08:00:00.800", "08:00:01.000", "08:00:01.200", "08:00:01.400"]);
  });
});
