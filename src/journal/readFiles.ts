import { createReadStream, type Stats } from "node:fs";
import { stat } from "node:fs/promises";
import { DataError } from "../errors.js";
import { journalFiles } from "./journalFiles.js";
import { activeOf, segmentPath } from "./segments.js";
import { MAX_JOURNAL_LINE, readJournal, type JournalItem, type ReadStart } from "./reader.js";
import { WHOLE, type Window } from "./window.js";

/** An item and the file it came from (errors and divergences name `file:line`). */
export type SourcedItem = JournalItem & { readonly file: string };

/**
 * Reads a journal's files as one: `seq` keeps increasing across files and only the last may end
 * torn. With `window.since`, reading starts at the nearest checkpoint (or agent start) at or
 * before it, so the records before the window are only those replay needs to get there; reading
 * stops at the first record after `window.until`. Callers skip the records before `since`.
 */
export async function* readFiles(files: readonly string[], window: Window = WHOLE): AsyncGenerator<SourcedItem> {
  const chosen = await nonEmpty(files);
  const { index, from } = window.since === null ? { index: 0, from: undefined } : await startFor(chosen, window.since);
  let lastSeq = -1;
  for (const [i, file] of chosen.slice(index).entries()) {
    const last = index + i === chosen.length - 1;
    for await (const item of readJournal(file, i === 0 ? from : undefined)) {
      if (item.kind === "torn") {
        if (!last) throw new DataError(`${file}:${item.line}: a segment that is not the newest ends in a torn line (${item.bytes} bytes)`);
        yield { ...item, file };
        return;
      }
      if (item.record.seq <= lastSeq) throw new DataError(`${file}:${item.line}: seq ${item.record.seq} does not follow ${lastSeq} (the previous segment's last)`);
      // Rotation numbers on across files: a gap there is a segment deleted or replaced, not a divergence.
      if (lastSeq !== -1 && item.record.seq > lastSeq + 1) throw new DataError(await missingSegment(file, lastSeq + 1, item.record.seq - 1));
      lastSeq = item.record.seq;
      if (window.until !== null && Date.parse(item.record.at) > window.until) return;
      yield { ...item, file };
    }
  }
}

/**
 * Empty files (an active file a crash left before its first record) carry nothing; keep one so the
 * reader can say so. Anything but a regular file is refused before it is opened: opening a FIFO
 * blocks until a writer comes, and a device may never end.
 */
async function nonEmpty(files: readonly string[]): Promise<string[]> {
  const kept: string[] = [];
  for (const f of files) {
    const st = await stat(f).catch(() => null);
    if (st !== null && !st.isFile()) throw new DataError(`${f}: not a regular file (${fileKind(st)}): a journal is a file the agent wrote`);
    if (st?.size !== 0) kept.push(f);
  }
  return kept.length > 0 ? kept : files.slice(-1);
}

function fileKind(st: Stats): string {
  if (st.isFIFO()) return "a FIFO";
  if (st.isCharacterDevice() || st.isBlockDevice()) return "a device";
  if (st.isSocket()) return "a socket";
  return st.isDirectory() ? "a directory" : "not a file";
}

/** The error for records first..last missing between `next` and the file before it: the segment that held them is gone or not a file. */
async function missingSegment(next: string, first: number, last: number): Promise<string> {
  const segment = segmentPath(activeOf(next) ?? next, first);
  const st = await stat(segment).catch(() => null);
  const why = st === null ? "" : `: it is ${fileKind(st)}, not a regular file`;
  return `segment ${segment} missing (seq ${first}..${last})${why}; replay a window after it (--since) or restore it`;
}

/**
 * The file and line to start from: the last replay start before `since`. Strictly before: a
 * checkpoint carries the time of the record before it, which may be in the window itself.
 */
async function startFor(files: readonly string[], since: number): Promise<{ index: number; from: ReadStart | undefined }> {
  let index = 0;
  for (const [i, file] of files.entries()) {
    const first = await firstStart(file);
    if (first === null) continue;
    if (first >= since) break;
    index = i;
  }
  const file = files[index];
  return { index, from: file === undefined ? undefined : await lastStartIn(file, since) };
}

/** Time of a file's first record when it is a replay start, else null. */
async function firstStart(file: string): Promise<number | null> {
  for await (const line of scan(file)) return line.start ? line.at : null;
  return null;
}

/** Byte and line of the last replay start before `since` in `file` (its start when none is). */
async function lastStartIn(file: string, since: number): Promise<ReadStart> {
  let best: ReadStart = { byte: 0, line: 1 };
  for await (const line of scan(file)) {
    if (line.at !== null && line.at >= since) break;
    if (line.start && line.at !== null) best = { byte: line.byte, line: line.number };
  }
  return best;
}

interface ScannedLine {
  readonly number: number;
  readonly byte: number;
  readonly at: number | null;
  readonly start: boolean;
}

// Inside a JSON string every quote is escaped, so these only match the record's own fields.
const AT = /"at":"([^"]*)"/;
const START = /"event":\{"type":"(xstate\.init|journal\.checkpoint)"/;

/**
 * Lines with their offsets, read without parsing JSON: finding a window's start costs a read of one
 * segment. A line past the reader's limit is refused here too, as soon as it passes it, so a file
 * of zeros (a power loss can leave one) costs the limit, not its size.
 */
async function* scan(file: string): AsyncGenerator<ScannedLine> {
  const stream = createReadStream(file);
  let chunkStart = 0; // file offset of the current chunk
  let lineStart = 0;
  let number = 1;
  let head = ""; // the line's first bytes: enough for its seq, at and event type
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let pos = 0;
      while (pos < chunk.length) {
        const nl = chunk.indexOf(0x0a, pos);
        const end = nl === -1 ? chunk.length : nl;
        // +1: a CR before the newline does not count, as in splitLines.
        if (chunkStart + end - lineStart > MAX_JOURNAL_LINE + 1) throw new DataError(`${file}:${number}: line longer than ${MAX_JOURNAL_LINE} bytes`);
        if (head.length < HEAD) head += chunk.subarray(pos, Math.min(end, pos + HEAD)).toString("latin1");
        if (nl === -1) break;
        yield scanned(number++, lineStart, head);
        lineStart = chunkStart + nl + 1;
        head = "";
        pos = nl + 1;
      }
      chunkStart += chunk.length;
    }
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw new DataError(`${file}: cannot read journal: ${(error as Error).message}`, { cause: error });
  } finally {
    stream.destroy();
  }
}

const HEAD = 512;

function scanned(number: number, byte: number, head: string): ScannedLine {
  const at = AT.exec(head)?.[1];
  const t = at === undefined ? Number.NaN : Date.parse(at);
  return { number, byte, at: Number.isNaN(t) ? null : t, start: START.test(head) };
}

/** The journal `path` names (see `journalFiles`), read as one, within `window`. */
export async function* readJournalPath(path: string, window: Window = WHOLE): AsyncGenerator<SourcedItem> {
  yield* readFiles(await journalFiles(path), window);
}
