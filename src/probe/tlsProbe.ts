import { connect as tcpConnect } from "node:net";
import { connect, type TLSSocket } from "node:tls";
import { openTunnel, proxySocketError, type TunnelSpec } from "../proxy/tunnel.js";

/** Where the probes go: the target resolved once. */
export interface Target {
  /** Where each probe's TCP connection goes (and what the probe routes point at): the server, or the proxy. */
  readonly address: string;
  readonly port: number;
  /** Present when the probes go through an HTTP proxy: the CONNECT each connection makes first. */
  readonly tunnel?: TunnelSpec;
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
    let stage = "connect";
    let received = 0;
    let head = "";
    // The TCP socket is bound to localPort before it connects, so the kernel's route lookup sees the port.
    const tcp = tcpConnect({ host: t.address, port: t.port, localPort });
    let socket: TLSSocket | null = null;
    let settled = false;
    const finish = (pass: boolean, reason?: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      // A reset, not a FIN: no TIME_WAIT left holding this local port for the next run.
      if (!tcp.destroyed) tcp.resetAndDestroy();
      socket?.destroy();
      resolve({ pass, ms: Math.round(performance.now() - started), ...(pass || reason === undefined ? {} : { reason }) });
    };
    const onAbort = (): void => finish(false, "aborted");
    const timer = setTimeout(() => finish(false, `timeout in ${stage} after ${timeoutMs} ms`), timeoutMs);
    signal?.addEventListener("abort", onAbort, { once: true });
    if (signal?.aborted === true) return onAbort();
    const onError = (e: NodeJS.ErrnoException): void => {
      const code = e.code ?? e.message;
      if (code === "EADDRINUSE") return finish(false, `local port ${localPort} busy`);
      finish(false, t.tunnel !== undefined && stage === "proxy CONNECT" ? proxySocketError(t.tunnel, code) : code);
    };
    tcp.once("error", onError);
    const startTls = (): void => {
      stage = "handshake";
      const tls = connect({ socket: tcp, servername: t.servername, rejectUnauthorized: false, ALPNProtocols: ["http/1.1"] });
      socket = tls;
      tls.once("secureConnect", () => {
        stage = "request";
        tls.write(probeRequest(t), () => (stage = "response"));
      });
      tls.on("data", (chunk: Buffer) => {
        received += chunk.length;
        if (head.length < 16) head += chunk.toString("latin1", 0, 16);
        if (received >= ENOUGH_BYTES) finish(head.startsWith("HTTP/"), "not an HTTP response");
      });
      tls.once("end", () => finish(head.startsWith("HTTP/"), received === 0 ? "closed without a response" : "not an HTTP response"));
      tls.once("error", onError);
    };
    if (t.tunnel === undefined) return startTls();
    // Through a proxy: the CONNECT and its answer are small; only the TLS inside the tunnel is sized.
    stage = "proxy CONNECT";
    void openTunnel(tcp, t.tunnel).then((r) => (settled ? undefined : r.ok ? startTls() : finish(false, r.reason)));
  });
}
