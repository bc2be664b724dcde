import { readdir, readFile, stat, unlink } from "node:fs/promises";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { readFiles, readJournalPath } from "../../src/journal/readFiles.js";
import type { JournalRecord } from "../../src/journal/record.js";
import { replayItems } from "../../src/journal/replay.js";
import { JournalWriter } from "../../src/journal/writer.js";
import { rotatedSegments } from "../../src/journal/segments.js";
import { useTmpDir } from "../support/tmp.js";
import { drive, session } from "./support/drive.js";

const tmp = useTmpDir();
const big = 1024 * 1024 * 1024;

async function records(path: string): Promise<JournalRecord[]> {
  const out: JournalRecord[] = [];
  for await (const item of readJournalPath(path)) if (item.kind === "record") out.push(item.record);
  return out;
}

const firstRecord = async (file: string) => JSON.parse((await readFile(file, "utf8")).split("\n")[0] ?? "") as JournalRecord;

describe("journal segments", () => {
  it("rotates past segmentBytes into files named after the active one, each starting with a checkpoint, and nothing is lost", async () => {
    const path = join(await tmp(), "journal.jsonl");
    await drive(path, { segmentBytes: 4096, keepBytes: big }, session(200));
    const segments = await rotatedSegments(path);
    expect(segments.length).toBeGreaterThan(3);
    for (const s of segments) {
      expect(s.path.startsWith(`${path}.`)).toBe(true);
      expect(s.bytes).toBeGreaterThanOrEqual(4096);
      expect(s.bytes).toBeLessThan(4096 + 2048); // one record past the limit, not more
    }
    // The first segment starts with the agent's start; every later one, the active file too, with a checkpoint.
    expect((await firstRecord(segments[0]?.path ?? "")).event.type).toBe("xstate.init");
    for (const file of [...segments.slice(1).map((s) => s.path), path]) expect((await firstRecord(file)).event.type).toBe("journal.checkpoint");
    const all = await records(path);
    expect(all.map((r) => r.seq)).toEqual(all.map((_, i) => i));
    expect(all.filter((r) => r.event.type === "link.mtu")).toHaveLength(200);
    const whole = await replayItems(readJournalPath(path));
    expect(whole.divergence).toBeNull();
    expect(whole.steps).toBe(all.length);
  });

  it("replays any one segment alone, from its checkpoint", async () => {
    const path = join(await tmp(), "journal.jsonl");
    await drive(path, { segmentBytes: 4096, keepBytes: big }, session(120));
    for (const file of [...(await rotatedSegments(path)).map((s) => s.path), path]) {
      const outcome = await replayItems(readJournalPath(file));
      expect(outcome.divergence, file).toBeNull();
      expect(outcome.steps).toBeGreaterThan(1);
    }
  });

  it("writes a checkpoint after every eighth of segmentBytes inside a segment", async () => {
    const path = join(await tmp(), "journal.jsonl");
    await drive(path, { segmentBytes: 64 * 1024, keepBytes: big }, session(800));
    const lines = (await readFile(path, "utf8")).split("\n").filter((l) => l !== "");
    let since = 0;
    for (const line of lines) {
      since += Buffer.byteLength(line) + 1;
      if (line.includes('"type":"journal.checkpoint"')) since = 0;
      expect(since).toBeLessThan(8 * 1024 + 1024);
    }
    expect(lines.filter((l) => l.includes('"type":"journal.checkpoint"')).length).toBeGreaterThan(3);
  });

  it("deletes the oldest segments once the files together pass keepBytes, and what is left replays", async () => {
    const path = join(await tmp(), "journal.jsonl");
    await drive(path, { segmentBytes: 4096, keepBytes: 3 * 4096 }, session(400));
    const segments = await rotatedSegments(path);
    const total = segments.reduce((n, s) => n + s.bytes, 0) + (await stat(path)).size;
    expect(total).toBeLessThanOrEqual(3 * 4096);
    expect(segments.length).toBeGreaterThanOrEqual(1);
    const first = await firstRecord(segments[0]?.path ?? "");
    expect(first.seq).toBeGreaterThan(0); // the oldest went
    expect(first.event.type).toBe("journal.checkpoint");
    const all = await records(path);
    expect(all.at(-1)?.event).toEqual({ type: "link.mtu", mtu: 1500 });
    expect((await replayItems(readJournalPath(path))).divergence).toBeNull();
  });

  it("continues the seq after the segments when the active file was removed, and reads a directory", async () => {
    const dir = await tmp();
    const path = join(dir, "journal.jsonl");
    await drive(path, { segmentBytes: 4096, keepBytes: big }, session(60));
    await unlink(path);
    const kept = await records(dir);
    expect(kept.length).toBeGreaterThan(10);
    const w = await JournalWriter.open(path, "journal.path", { segmentBytes: 4096, keepBytes: big });
    expect(w.report.nextSeq).toBe((kept.at(-1)?.seq ?? -1) + 1);
    await w.close();
  });

  it("refuses a directory holding two journals, naming them", async () => {
    const dir = await tmp();
    await drive(join(dir, "a.jsonl"), { segmentBytes: 4096, keepBytes: big }, session(3));
    await drive(join(dir, "b.jsonl"), { segmentBytes: 4096, keepBytes: big }, session(3));
    await expect(records(dir)).rejects.toThrow(/holds more than one journal \(a\.jsonl, b\.jsonl\)/);
    expect((await readdir(dir)).sort()).toEqual(["a.jsonl", "b.jsonl"]);
  });

  it("reads an old single-file journal as one segment", async () => {
    const outcome = await replayItems(readFiles([new URL("fixtures/v1-random-walks.jsonl", import.meta.url).pathname]));
    expect(outcome.divergence).toBeNull();
  });
});

describe("a journal whose files are not all there", () => {
  it("names a missing middle segment and the seq range it held instead of replaying past the gap", async () => {
    const dir = await tmp();
    const path = join(dir, "journal.jsonl");
    await drive(path, { segmentBytes: 4096, keepBytes: big }, session(200));
    const [, middle, after] = await rotatedSegments(path);
    if (middle === undefined || after === undefined) throw new Error("expected at least three segments");
    const first = (await firstRecord(middle.path)).seq;
    const next = (await firstRecord(after.path)).seq;
    await unlink(middle.path);
    await expect(records(dir)).rejects.toThrow(`segment ${middle.path} missing (seq ${first}..${next - 1})`);
  });

  it("treats a FIFO in place of a middle segment as missing, and says what it is", async () => {
    const dir = await tmp();
    const path = join(dir, "journal.jsonl");
    await drive(path, { segmentBytes: 4096, keepBytes: big }, session(200));
    const [, middle] = await rotatedSegments(path);
    if (middle === undefined) throw new Error("expected at least two segments");
    await unlink(middle.path);
    await execa("mkfifo", [middle.path]);
    await expect(records(path)).rejects.toThrow(/missing \(seq \d+\.\.\d+\): it is a FIFO, not a regular file/);
  });

  it("refuses a FIFO as the journal instead of blocking on it, named directly or through its directory", async () => {
    const dir = await tmp();
    const path = join(dir, "journal.jsonl");
    await execa("mkfifo", [path]);
    for (const target of [path, dir]) await expect(records(target)).rejects.toThrow(`${path}: not a regular file (a FIFO)`);
  });
});
