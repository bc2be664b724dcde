import { mkdir, open, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import { onConfigPath } from "../config/pathError.js";
import { MAX_JOURNAL_LINE } from "./reader.js";
import { encodeRecord, JOURNAL_VERSION, type JournalEvent, type JournalRecord } from "./record.js";

/** What opening found at the end of an existing journal. */
export interface OpenReport {
  /** Bytes of a torn last line (a crash mid-write) that were cut off, or 0. */
  readonly truncatedBytes: number;
  readonly nextSeq: number;
}

/**
 * Appends records in order, each awaited before the next: a crash loses at most the line being
 * written. Opening an existing file cuts a torn last line so appends start on a clean line.
 */
export class JournalWriter {
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly handle: FileHandle,
    private seq: number,
    readonly report: OpenReport,
  ) {}

  /**
   * Opens (creating) the journal at `path`. A path that cannot be used is a named error (78, or 77
   * for permission) naming `key`, the config key the path came from.
   */
  static async open(path: string, key = "journal.path"): Promise<JournalWriter> {
    const handle = await onConfigPath(key, "create", path, async () => {
      await mkdir(dirname(path), { recursive: true });
      return open(path, "a+", 0o640);
    });
    const report = await repairTail(handle);
    return new JournalWriter(handle, report.nextSeq, report);
  }

  /**
   * Appends one record and resolves once the write returned. Calls are serialised. A record
   * longer than the reader accepts is refused (rejected, nothing written): a journal the agent
   * writes must replay.
   */
  append(event: JournalEvent, state: string, at: Date): Promise<JournalRecord> {
    const record: JournalRecord = { v: JOURNAL_VERSION, seq: this.seq, at: at.toISOString(), event, state };
    const encoded = encodeRecord(record);
    const bytes = Buffer.byteLength(encoded);
    if (bytes > MAX_JOURNAL_LINE) return Promise.reject(new Error(`journal record ${record.seq} (${event.type}) would be ${bytes} bytes, over the ${MAX_JOURNAL_LINE} replay accepts`));
    this.seq++;
    const line = `${encoded}\n`;
    const done = this.chain.then(() => this.handle.appendFile(line, "utf8"));
    this.chain = done.catch(() => undefined);
    return done.then(() => record);
  }

  async close(): Promise<void> {
    await this.chain;
    await this.handle.datasync().catch(() => undefined);
    await this.handle.close();
  }
}

// More than the longest line written, so the last complete line is always inside the tail.
const TAIL = 2 * MAX_JOURNAL_LINE;

async function repairTail(handle: FileHandle): Promise<OpenReport> {
  const { size } = await handle.stat();
  if (size === 0) return { truncatedBytes: 0, nextSeq: 0 };
  const start = Math.max(0, size - TAIL);
  const buf = Buffer.alloc(size - start);
  await handle.read(buf, 0, buf.length, start);
  const lastNl = buf.lastIndexOf(0x0a);
  let truncatedBytes = 0;
  if (lastNl !== buf.length - 1) {
    truncatedBytes = buf.length - (lastNl + 1);
    await handle.truncate(start + lastNl + 1);
  }
  return { truncatedBytes, nextSeq: lastSeqBefore(buf, lastNl) + 1 };
}

function lastSeqBefore(buf: Buffer, end: number): number {
  if (end <= 0) return -1;
  const prev = buf.lastIndexOf(0x0a, end - 1);
  const match = /"seq":(\d+)/.exec(buf.subarray(prev + 1, end).toString("utf8"));
  return match?.[1] === undefined ? -1 : Number(match[1]);
}
