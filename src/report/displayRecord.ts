import type { JournalRecord } from "../journal/record.js";

/** Longest text from the journal a report keeps (a reason, a name, a state), in characters. */
export const REPORT_TEXT = 300;
/** Most items of one list in a record a report keeps (a probe's sizes, its notes). */
export const REPORT_ITEMS = 1_000;
/** Deeper than any field a report reads (event.targets[i].vpn.tunnel.prefixes[j], the deepest, is 7 below the record). */
const DEPTH = 8;

/**
 * The record as the report keeps it: every string cut to REPORT_TEXT characters, every list to
 * REPORT_ITEMS items, nothing deeper than the report reads. What the report holds then grows with
 * its record caps, not with the sizes of the strings in a journal (a 1 MB reason in each of
 * 120 records made a 120 MB page string). Only for display: replay sees the records whole. Pure.
 */
export function displayRecord(record: JournalRecord): JournalRecord {
  return bound(record, DEPTH) as JournalRecord;
}

function bound(value: unknown, depth: number): unknown {
  if (typeof value === "string") return value.length > REPORT_TEXT ? `${value.slice(0, REPORT_TEXT)}…` : value;
  if (value === null || typeof value !== "object") return value;
  if (depth === 0) return undefined;
  if (Array.isArray(value)) return value.slice(0, REPORT_ITEMS).map((v) => bound(v, depth - 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = bound(v, depth - 1);
  return out;
}
