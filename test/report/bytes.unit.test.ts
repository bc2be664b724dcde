import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { collectReport } from "../../src/report/collect.js";
import { buildReport } from "../../src/report/report.js";
import { line } from "../journal/lines.js";
import { testInput } from "../support/input.js";
import { useTmpDir } from "../support/tmp.js";

const tmp = useTmpDir();

/** A valid journal whose probes fail with a 1 MB reason each (REPRO 5, scaled down). */
function amplified(probes: number): string {
  const big = "&".repeat(1_000_000);
  const lines = [line(0, { type: "xstate.init", input: testInput() }), line(1, { type: "network.settled", vpn: { name: "Ethernet 3", description: "Cisco AnyConnect", mtuHint: 1400 } }, "Probing")];
  for (let i = 1; i <= probes; i++) {
    lines.push(line(2 * i, { type: "probe.failed", workId: i, reason: big }, "Degraded"), line(2 * i + 1, { type: "timer.fired", timer: "retry", id: i }, "Probing"));
  }
  return lines.join("");
}

describe("the report's memory grows with its caps, not with the strings in a journal", () => {
  it("keeps a few hundred characters of each 1 MB reason", async () => {
    const journal = join(await tmp(), "amp.jsonl");
    await writeFile(journal, amplified(8));
    const data = await collectReport(journal);
    expect(data.records).toBe(18);
    expect(data.probes).toHaveLength(8);
    const kept = JSON.stringify({ rows: data.rows, probes: data.probes, marks: data.marks }).length;
    expect(kept).toBeLessThan(20_000);
    expect(data.probes[0]?.reason).toMatch(/^&{300}…$/);
    const { html } = await buildReport(journal);
    expect(html.length).toBeLessThan(2_000_000);
  });
});
