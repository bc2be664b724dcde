import { mkdir, open, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import { pathsCheckpointOf, type Paths } from "../../machines/index.js";
import { onConfigPath } from "../config/pathError.js";
import { MAX_JOURNAL_LINE } from "./reader.js";
import { encodeRecord, JOURNAL_VERSION, type JournalEvent, type JournalRecord } from "./record.js";
import { recoverRotation, retain, rotate, type RotationHook } from "./rotation.js";
import { rotatedSegments } from "./segments.js";
import { firstSeqOf, repairTail, type OpenReport } from "./tail.js";

export type { OpenReport } from "./tail.js";

/** Sizes of the journal's files (config `journal.segmentBytes`, `journal.keepBytes`). */
export interface SegmentLimits {
  readonly segmentBytes: number;
  readonly keepBytes: number;
  /** Test hook: called after each step of a rotation. */
  readonly onRotationStep?: RotationHook;
}

export const DEFAULT_LIMITS: SegmentLimits = { segmentBytes: 8 * 1024 * 1024, keepBytes: 64 * 1024 * 1024 };

/**
 * A checkpoint after every eighth of a segment, at most every 128 KiB (about a thousand records):
 * a window's replay folds no more than that before it.
 */
const checkpointEvery = (segmentBytes: number): number => Math.min(segmentBytes / 8, 128 * 1024);

/**
 * Appends records in order, each awaited before the next: a crash loses at most the line being
 * written. Opening an existing file cuts a torn last line so appends start on a clean line. Once
 * the active file passes `segmentBytes` it becomes a rotated segment and a new one starts with a
 * checkpoint of the machine's state; the oldest segments go once the files pass `keepBytes`.
 */
export class JournalWriter {
  private chain: Promise<unknown> = Promise.resolve();
  private sinceCheckpoint = 0;

  private constructor(
    private readonly path: string,
    private handle: FileHandle,
    private seq: number,
    private size: number,
    private firstSeq: number,
    private readonly limits: SegmentLimits,
    readonly report: OpenReport,
  ) {}

  /**
   * Opens (creating) the journal at `path`, finishing a rotation a crash interrupted. A path that
   * cannot be used is a named error (78, or 77 for permission) naming `key`, the config key the
   * path came from.
   */
  static async open(path: string, key = "journal.path", limits: SegmentLimits = DEFAULT_LIMITS): Promise<JournalWriter> {
    const handle = await onConfigPath(key, "create", path, async () => {
      await mkdir(dirname(path), { recursive: true });
      await recoverRotation(path);
      return open(path, "a+", 0o640);
    });
    let report = await repairTail(handle);
    const { size } = await handle.stat();
    if (size === 0) report = { ...report, nextSeq: await continueAfterSegments(path) };
    const firstSeq = size === 0 ? report.nextSeq : await firstSeqOf(handle, report.nextSeq);
    return new JournalWriter(path, handle, report.nextSeq, size, firstSeq, limits, report);
  }

  /**
   * Appends one record and resolves once the write returned. Calls are serialised. A record
   * longer than the reader accepts is refused (rejected, nothing written): a journal the agent
   * writes must replay. `snapshot` is the machine's state after the event: a checkpoint that
   * follows this record holds it.
   */
  append(event: JournalEvent, state: string, at: Date, snapshot: Paths): Promise<JournalRecord> {
    const record: JournalRecord = { v: JOURNAL_VERSION, seq: this.seq, at: at.toISOString(), event, state };
    const encoded = encodeRecord(record);
    const bytes = Buffer.byteLength(encoded);
    if (bytes > MAX_JOURNAL_LINE) return Promise.reject(new Error(`journal record ${record.seq} (${event.type}) would be ${bytes} bytes, over the ${MAX_JOURNAL_LINE} replay accepts`));
    this.seq++;
    const line = `${encoded}\n`;
    const done = this.chain.then(async () => {
      await this.write(line);
      await this.afterAppend(snapshot, state, at);
    });
    this.chain = done.catch(() => undefined);
    return done.then(() => record);
  }

  async close(): Promise<void> {
    await this.chain;
    await this.handle.datasync().catch(() => undefined);
    await this.handle.close();
  }

  private async write(line: string): Promise<void> {
    await this.handle.appendFile(line, "utf8");
    const bytes = Buffer.byteLength(line);
    this.size += bytes;
    this.sinceCheckpoint += bytes;
  }

  private async afterAppend(snapshot: Paths, state: string, at: Date): Promise<void> {
    const due = this.size >= this.limits.segmentBytes ? "rotate" : this.sinceCheckpoint >= checkpointEvery(this.limits.segmentBytes) ? "checkpoint" : null;
    if (due === null) return;
    const line = this.checkpointLine(this.seq, snapshot, state, at);
    // A context too large for one line (possible only with huge inputs) waits for a smaller one: a segment must start with a checkpoint.
    if (line === null) return;
    const seq = this.seq++;
    if (due === "checkpoint") {
      await this.write(line);
      this.sinceCheckpoint = 0;
      return;
    }
    await rotate(this.path, this.handle, this.firstSeq, line, this.hook);
    this.handle = await open(this.path, "a", 0o640);
    this.firstSeq = seq;
    this.size = (await this.handle.stat()).size;
    this.sinceCheckpoint = 0;
    await retain(this.path, this.size, this.limits.keepBytes);
    await this.hook("retained");
  }

  private checkpointLine(seq: number, snapshot: Paths, state: string, at: Date): string | null {
    const record: JournalRecord = { v: JOURNAL_VERSION, seq, at: at.toISOString(), event: { type: "journal.checkpoint", snapshot: pathsCheckpointOf(snapshot) }, state };
    const encoded = encodeRecord(record);
    return Buffer.byteLength(encoded) > MAX_JOURNAL_LINE ? null : `${encoded}\n`;
  }

  private readonly hook: RotationHook = async (step) => {
    await this.limits.onRotationStep?.(step);
  };
}

/** The seq after the newest rotated segment's last record: an empty active file does not restart the count. */
async function continueAfterSegments(path: string): Promise<number> {
  const last = (await rotatedSegments(path)).at(-1);
  if (last === undefined) return 0;
  const handle = await open(last.path, "r");
  try {
    return (await repairTail(handle, false)).nextSeq;
  } finally {
    await handle.close();
  }
}
