import { UsageError } from "../errors.js";
import { preview } from "../text/preview.js";

/**
 * An integer flag in [lo, hi], written in plain decimal digits: `0x50`, `1e3`, `1.0`, `-0`, ` 80`
 * and out-of-range values are usage errors (64) naming the flag, never silently read as something
 * else (`Number("0x50")` is 80). Pure.
 */
export function intFlag(flag: string, raw: string, lo: number, hi: number): number {
  const n = /^\d{1,16}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(n >= lo && n <= hi)) throw new UsageError(`${flag}: expected an integer from ${lo} to ${hi}, got ${preview(raw)}`);
  return n;
}
