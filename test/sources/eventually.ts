import { setTimeout as sleep } from "node:timers/promises";

/** Polls `check` until it holds (process-level tests wait for effects, they never time them). */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, limitMs = 15_000): Promise<void> {
  for (const start = Date.now(); Date.now() - start < limitMs; await sleep(20)) {
    if (await check()) return;
  }
  throw new Error(`still not true after ${limitMs} ms: ${what}`);
}

/** True while a process with this pid exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
