import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rotatedSegments } from "../src/journal/segments.js";
import { anyconnect, evidence } from "../test/report/fixtures/story.js";
import { Sim } from "../test/report/fixtures/sim.js";
import { report, verdict } from "./measure.js";

const DAYS = Number(process.env.BENCH_YEAR_DAYS ?? 365);
const DAY = 86_400_000;
const MINUTE = 60_000;
/** The target: one day out of a year-long journal in under a second. */
const TARGET_MS = 1_000;

/**
 * A year of the agent at its defaults, written by the real writer (rotation, checkpoints): the VPN
 * up all day with a health check a minute (two records each), a reconnect with a probe every
 * morning. About 130 MB, as the issue reckons; segments are kept (keepBytes above the total).
 */
async function writeYear(path: string, t0: Date): Promise<void> {
  const sim = await Sim.open(path, t0, { segmentBytes: 8 * 1024 * 1024, keepBytes: 1024 ** 4 });
  for (let day = 0; day < DAYS; day++) {
    await sim.settle(anyconnect, 60_000);
    if (sim.state === "Probing") await sim.probeDone(1372, evidence(1372, [1340, 1372, 1380, 1400]), 2_400);
    if (sim.state === "VpnDetected.applying") await sim.applyDone();
    if (sim.state === "VpnDetected.verifying") await sim.verify(true);
    for (let m = 0; m < 24 * 60 - 10 && sim.state.startsWith("Applied"); m++) {
      await sim.fire("health");
      await sim.verify(true, 1_000);
    }
    await sim.settle(null, 5 * MINUTE);
    if (sim.state === "Direct.restoring") await sim.applyDone();
  }
  await sim.close();
}

/** Wall time of one CLI run, as a user sees it (Node start-up and Graphviz included). */
function timedCli(args: readonly string[]): number {
  const cli = join(import.meta.dirname, "..", "dist", "cli.js");
  const t = performance.now();
  const run = spawnSync(process.execPath, [cli, ...args], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`wsl-vpn-agent ${args[0]} failed (${run.status}): ${run.stderr}`);
  return performance.now() - t;
}

/** Replaying and reporting one day out of a generated year-long journal, from the checkpoint before it. */
export async function benchYear(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "wva-bench-year-"));
  try {
    const path = join(dir, "journal.jsonl");
    const t0 = new Date("2025-01-01T00:00:00Z");
    const written = performance.now();
    await writeYear(path, t0);
    const writeMs = performance.now() - written;
    const segments = await rotatedSegments(path);
    const bytes = segments.reduce((n, s) => n + s.bytes, 0);
    const day = Math.floor(DAYS * 0.6);
    const since = new Date(t0.getTime() + day * DAY).toISOString();
    const until = new Date(t0.getTime() + (day + 1) * DAY).toISOString();
    const replay = Math.min(...[0, 1, 2].map(() => timedCli(["replay", "--since", since, "--until", until, path])));
    const reportMs = Math.min(...[0, 1, 2].map(() => timedCli(["report", "--since", since, "--until", until, path, "-o", join(dir, "day.html")])));
    report(`windowed replay (${DAYS} days of journal)`, [
      ["journal", `${segments.length} rotated segments + the active file, ${(bytes / 1e6).toFixed(0)} MB rotated; written by the agent's writer in ${(writeMs / 1000).toFixed(0)} s`],
      ["replay --since/--until one day (CLI)", `${replay.toFixed(0)} ms (target < ${TARGET_MS} ms: ${verdict(replay < TARGET_MS)})`],
      ["report --since/--until one day (CLI)", `${reportMs.toFixed(0)} ms (target < ${TARGET_MS} ms: ${verdict(reportMs < TARGET_MS)})`],
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// Run directly: node --import tsx bench/yearJournal.ts
if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) await benchYear();
