/** Delay before retry number `attempt` (0-based): doubling from `baseMs`, capped at `maxMs`. Pure. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  const exponent = Math.min(Math.max(attempt, 0), 30);
  return Math.min(baseMs * 2 ** exponent, maxMs);
}
