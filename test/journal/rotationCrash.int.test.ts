import { execa } from "execa";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readJournalPath } from "../../src/journal/readFiles.js";
import type { JournalRecord } from "../../src/journal/record.js";
import { replayItems } from "../../src/journal/replay.js";
import type { RotationStep } from "../../src/journal/rotation.js";
import { useTmpDir } from "../support/tmp.js";
import { drive, session } from "./support/drive.js";

const tmp = useTmpDir();
const fixture = new URL("fixtures/rotatingAgent.ts", import.meta.url).pathname;
const steps: RotationStep[] = ["started", "checkpoint-written", "segment-renamed", "active-renamed", "retained"];

async function records(path: string): Promise<JournalRecord[]> {
  const out: JournalRecord[] = [];
  for await (const item of readJournalPath(path)) if (item.kind === "record") out.push(item.record);
  return out;
}

describe("a crash at any step of a rotation", () => {
  it.each(steps)("killed after %s: no record lost, the journal replays as it is and after the next start", async (step) => {
    const dir = await tmp();
    const path = join(dir, "journal.jsonl");
    const child = await execa(process.execPath, ["--import", "tsx", fixture, path, step], { reject: false });
    expect(child.signal, child.stderr).toBe("SIGKILL");
    const acted = child.stdout.split("\n").filter((l) => l !== "").map(Number);
    expect(acted.length).toBeGreaterThan(20);

    // As the crash left it: every record the agent acted on is there, and it replays.
    const before = await records(path);
    const seqs = new Set(before.map((r) => r.seq));
    expect(acted.filter((s) => !seqs.has(s))).toEqual([]);
    const events = before.filter((r) => r.event.type === "network.settled" || r.event.type === "link.mtu").map((r) => r.event);
    expect(events).toEqual(session(200).slice(0, events.length)); // in order, none missing in between
    expect(events.length).toBeGreaterThanOrEqual(acted.length - 1); // the record being rotated was written too
    expect((await replayItems(readJournalPath(path))).divergence).toBeNull();

    // The next start finishes or drops the rotation and goes on; the whole journal still replays.
    await drive(path, { segmentBytes: 4096, keepBytes: 1024 * 1024 }, session(30), Date.UTC(2026, 0, 2));
    expect((await readdir(dir)).filter((n) => n.endsWith(".next"))).toEqual([]);
    const after = await records(path);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.filter((r) => r.event.type === "xstate.init")).toHaveLength(2);
    const outcome = await replayItems(readJournalPath(path));
    expect(outcome.divergence).toBeNull();
    expect(outcome.steps).toBe(after.length);
  });
});
