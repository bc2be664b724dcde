import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReport } from "../../src/report/report.js";
import { machineGraph } from "../../src/viz/graph.js";
import { domId } from "../../src/viz/overlay.js";
import { skipE2e } from "../support/root.js";
import { openBrowser, type Browser } from "./support/browser.js";
import { writeStory } from "./fixtures/story.js";

const graph = machineGraph();
const edgeDom = (source: string, event: string | null, target: string): string => {
  const e = graph.edges.find((x) => x.source === source && x.event === event && x.target === target);
  if (e === undefined) throw new Error(`machine has no ${source} -${event}-> ${target}`);
  return domId("e", e.id);
};

describe.skipIf(skipE2e)("incident report in Chromium", () => {
  let dir: string;
  let journal: string;
  let browser: Browser;
  let opened = 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "report-e2e-"));
    journal = join(dir, "journal.jsonl");
    await writeStory(journal);
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function open(journalPath: string): Promise<string> {
    const file = join(dir, `report-${++opened}.html`);
    await writeFile(file, (await buildReport(journalPath)).html);
    const url = pathToFileURL(file).href;
    browser.requests.length = 0;
    await browser.page.goto(url);
    await browser.page.waitForSelector("#timeline tbody tr");
    return url;
  }

  it("highlights the path taken, filters the timeline, plots the MTU, and requests nothing", async () => {
    const url = await open(journal);
    const page = browser.page;
    const taken = await page.$$eval("g.edge.taken", (els) => els.map((e) => e.id));
    for (const id of [edgeDom("Probing", "probe.done", "VpnDetected.applying"), edgeDom("VpnDetected.deciding", null, "Probing"), edgeDom("VpnDetected.verifying", "verify.failed", "Probing"), edgeDom("Applied", "link.mtu", "VpnDetected.applying")]) {
      expect(taken).toContain(id);
    }
    expect(taken).not.toContain(edgeDom("Probing", "probe.failed", "Degraded"));
    expect(await page.getAttribute(`[id="${domId("s", "Probing")}"]`, "class")).toContain("visited");
    // The path taken leaves Degraded out; the whole chart (behind its toggle) has it, not visited.
    expect(await page.locator(`#diagram [id="${domId("s", "Degraded")}"]`).count()).toBe(0);
    expect(await page.getAttribute(`[id="full-${domId("s", "Degraded")}"]`, "class")).not.toContain("visited");
    expect(await page.textContent(`[id="${domId("s", "Probing")}"]`)).toContain("×2");

    expect(await page.locator("#timeline tbody tr").count()).toBe(22);
    await page.locator("#f-types input").evaluateAll((boxes) => boxes.forEach((b) => ((b as unknown as { checked: boolean }).checked = false)));
    await page.locator("#f-types label", { hasText: "probe.done" }).locator("input").check();
    await expect.poll(() => page.locator("#timeline tbody tr").count()).toBe(2);
    expect(await page.locator("#timeline tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-seq")))).toEqual(["4", "16"]);
    await page.locator("#f-types input").evaluateAll((boxes) => boxes.forEach((b) => ((b as unknown as { checked: boolean }).checked = true)));
    await page.fill("#f-from", "2025-03-04T09:05:00");
    await page.fill("#f-to", "2025-03-04T09:05:09");
    await page.click("#f-apply");
    await expect.poll(() => page.locator("#timeline tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-event")))).toEqual(["network.settled", "apply.done", "verify.failed", "apply.done"]);

    expect(await page.locator("#mtu-plot #mtu-line").count()).toBe(1);
    for (const kind of ["probe", "apply", "rollback", "wsl", "restore"]) expect(await page.locator(`#mtu-plot .mark-${kind}`).count()).toBeGreaterThan(0);
    expect(await page.textContent("#mtu-plot .mark-rollback title")).toContain("rollback to 1372 (asked for at #14) found it already in force");
    expect(await page.locator("section.probe").count()).toBe(2);
    expect(await page.textContent("#replay-result")).toContain("reproduces all 22");

    expect(browser.requests).toEqual([url]);
  });

  it("highlights a divergence from an older machine's journal", async () => {
    const lines = (await readFile(journal, "utf8")).trimEnd().split("\n");
    const older = join(dir, "older.jsonl");
    await writeFile(older, `${lines.map((l, i) => (i === 9 ? l.replace('"state":"VpnDetected.applying"', '"state":"Applied.steady"') : l)).join("\n")}\n`);
    const url = await open(older);
    const page = browser.page;
    expect(await page.getAttribute("#replay-result", "data-divergences")).toBe("1");
    expect(await page.textContent("#replay-result")).toContain("line 10");
    await page.check("#f-diverged");
    await expect.poll(() => page.locator("#timeline tbody tr.diverged").count()).toBe(1);
    expect(await page.textContent("#timeline tbody tr.diverged .replayed")).toContain("VpnDetected.applying");
    expect(browser.requests).toEqual([url]);
  });
});
