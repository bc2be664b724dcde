import type { Socket } from "node:net";
import { readConnectAnswer } from "./connectAnswer.js";

/** The CONNECT to make and the proxy's name in messages. */
export interface TunnelSpec {
  /** "host:port" of the real target, as the URL names it: the proxy resolves it. */
  readonly authority: string;
  /** The proxy, "address:port", for messages. */
  readonly proxy: string;
}

export type TunnelResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** The CONNECT request (small: it must not be what a black hole drops). Pure. */
export function connectRequest(authority: string): string {
  return `CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\nUser-Agent: wsl-vpn-agent\r\n\r\n`;
}

const REFUSAL = /^proxy \S+ (answered|refused|closed|sent|did not answer CONNECT with)/;

/**
 * The part of a probe's failure reason (attempts' reasons joined by "; ") saying that the proxy
 * turned the connection away (refused, non-2xx, not HTTP, closed): the probe then fails as a whole
 * with it, never counting a size as black-holed. Undefined when there is none. Pure.
 */
export function proxyRefusalIn(reason: string | undefined): string | undefined {
  return reason?.split("; ").find((part) => REFUSAL.test(part));
}

/** The reason for a socket error while talking to the proxy. Pure. */
export function proxySocketError(spec: TunnelSpec, code: string): string {
  if (code === "ECONNREFUSED") return `proxy ${spec.proxy} refused the connection (ECONNREFUSED)`;
  if (code === "ECONNRESET") return `proxy ${spec.proxy} closed the connection before answering CONNECT (ECONNRESET)`;
  return `cannot connect to proxy ${spec.proxy}: ${code}`;
}

/**
 * Sends CONNECT on `socket` (connected or connecting to the proxy) and reads the answer. On 2xx the
 * socket is the tunnel: bytes after the answer are put back, nothing else is consumed. Any other
 * answer, a malformed or oversized one, or the proxy closing first is a failure naming the proxy.
 * Socket errors and timeouts are the caller's (it owns the socket).
 */
export function openTunnel(socket: Socket, spec: TunnelSpec): Promise<TunnelResult> {
  return new Promise((resolve) => {
    let received = Buffer.alloc(0);
    const done = (r: TunnelResult): void => {
      socket.off("data", onData);
      socket.off("end", onEnd);
      resolve(r);
    };
    const onData = (chunk: Buffer): void => {
      received = Buffer.concat([received, chunk]);
      const a = readConnectAnswer(received);
      if (a.kind === "more") return;
      socket.pause();
      if (a.kind === "bad") return done({ ok: false, reason: `proxy ${spec.proxy} ${a.problem}` });
      if (a.status < 200 || a.status > 299) return done({ ok: false, reason: `proxy ${spec.proxy} answered ${a.status}${a.reason === "" ? "" : ` ${a.reason}`}` });
      if (a.rest.length > 0) socket.unshift(a.rest);
      done({ ok: true });
    };
    const onEnd = (): void => done({ ok: false, reason: `proxy ${spec.proxy} closed the connection before answering CONNECT` });
    socket.on("data", onData);
    socket.once("end", onEnd);
    socket.write(connectRequest(spec.authority));
  });
}
