import { readFiles } from "../src/journal/readFiles.js";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { replayItems } from "../src/journal/replay.js";
import { buildReport } from "../src/report/report.js";
import { best, report } from "./measure.js";
import { evidence } from "../test/report/fixtures/story.js";
import { Sim } from "../test/report/fixtures/sim.js";
import { CHROMIUM, openBrowser } from "../test/report/support/browser.js";

const EVENTS = 100_000;

/** Writes a journal of about `events` records: VPN sessions with probes, health checks, WSL rewrites, rollbacks. */
export async function writeBigJournal(path: string, events: number): Promise<number> {
  // One file: these benches measure folding and drawing, not rotation (bench/yearJournal.ts does).
  const sim = await Sim.open(path, undefined, { segmentBytes: 2 ** 40, keepBytes: 2 ** 41 });
  let written = 1;
  const count = async (p: Promise<void>): Promise<void> => {
    await p;
    written++;
  };
  for (let session = 0; written < events; session++) {
    const hint = 1380 + (session % 4) * 10;
    await count(sim.settle({ name: `VPN ${session % 3}`, description: "Bench VPN adapter", mtuHint: hint }, 60_000));
    if (sim.state === "Probing") await count(sim.probeDone(hint - 28, evidence(hint - 28, [hint - 60, hint - 40, hint - 28, hint - 20, hint - 10, hint])));
    await count(sim.applyDone());
    const ok = session % 7 !== 3;
    await count(sim.verify(ok));
    if (!ok) {
      if (sim.state === "Probing") {
        await count(sim.applyDone());
        await count(sim.probeDone(hint - 40, evidence(hint - 40, [hint - 60, hint - 50, hint - 40, hint - 30])));
      } else await count(sim.fire("retry"));
      if (sim.state === "VpnDetected.applying") await count(sim.applyDone());
      if (sim.state === "VpnDetected.verifying") await count(sim.verify(true));
    }
    for (let i = 0; i < 12 && sim.state.startsWith("Applied"); i++) {
      await count(sim.fire("health"));
      await count(sim.verify(true));
    }
    if (sim.state.startsWith("Applied")) {
      await count(sim.link(hint, 5_000));
      await count(sim.applyDone());
      await count(sim.verify(true));
    }
    await count(sim.settle(null, 600_000));
    if (sim.state === "Direct.restoring") await count(sim.applyDone());
  }
  await sim.close();
  return written;
}

/** Generates a 100,000-event journal and prints how long `report` takes on it. */
export async function benchReport(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "bench-report-"));
  try {
    const journal = join(dir, "journal.jsonl");
    const records = await writeBigJournal(journal, EVENTS);
    const journalMb = (await stat(journal)).size / 1e6;
    // Baseline: replaying the same journal, the least any report of it must do.
    const replay = await best(1, () => replayItems(readFiles([journal])));
    const built = await best(1, async () => {
      const r = await buildReport(journal);
      await writeFile(join(dir, "report.html"), r.html);
      return r;
    });
    const { html, data } = built.value;
    const rows: [string, string][] = [
      ["journal", `${records} records, ${journalMb.toFixed(1)} MB`],
      ["replay of the same journal (baseline)", `${(replay.ms / 1000).toFixed(2)} s`],
      ["report, in process", `${(built.ms / 1000).toFixed(2)} s, ${(built.ms / replay.ms).toFixed(2)}x the replay`],
      ["report size", `${(html.length / 1e6).toFixed(1)} MB of HTML, ${data.rows.length} timeline rows, ${data.divergenceCount} divergences`],
    ];
    const cli = join(import.meta.dirname, "..", "dist", "cli.js");
    if (existsSync(cli)) {
      const t = performance.now();
      const run = spawnSync(process.execPath, [cli, "report", journal, "-o", join(dir, "cli.html")], { encoding: "utf8" });
      if (run.status !== 0) throw new Error(`wsl-vpn-agent report failed (${run.status}): ${run.stderr}`);
      rows.push(["report, bundled CLI", `${((performance.now() - t) / 1000).toFixed(2)} s`]);
    }
    if (existsSync(CHROMIUM)) rows.push(...(await inBrowser(join(dir, "report.html"))));
    report("report (100,000 events)", rows);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** "Usable in seconds", measured where it counts: opening the report in Chromium and filtering it. */
async function inBrowser(file: string): Promise<[string, string][]> {
  const browser = await openBrowser();
  try {
    const { page } = browser;
    const t0 = performance.now();
    await page.goto(`file://${file}`);
    await page.waitForSelector("#timeline tbody tr");
    const opened = performance.now() - t0;
    // Only VPN changes, then the next page: the filter runs over all rows.
    const t1 = performance.now();
    await page.locator("#f-types input").evaluateAll((boxes) => boxes.forEach((b) => ((b as unknown as { checked: boolean }).checked = false)));
    await page.locator("#f-types label", { hasText: "network.settled" }).locator("input").check();
    await page.click("#f-apply");
    await page.click("#next");
    const events = (): Promise<(string | null)[]> => page.locator("#timeline tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-event")));
    for (let e = await events(); e.length === 0 || e.some((x) => x !== "network.settled"); e = await events()) await page.waitForTimeout(10);
    const filtered = performance.now() - t1;
    return [
      ["opened in Chromium (load to first rows)", `${(opened / 1000).toFixed(2)} s`],
      ["filter by event type + next page", `${filtered.toFixed(0)} ms`],
    ];
  } finally {
    await browser.close();
  }
}

// Run directly: node --import tsx bench/report.ts
if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) await benchReport();
