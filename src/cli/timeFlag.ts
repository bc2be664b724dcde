import { UsageError } from "../errors.js";
import type { Window } from "../journal/window.js";

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const RELATIVE = /^(\d{1,9})([smhdw])$/;
// A date, optionally a time and zone: what Date.parse reads the same way on every platform.
const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** `--since`/`--until` value: ISO 8601, or a duration before `now` (`90m`, `2h`, `7d`). Usage error (64) naming the flag otherwise. Pure. */
export function timeFlag(raw: string, flag: string, now: number): number {
  const rel = RELATIVE.exec(raw);
  if (rel !== null) return now - Number(rel[1]) * UNIT_MS[rel[2] as keyof typeof UNIT_MS];
  const t = ISO.test(raw) && realDate(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(t)) throw new UsageError(`${flag}: expected an ISO 8601 time (2026-11-25T09:00Z) or a time ago (90m, 2h, 7d), got ${JSON.stringify(raw)}`);
  return t;
}

/** Whether the date part names a day that exists: Date.parse rolls 2026-02-31 over to March 3rd. Pure. */
function realDate(iso: string): boolean {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The window the two flags name. Pure. */
export function windowFlags(opts: { since?: string; until?: string }, now: number): Window {
  const since = opts.since === undefined ? null : timeFlag(opts.since, "--since", now);
  const until = opts.until === undefined ? null : timeFlag(opts.until, "--until", now);
  if (since !== null && until !== null && since > until) throw new UsageError(`--since: ${opts.since} is after --until ${opts.until}`);
  return { since, until };
}
