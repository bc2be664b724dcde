import { appendFile, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_JOURNAL_LINE, readJournal } from "../../src/journal/reader.js";
import { JournalWriter } from "../../src/journal/writer.js";
import { useTmpDir } from "../support/tmp.js";
import { startPaths } from "../../machines/index.js";
import { testInput } from "../support/input.js";

const tmp = useTmpDir();
const at = new Date("2026-11-25T10:00:00Z");
const [snapshot] = startPaths(testInput());

describe("journal writer", () => {
  it("keeps the order of concurrent appends and numbers them", async () => {
    const path = join(await tmp(), "j.jsonl");
    const w = await JournalWriter.open(path);
    await Promise.all(Array.from({ length: 50 }, (_, i) => w.append({ type: "link.mtu", mtu: 1300 + i }, "Direct.idle", at, snapshot)));
    await w.close();
    const mtus: number[] = [];
    for await (const item of readJournal(path)) if (item.kind === "record" && item.record.event.type === "link.mtu") mtus.push(item.record.event.mtu);
    expect(mtus).toEqual(Array.from({ length: 50 }, (_, i) => 1300 + i));
  });

  it("cuts a torn last line on open and continues the sequence after the last good record", async () => {
    const path = join(await tmp(), "j.jsonl");
    const first = await JournalWriter.open(path);
    await first.append({ type: "link.mtu", mtu: 1400 }, "Direct.idle", at, snapshot);
    await first.append({ type: "link.mtu", mtu: 1401 }, "Direct.idle", at, snapshot);
    await first.close();
    const torn = '{"v":1,"seq":2,"at":"2026-11-25T10:0';
    await appendFile(path, torn);
    const second = await JournalWriter.open(path);
    expect(second.report).toEqual({ truncatedBytes: torn.length, nextSeq: 2 });
    const record = await second.append({ type: "link.mtu", mtu: 1402 }, "Direct.idle", at, snapshot);
    await second.close();
    expect(record.seq).toBe(2);
    const lines = (await readFile(path, "utf8")).trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[2] ?? "")).toMatchObject({ seq: 2, event: { mtu: 1402 } });
  });

  it("refuses a record longer than replay accepts, writing nothing and keeping the sequence", async () => {
    const path = join(await tmp(), "j.jsonl");
    const w = await JournalWriter.open(path);
    await w.append({ type: "link.mtu", mtu: 1400 }, "Direct.idle", at, snapshot);
    const huge = { type: "probe.failed", workId: 1, reason: "x".repeat(MAX_JOURNAL_LINE) } as const;
    await expect(w.append(huge, "Degraded", at, snapshot)).rejects.toThrow(/journal record 1 \(probe\.failed\) would be \d+ bytes, over the 1048576 replay accepts/);
    const next = await w.append({ type: "link.mtu", mtu: 1401 }, "Direct.idle", at, snapshot);
    await w.close();
    expect(next.seq).toBe(1);
    expect((await readFile(path, "utf8")).trimEnd().split("\n")).toHaveLength(2);
  });
});
