import { runCommand, type RunOptions } from "./run.js";

export interface VerifyOptions {
  readonly url: string;
  readonly caFile?: string;
  readonly insecure?: boolean;
  readonly timeoutMs: number;
  readonly netns?: RunOptions["netns"];
  /** Aborts the request (the agent stopping); the result is then a failure. */
  readonly signal?: AbortSignal;
}

export type VerifyResult =
  | { readonly ok: true; readonly ms: number; readonly httpCode: number }
  | { readonly ok: false; readonly reason: string; readonly ms: number; readonly exitCode: number | null; readonly timedOut: boolean };

/** The curl argument vector for a verification. Pure. Any HTTP answer proves the path carries TLS. */
export function curlArgs(o: VerifyOptions): string[] {
  const seconds = Math.max(o.timeoutMs / 1000, 0.1).toFixed(1);
  const trust = o.insecure === true ? ["--insecure"] : o.caFile !== undefined ? ["--cacert", o.caFile] : [];
  return ["curl", "--silent", "--show-error", "--output", "/dev/null", "--write-out", "%{http_code}", "--max-time", seconds, ...trust, "--", o.url];
}

/** Makes one real HTTPS request with curl and reports pass/fail with the reason as data. */
export async function verifyHttps(o: VerifyOptions): Promise<VerifyResult> {
  // execa's own timeout is a safety net in case curl ignores --max-time.
  const r = await runCommand(curlArgs(o), { timeoutMs: o.timeoutMs + 5000, netns: o.netns, signal: o.signal });
  const httpCode = Number.parseInt(r.stdout.trim(), 10);
  if (r.ok && httpCode > 0) return { ok: true, ms: r.durationMs, httpCode };
  const reason = o.signal?.aborted === true ? "cancelled" : r.stderr.trim().split("\n")[0] || (r.timedOut ? "timed out" : `curl exit ${r.exitCode ?? "?"}`);
  return { ok: false, reason, ms: r.durationMs, exitCode: r.exitCode, timedOut: r.timedOut || r.exitCode === 28 };
}
