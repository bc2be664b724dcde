import type { FileHandle } from "node:fs/promises";
import { MAX_JOURNAL_LINE } from "./reader.js";

/** What opening found at the end of an existing journal. */
export interface OpenReport {
  /** Bytes of a torn last line (a crash mid-write) that were cut off, or 0. */
  readonly truncatedBytes: number;
  readonly nextSeq: number;
}

// More than the longest line written, so the last complete line is always inside the tail.
const TAIL = 2 * MAX_JOURNAL_LINE;

/** Finds the seq after the last complete record; cuts a torn last line when `cut`. */
export async function repairTail(handle: FileHandle, cut = true): Promise<OpenReport> {
  const { size } = await handle.stat();
  if (size === 0) return { truncatedBytes: 0, nextSeq: 0 };
  const start = Math.max(0, size - TAIL);
  const buf = Buffer.alloc(size - start);
  await handle.read(buf, 0, buf.length, start);
  const lastNl = buf.lastIndexOf(0x0a);
  let truncatedBytes = 0;
  if (lastNl !== buf.length - 1) {
    truncatedBytes = buf.length - (lastNl + 1);
    if (cut) await handle.truncate(start + lastNl + 1);
  }
  return { truncatedBytes, nextSeq: lastSeqBefore(buf, lastNl) + 1 };
}

function lastSeqBefore(buf: Buffer, end: number): number {
  if (end <= 0) return -1;
  const prev = buf.lastIndexOf(0x0a, end - 1);
  return seqIn(buf.subarray(prev + 1, end));
}

/** The seq of a file's first record (what its segment name will carry), or `fallback`. */
export async function firstSeqOf(handle: FileHandle, fallback: number): Promise<number> {
  const buf = Buffer.alloc(4096);
  const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
  const seq = seqIn(buf.subarray(0, bytesRead));
  return seq === -1 ? fallback : seq;
}

function seqIn(line: Buffer): number {
  const match = /"seq":(\d+)/.exec(line.toString("utf8"));
  return match?.[1] === undefined ? -1 : Number(match[1]);
}
