import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataError } from "../../src/errors.js";
import { MAX_JOURNAL_LINE, readJournal, type JournalItem } from "../../src/journal/reader.js";
import { encodeRecord, type JournalRecord } from "../../src/journal/record.js";
import { testInput } from "../support/input.js";
import { useTmpDir } from "../support/tmp.js";

const tmp = useTmpDir();

const init: JournalRecord = { v: 1, seq: 0, at: "2026-11-25T10:00:00.000Z", event: { type: "xstate.init", input: testInput() }, state: "Direct.idle" };
const link: JournalRecord = { v: 1, seq: 1, at: "2026-11-25T10:00:01.000Z", event: { type: "link.mtu", mtu: 1500 }, state: "Direct.idle" };
const good = `${encodeRecord(init)}\n${encodeRecord(link)}\n`;

async function readAll(content: string | Buffer): Promise<JournalItem[]> {
  const path = join(await tmp(), "journal.jsonl");
  await writeFile(path, content);
  const items: JournalItem[] = [];
  for await (const item of readJournal(path)) items.push(item);
  return items;
}

async function problem(content: string | Buffer): Promise<string> {
  try {
    await readAll(content);
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    return (error as Error).message;
  }
  throw new Error("the journal was accepted");
}

describe("journal reader", () => {
  it("reads every record with its line number", async () => {
    const items = await readAll(good);
    expect(items).toEqual([
      { kind: "record", line: 1, record: init },
      { kind: "record", line: 2, record: link },
    ]);
  });

  it("rejects a file without records: empty, or only a torn line", async () => {
    expect(await problem("")).toMatch(/journal\.jsonl: no records \(the file is empty\)$/);
    expect(await problem(encodeRecord(init).slice(0, 25))).toMatch(/journal\.jsonl: no records: its only line is torn \(25 bytes, a crash mid-write\) and was ignored$/);
  });

  it("tolerates a torn last line and says where it is", async () => {
    const torn = encodeRecord({ ...link, seq: 2 }).slice(0, 25);
    const items = await readAll(good + torn);
    expect(items.at(-1)).toEqual({ kind: "torn", line: 3, bytes: 25 });
    expect(items).toHaveLength(3);
  });

  it("accepts a complete last record that lacks only its newline", async () => {
    const items = await readAll(good + encodeRecord({ ...link, seq: 2 }));
    expect(items.at(-1)).toMatchObject({ kind: "record", line: 3 });
  });

  it("rejects garbage in the middle, naming the line", async () => {
    expect(await problem(`${encodeRecord(init)}\nthis is not json\n${encodeRecord(link)}\n`)).toMatch(/:2: not JSON/);
  });

  it("rejects an empty line in the middle", async () => {
    expect(await problem(`${encodeRecord(init)}\n\n${encodeRecord(link)}\n`)).toMatch(/:2: empty line/);
  });

  it("rejects a record of the wrong shape, naming the field", async () => {
    const bad = JSON.stringify({ ...link, event: { type: "link.mtu", mtu: "big" } });
    expect(await problem(`${encodeRecord(init)}\n${bad}\n`)).toMatch(/:2: event link.mtu: field mtu/);
  });

  it("rejects an unknown event type and an unknown format version", async () => {
    expect(await problem(`${JSON.stringify({ ...link, event: { type: "reboot" } })}\n`)).toMatch(/:1: unknown event type "reboot"/);
    expect(await problem(`${JSON.stringify({ ...link, v: 9 })}\n`)).toMatch(/:1: unsupported format version 9/);
  });

  it("rejects a very long line without holding it in memory", async () => {
    const long = `{"v":1,"pad":"${"x".repeat(MAX_JOURNAL_LINE + 10)}"}`;
    expect(await problem(`${encodeRecord(init)}\n${long}\n${encodeRecord(link)}\n`)).toMatch(/:2: line longer than 1048576 bytes/);
  });

  it("rejects a line that is not UTF-8", async () => {
    const bytes = Buffer.concat([Buffer.from(`${encodeRecord(init)}\n`), Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a])]);
    expect(await problem(bytes)).toMatch(/:2: not valid UTF-8/);
  });

  it("rejects sequence numbers that go backwards", async () => {
    expect(await problem(`${encodeRecord(init)}\n${encodeRecord(link)}\n${encodeRecord(link)}\n`)).toMatch(/:3: seq 1 does not follow 1/);
  });

  it("reads CRLF line ends", async () => {
    expect(await readAll(good.replaceAll("\n", "\r\n"))).toHaveLength(2);
    // JSON.parse takes a trailing CR for whitespace; a bad line's sample shows whether it was cut.
    expect(await problem(`${encodeRecord(init)}\r\ngarbage\r\n`)).toMatch(/:2: not JSON at column 1: expected a value, found "g"$/);
  });

  it("reports a missing file as a data error", async () => {
    await expect(async () => {
      for await (const _ of readJournal("/nonexistent/journal.jsonl")) void _;
    }).rejects.toThrow(/^\/nonexistent\/journal\.jsonl: cannot read journal: no such file$/);
  });

  it("rejects an invalid but complete last line without a newline: a crash cannot write one", async () => {
    const complete = JSON.stringify({ ...link, seq: 2, event: { type: "link.mtu", mtu: -5 } });
    expect(await problem(good + complete)).toMatch(/:3: event link\.mtu: field mtu/);
  });

  it("a line one byte over the limit is rejected, one at the limit is read", async () => {
    const padded = (bytes: number): string => {
      const base = encodeRecord({ ...link, seq: 2, event: { type: "agent.stop" } });
      return `${base.slice(0, -1)},"pad":"${"x".repeat(bytes - base.length - 9)}"}`;
    };
    expect(Buffer.byteLength(padded(MAX_JOURNAL_LINE))).toBe(MAX_JOURNAL_LINE);
    expect(await readAll(`${good}${padded(MAX_JOURNAL_LINE)}\n`)).toHaveLength(3);
    expect(await readAll(`${good}${padded(MAX_JOURNAL_LINE)}\r\n`)).toHaveLength(3);
    expect(await problem(`${good}${padded(MAX_JOURNAL_LINE + 1)}\n`)).toMatch(/:3: line longer than 1048576 bytes$/);
  });

  it("an unterminated last line over the limit is an error, not a torn line", async () => {
    expect(await problem(`${good}{"v":1,"pad":"${"x".repeat(10 * MAX_JOURNAL_LINE)}`)).toMatch(/:3: line longer than 1048576 bytes$/);
  });

  it("stops at the limit on a file without newlines (/dev/zero) instead of reading it forever", async () => {
    await expect(async () => {
      for await (const _ of readJournal("/dev/zero")) void _;
    }).rejects.toThrow(/^\/dev\/zero:1: line longer than 1048576 bytes$/);
  });

  it("keeps messages short and escaped whatever the line holds", async () => {
    const long = "T\u001b[2J".repeat(20_000);
    for (const bad of [{ ...link, event: { type: long } }, { ...link, v: long }, { ...link, at: long }, { ...link, event: { type: "link.mtu", mtu: long } }]) {
      const message = await problem(`${JSON.stringify(bad)}\n`);
      expect(message.length).toBeLessThan(200);
      expect(message).not.toContain("\u001b");
    }
  });

  it("names the line of a deeply nested value in a checked field instead of overflowing the stack", async () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const text = `${encodeRecord(init)}\n{"v":1,"seq":1,"at":"2026-11-25T10:00:01Z","event":{"type":"link.mtu","mtu":${deep}},"state":"Direct.idle"}\n`;
    expect(await problem(text)).toMatch(/:2: event link\.mtu: field mtu: expected an integer from 0 to 4294967295, got \[\[\[\[\[…\]\]\]\]\]$/);
  });

  it("requires ISO 8601 times, as the agent writes them", async () => {
    expect(await problem(`${JSON.stringify({ ...init, at: "2026-11-25 (red)" })}\n`)).toMatch(/:1: at must be an ISO 8601 time like 2026-11-25T09:00:00\.250Z, got "2026-11-25 \(red\)"$/);
    expect(await problem(`${JSON.stringify({ ...init, at: "foo 1" })}\n`)).toMatch(/:1: at must be an ISO 8601 time/);
    expect(await readAll(`${JSON.stringify({ ...init, at: "2026-11-25T09:00:01Z" })}\n`)).toHaveLength(1);
  });
});
