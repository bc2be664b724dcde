/**
 * Looks at `look()` until `done(value)` holds and returns that value: the state decides, the
 * interval only spaces the looks. Throws the message `failure(last, why)` builds after `timeoutMs`,
 * or as soon as `stopped()` names a reason that waiting longer is pointless (the process exited).
 */
export async function pollUntil<T>(
  look: () => T | Promise<T>,
  done: (value: T) => boolean,
  o: {
    readonly timeoutMs: number;
    readonly intervalMs?: number;
    readonly stopped?: () => string | null;
    readonly failure: (last: T, why: string) => string | Promise<string>;
  },
): Promise<T> {
  const deadline = Date.now() + o.timeoutMs;
  for (;;) {
    const value = await look();
    if (done(value)) return value;
    const why = o.stopped?.() ?? (Date.now() > deadline ? `timed out after ${o.timeoutMs} ms` : null);
    if (why !== null) throw new Error(await o.failure(value, why));
    await new Promise((r) => setTimeout(r, o.intervalMs ?? 50));
  }
}
