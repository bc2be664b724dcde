import { describe, expect, it } from "vitest";
import type { ReportData } from "../../src/report/model.js";
import { gridStep, mtuPlot } from "../../src/report/plot.js";

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

  it.each([65535, 1e9, 1e300, Number.MAX_VALUE])("stays small and quick for an MTU of %d next to 1500", (huge) => {
    const started = performance.now();
    const svg = plot(1500, huge);
    expect(gridLines(svg)).toBeGreaterThan(1);
    expect(gridLines(svg)).toBeLessThanOrEqual(15);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("uses 1-2-5 steps above 50", () => {
    expect([600, 1200, 2400, 6000, 65_535 - 68].map(gridStep)).toEqual([50, 100, 200, 500, 10_000]);
  });
});
