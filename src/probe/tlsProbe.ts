import { connect as tcpConnect } from "node:net";
import { connect } from "node:tls";

/** Where the probes go: the target resolved once. */
export interface Target {
  readonly address: string;
  readonly port: number;
  /** SNI; absent when the URL names an IP address. */
  readonly servername?: string;
  readonly hostHeader: string;
  readonly path: string;
}

export interface AttemptResult {
  readonly pass: boolean;
  readonly ms: number;
  readonly reason?: string;
}

/** Request padding: several full-size segments towards the server at any MTU in range. */
const PADDING = "x".repeat(4096);
/** Enough response bytes to count as full-size segments towards us even if the server keeps talking. */
const ENOUGH_BYTES = 16 * 1024;

/** The HTTP request a probe sends: a GET of several KB (padding header). Pure. */
export function probeRequest(t: Target): string {
  return `GET ${t.path} HTTP/1.1\r\nHost: ${t.hostHeader}\r\nUser-Agent: wsl-vpn-agent-probe\r\nX-Probe-Padding: ${PADDING}\r\nConnection: close\r\n\r\n`;
}

/**
 * One TLS probe from local port `localPort` (which an `ip rule` routes through the table of the
 * size under test). Passes only when the handshake completed, the multi-KB request went out and
 * an HTTP response came back (to its end, or 16 KB of it). Certificates are not checked here: a
 * probe measures the path; trust is checked by the curl verification.
 */
export function tlsProbe(t: Target, localPort: number, timeoutMs: number, signal?: AbortSignal): Promise<AttemptResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    let stage = "handshake";
    let received = 0;
    let head = "";
    // The TCP socket is bound to localPort before it connects, so the kernel's route lookup sees the port.
    const tcp = tcpConnect({ host: t.address, port: t.port, localPort });
    const socket = connect({ socket: tcp, servername: t.servername, rejectUnauthorized: false, ALPNProtocols: ["http/1.1"] });
    const finish = (pass: boolean, reason?: string): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      // A reset, not a FIN: no TIME_WAIT left holding this local port for the next run.
      if (!tcp.destroyed) tcp.resetAndDestroy();
      socket.destroy();
      resolve({ pass, ms: Math.round(performance.now() - started), ...(pass || reason === undefined ? {} : { reason }) });
    };
    const onAbort = (): void => finish(false, "aborted");
    const timer = setTimeout(() => finish(false, `timeout in ${stage} after ${timeoutMs} ms`), timeoutMs);
    signal?.addEventListener("abort", onAbort, { once: true });
    if (signal?.aborted === true) return onAbort();
    socket.once("secureConnect", () => {
      stage = "request";
      socket.write(probeRequest(t), () => (stage = "response"));
    });
    socket.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (head.length < 16) head += chunk.toString("latin1", 0, 16);
      if (received >= ENOUGH_BYTES) finish(head.startsWith("HTTP/"), "not an HTTP response");
    });
    socket.once("end", () => finish(head.startsWith("HTTP/"), received === 0 ? "closed without a response" : "not an HTTP response"));
    const onError = (e: NodeJS.ErrnoException): void => finish(false, e.code === "EADDRINUSE" ? `local port ${localPort} busy` : (e.code ?? e.message));
    socket.once("error", onError);
    tcp.once("error", onError);
  });
}
