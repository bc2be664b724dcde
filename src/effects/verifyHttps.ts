import { STATUS_CODES } from "node:http";
import { proxyLabel, proxyUrl, type ProxyEndpoint } from "../proxy/proxyUrl.js";
import { runCommand, type RunOptions } from "./run.js";

export interface VerifyOptions {
  readonly url: string;
  readonly caFile?: string;
  readonly insecure?: boolean;
  readonly timeoutMs: number;
  /** CONNECT through this proxy; without one, curl ignores the proxy variables too (the probe decided). */
  readonly proxy?: ProxyEndpoint | null;
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
  const proxy = o.proxy === undefined || o.proxy === null ? ["--noproxy", "*"] : ["--proxy", proxyUrl(o.proxy)];
  return ["curl", "--silent", "--show-error", "--output", "/dev/null", "--write-out", "%{http_code} %{http_connect}", "--max-time", seconds, ...proxy, ...trust, "--", o.url];
}

/** Makes one real HTTPS request with curl and reports pass/fail with the reason as data. */
export async function verifyHttps(o: VerifyOptions): Promise<VerifyResult> {
  // execa's own timeout is a safety net in case curl ignores --max-time.
  const r = await runCommand(curlArgs(o), { timeoutMs: o.timeoutMs + 5000, netns: o.netns, signal: o.signal });
  const [httpCode = Number.NaN, connectCode = 0] = r.stdout.trim().split(/\s+/).map((x) => Number.parseInt(x, 10));
  if (r.ok && httpCode > 0) return { ok: true, ms: r.durationMs, httpCode };
  const curlSaid = r.stderr.trim().split("\n")[0] || (r.timedOut ? "timed out" : `curl exit ${r.exitCode ?? "?"}`);
  const reason = o.signal?.aborted === true ? "cancelled" : o.proxy === undefined || o.proxy === null ? curlSaid : proxyReason(o.proxy, connectCode, r.exitCode, curlSaid);
  return { ok: false, reason, ms: r.durationMs, exitCode: r.exitCode, timedOut: r.timedOut || r.exitCode === 28 };
}

/** A failed verification through a proxy, worded as the probe words it when the proxy is the cause. Pure. */
export function proxyReason(proxy: ProxyEndpoint, connectCode: number, exitCode: number | null, curlSaid: string): string {
  const label = proxyLabel(proxy);
  if (connectCode >= 300) return `proxy ${label} answered ${connectCode} ${STATUS_CODES[connectCode] ?? ""}`.trimEnd();
  // curl: 5 cannot resolve the proxy, 7 cannot connect to it.
  if (exitCode === 5 || exitCode === 7) return `cannot connect to proxy ${label}: ${curlSaid}`;
  return curlSaid;
}
