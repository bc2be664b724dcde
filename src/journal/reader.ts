import { createReadStream } from "node:fs";
import { DataError } from "../errors.js";
import { readErrorReason } from "../fs/fileErrorReason.js";
import { locateJsonError } from "../json/syntaxError.js";
import { splitLines } from "../lines/splitLines.js";
import type { JournalRecord } from "./record.js";
import { asRecord } from "./validate.js";

/**
 * Longest journal line accepted, and the longest the agent writes (the writer refuses a longer
 * record): a probe's evidence is a few KB, an adapter's name and description at most 1024
 * characters each, so this is generous.
 */
export const MAX_JOURNAL_LINE = 1024 * 1024;

export type JournalItem =
  | { readonly kind: "record"; readonly line: number; readonly record: JournalRecord }
  /** The last line was cut short by a crash: it is reported, not fatal. */
  | { readonly kind: "torn"; readonly line: number; readonly bytes: number };

/** Where reading starts: a byte offset at the start of a line, and that line's number. */
export interface ReadStart {
  readonly byte: number;
  readonly line: number;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Streams a journal file record by record. A torn last line (one a crash cut short: no newline,
 * and not complete JSON) is yielded as `torn`; any other bad line throws a `DataError` naming its
 * line number, and so does a file without a single record (empty, or only a torn line): there is
 * nothing to replay, and saying "all reproduced" would lie. Reading stops at the first line over
 * the limit, so a file without newlines (`/dev/zero`) costs at most the limit.
 */
export async function* readJournal(path: string, from: ReadStart = { byte: 0, line: 1 }): AsyncGenerator<JournalItem> {
  const stream = createReadStream(path, { start: from.byte });
  let lastSeq = -1; // until the first record: seq is never negative
  try {
    for await (const rawLine of splitLines(stream, MAX_JOURNAL_LINE)) {
      const raw = { ...rawLine, number: rawLine.number + from.line - 1 };
      const where = `${path}:${raw.number}`;
      if (raw.overflow) throw new DataError(`${where}: line longer than ${MAX_JOURNAL_LINE} bytes`);
      const parsed = parseLine(raw.bytes);
      if ("problem" in parsed) {
        if (!raw.terminated && parsed.torn) {
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
    const reason = readErrorReason(error);
    if (reason === null) throw error;
    throw new DataError(`${path}: cannot read journal: ${reason}`, { cause: error });
  } finally {
    stream.destroy();
  }
}

/** A record, or the problem with the line; `torn` when a crash mid-write could explain it (the JSON is cut short). */
function parseLine(bytes: Buffer): { record: JournalRecord } | { problem: string; torn: boolean } {
  if (bytes.length === 0) return { problem: "empty line", torn: false };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    // A write cut mid-character leaves an incomplete UTF-8 sequence at the end.
    return { problem: "not valid UTF-8", torn: true };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const { column, reason } = locateJsonError(text);
    return { problem: `not JSON at column ${column}: ${reason}`, torn: reason === "unexpected end of the text" };
  }
  const record = asRecord(value);
  return typeof record === "string" ? { problem: record, torn: false } : { record };
}
