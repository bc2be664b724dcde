/**
 * A non-negative integer a watcher may report (a metric, an MTU, a type): safe, so it compares and
 * journals exactly; 1e300 is no metric, and ranking it would put it after "not reported". Pure.
 */
export function isCount(v: unknown): v is number {
  return Number.isSafeInteger(v) && (v as number) >= 0;
}
