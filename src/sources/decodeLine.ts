import type { RawLine } from "../lines/splitLines.js";
import { preview } from "../text/preview.js";
import { parseSnapshotLine, type NetworkSnapshot } from "../windows/snapshot.js";

/** Longest snapshot line accepted; a real snapshot of 50 adapters is a few KiB. */
export const MAX_LINE_BYTES = 1024 * 1024;
const SAMPLE_CHARS = 80;

/** A watcher line: a snapshot, a bad line with its problem and a short sample, or blank (ignored). */
export type DecodedLine =
  | { readonly kind: "snapshot"; readonly line: number; readonly snapshot: NetworkSnapshot }
  | { readonly kind: "bad"; readonly line: number; readonly problem: string; readonly sample: string }
  | { readonly kind: "blank"; readonly line: number };

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Turns one raw watcher line into a snapshot or a bad-line report. Overlong, binary (NUL or not
 * UTF-8), non-JSON and wrong-shape lines are reported, never thrown; a UTF-8 BOM and a CR before
 * the newline are accepted. Pure.
 */
export function decodeLine(raw: RawLine): DecodedLine {
  const line = raw.number;
  const bad = (problem: string): DecodedLine => ({ kind: "bad", line, problem, sample: sampleOf(raw.bytes) });
  if (raw.overflow) return bad(`longer than ${MAX_LINE_BYTES} bytes`);
  if (raw.bytes.includes(0)) return bad("binary data (NUL byte)");
  let text: string;
  try {
    text = utf8.decode(raw.bytes);
  } catch {
    return bad("binary data (not UTF-8)");
  }
  if (text.trim() === "") return { kind: "blank", line };
  const parsed = parseSnapshotLine(text);
  if (!parsed.ok) return bad(parsed.problem);
  return { kind: "snapshot", line, snapshot: parsed.snapshot };
}

/** The first characters of a line, quoted and escaped so control bytes cannot spoil a log line or a terminal. */
function sampleOf(bytes: Buffer): string {
  return preview(bytes.subarray(0, SAMPLE_CHARS * 4).toString("utf8"), SAMPLE_CHARS);
}
