import { readFiles } from "../src/journal/readFiles.js";
import { createReadStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { replayItems } from "../src/journal/replay.js";
import { splitLines } from "../src/lines/splitLines.js";
import { writeBigJournal } from "./report.js";
import { best, report } from "./measure.js";
import { toggleFloorMs } from "./xstateFloor.js";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);

/**
 * Replay throughput against XState's own floor: folding as many events through a two-state toggle
 * machine. (The old target, replay within 3x of bare JSON parsing, lay below that floor and is retired.)
 */
export async function benchReplay(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "wva-bench-"));
  try {
    const path = join(dir, "journal.jsonl");
    const events = await writeBigJournal(path, EVENTS);
    const { size } = await stat(path);
    const parse = await best(3, async () => {
      let n = 0;
      for await (const line of splitLines(createReadStream(path), 1 << 20)) if (JSON.parse(line.bytes.toString("utf8")) !== null) n++;
      return n;
    });
    const replay = await best(3, async () => {
      const outcome = await replayItems(readFiles([path]));
      if (outcome.divergence !== null) throw new Error(`bench journal diverged at line ${outcome.divergence.line}`);
      return outcome.steps;
    });
    const floor = await best(3, () => Promise.resolve(toggleFloorMs(events)));
    report("replay", [
      ["journal", `${events} events, ${(size / 1e6).toFixed(1)} MB`],
      ["read + JSON.parse", `${parse.ms.toFixed(0)} ms, ${rate(events, parse.ms)} events/s`],
      ["replay (read, validate, transition, compare)", `${replay.ms.toFixed(0)} ms, ${rate(events, replay.ms)} events/s`],
      ["XState floor: as many two-state toggle steps", `${floor.ms.toFixed(0)} ms, ${rate(events, floor.ms)} events/s`],
      ["replay / (read + JSON.parse + XState floor)", `${(replay.ms / (parse.ms + floor.ms)).toFixed(2)}x`],
      ["replay / read + JSON.parse", `${(replay.ms / parse.ms).toFixed(2)}x (the floor alone is ${(floor.ms / parse.ms).toFixed(2)}x)`],
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const rate = (n: number, ms: number): string => Math.round((n / ms) * 1000).toLocaleString("en");
