import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectReport } from "../../src/report/collect.js";
import { buildReport } from "../../src/report/report.js";
import { machineGraph } from "../../src/viz/graph.js";
import { Sim } from "./fixtures/sim.js";
import { anyconnect, evidence, writeStory } from "./fixtures/story.js";

let dir: string;
let journal: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "report-"));
  journal = join(dir, "journal.jsonl");
  await writeStory(journal);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const graph = machineGraph();
/** Id of the one edge from `source` to `target` on `event` (fails loudly if the machine changed shape). */
function edge(source: string, event: string | null, target: string, guard?: string): string {
  const found = graph.edges.filter((e) => e.source === source && e.event === event && e.target === target && (guard === undefined || e.guard === guard));
  if (found.length !== 1) throw new Error(`expected one edge ${source} -${event}-> ${target}, found ${found.length}`);
  return (found[0] as { id: string }).id;
}

describe("collectReport on the story journal", () => {
  it("replays without divergence and counts visits along the path the machine took", async () => {
    const data = await collectReport(journal);
    expect(data.records).toBe(22);
    expect(data.divergenceCount).toBe(0);
    expect(data.visits.get("Probing")).toBe(2);
    expect(data.visits.get("Applied.steady")).toBe(4);
    expect(data.visits.get("Stopped")).toBe(1);
    expect(data.visits.get("Degraded")).toBeUndefined();
  });

  it("names the transitions taken, eventless ones included", async () => {
    const { taken } = await collectReport(journal);
    expect(taken.get(edge("Probing", "probe.done", "VpnDetected.applying"))).toBe(2);
    expect(taken.get(edge("VpnDetected.deciding", null, "Probing"))).toBe(1);
    expect(taken.get(edge("VpnDetected.deciding", null, "VpnDetected.applying", "isKnown"))).toBe(1);
    expect(taken.get(edge("VpnDetected.verifying", "verify.failed", "Probing"))).toBe(1);
    expect(taken.get(edge("Applied", "link.mtu", "VpnDetected.applying"))).toBe(1);
    expect(taken.get(edge("VpnDetected.deciding", null, "Degraded", "hasProfile"))).toBeUndefined();
    expect(taken.get(edge("VpnDetected.deciding", null, "Degraded", "targetOutsideTunnel"))).toBeUndefined();
  });

  it("tracks the MTU in force and marks probes, applies, the rollback, the WSL rewrite and the restore", async () => {
    const data = await collectReport(journal);
    expect(data.mtu.map((p) => p[1])).toEqual([1500, 1372, 1400, 1372, 1340, 1500]);
    const marks = data.marks.map((m) => `${m.kind}:${m.mtu}`);
    expect(marks).toEqual(expect.arrayContaining(["probe:1372", "probe:1340", "apply:1372", "wsl:1400", "rollback:1372", "restore:1500", "verify-failed:1372"]));
    expect(data.probes.map((p) => [p.seq, p.mtu, p.evidence?.sizes.length])).toEqual([[4, 1372, 6], [16, 1340, 6]]);
  });

  it("reports a recorded state the current machine does not reproduce, with its line", async () => {
    // What an older machine might have recorded: it stayed in Applied.steady after the WSL rewrite.
    const lines = (await readFile(journal, "utf8")).trimEnd().split("\n");
    const edited = lines.map((l, i) => (i === 9 ? l.replace('"state":"VpnDetected.applying"', '"state":"Applied.steady"') : l));
    const other = join(dir, "older.jsonl");
    await writeFile(other, `${edited.join("\n")}\n`);
    const data = await collectReport(other);
    expect(data.divergenceCount).toBe(1);
    expect(data.divergences[0]).toMatchObject({ line: 10, seq: 9, event: "link.mtu", recorded: "Applied.steady", replayed: "VpnDetected.applying" });
    expect(data.rows[9]?.[5]).not.toBe(-1);
  });
});

describe("a failed probe in the report", () => {
  it("shows the reason and the sizes it tried, from the evidence probe.failed carries", async () => {
    const path = join(dir, "failed.jsonl");
    const sim = await Sim.open(path);
    await sim.settle(null);
    await sim.settle(anyconnect);
    await sim.send({ type: "probe.failed", workId: sim.effect("startProbe").params.workId, reason: "no candidate size carried TLS", evidence: evidence(0, [1300, 1290]) });
    await sim.close();
    const data = await collectReport(path);
    expect(data.probes).toMatchObject([{ mtu: null, reason: "no candidate size carried TLS", evidence: { sizes: [{ mtu: 1300 }, { mtu: 1290 }] } }]);
    const { html } = await buildReport(path);
    expect(html).toContain("Probe failed: no candidate size carried TLS");
    expect(html).toMatch(/<tr class="fail"><td>2<\/td><td>1290<\/td><td>fail<\/td>.*?<td>timeout<\/td><\/tr>/);
  });
});

describe("buildReport", () => {
  it("is one HTML file with the data, the diagram, the plot and the evidence inline, and nothing to fetch", async () => {
    const { html } = await buildReport(journal);
    expect(html).toContain('id="report-data"');
    expect(html).toContain('class="edge transition taken"');
    expect(html).toContain('id="mtu-plot"');
    expect(html).toContain("Probe #16");
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
    expect(html).not.toMatch(/url\(/i);
  });
});
