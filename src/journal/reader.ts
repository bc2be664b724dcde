import { createReadStream } from "node:fs";
import { DataError } from "../errors.js";
import { splitLines } from "../lines/splitLines.js";
import type { JournalRecord } from "./record.js";
import { asRecord } from "./validate.js";

/** Longest journal line accepted; a probe's evidence is a few KB, so this is generous. */
export const MAX_JOURNAL_LINE = 1024 * 1024;

export type JournalItem =
  | { readonly kind: "record"; readonly line: number; readonly record: JournalRecord }
  /** The last line was cut short by a crash: it is reported, not fatal. */
  | { readonly kind: "torn"; readonly line: number; readonly bytes: number };

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Streams a journal file record by record. A torn last line is yielded as `torn`; any other bad
 * line throws a `DataError` naming its line number, and so does a file without a single record
 * (empty, or only a torn line): there is nothing to replay, and saying "all reproduced" would lie.
 */
export async function* readJournal(path: string): AsyncGenerator<JournalItem> {
  const stream = createReadStream(path);
  let lastSeq = -1; // until the first record: seq is never negative
  try {
    for await (const raw of splitLines(stream, MAX_JOURNAL_LINE)) {
      const where = `${path}:${raw.number}`;
      const parsed = raw.overflow ? { problem: `line longer than ${MAX_JOURNAL_LINE} bytes` } : parseLine(raw.bytes);
      if ("problem" in parsed) {
        if (!raw.terminated) {
          if (lastSeq === -1) throw new DataError(`${path}: no records: its only line is torn (${raw.bytes.length} bytes, a crash mid-write) and was ignored`);
          yield { kind: "torn", line: raw.number, bytes: raw.bytes.length };
          return;
        }
        throw new DataError(`${where}: ${parsed.problem}`);
      }
      if (parsed.record.seq <= lastSeq) throw new DataError(`${where}: seq ${parsed.record.seq} does not follow ${lastSeq}`);
      lastSeq = parsed.record.seq;
      yield { kind: "record", line: raw.number, record: parsed.record };
    }
    if (lastSeq === -1) throw new DataError(`${path}: no records (the file is empty)`);
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw new DataError(`${path}: cannot read journal: ${(error as Error).message}`, { cause: error });
  } finally {
    stream.destroy();
  }
}

function parseLine(bytes: Buffer): { record: JournalRecord } | { problem: string } {
  if (bytes.length === 0) return { problem: "empty line" };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { problem: "not valid UTF-8" };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: `not JSON (${(error as Error).message}): ${sample(text)}` };
  }
  const record = asRecord(value);
  return typeof record === "string" ? { problem: record } : { record };
}

function sample(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}
