import { lookup } from "node:dns/promises";
import { connect } from "node:net";
import { isIP } from "node:net";
import { proxyLabel, type ProxyEndpoint } from "../proxy/proxyUrl.js";
import { openTunnel, proxySocketError } from "../proxy/tunnel.js";
import type { Target } from "./tlsProbe.js";

/** An IPv4 address for `host` (itself when it is one). */
async function ipv4Of(host: string): Promise<string> {
  return isIP(host) === 4 ? host : (await lookup(host, { family: 4 })).address;
}

/**
 * Resolves the URL's host once (IPv4: the probe rules are IPv4 rules). Through `proxy`, the probes
 * connect to the proxy's address instead (so the probe routes point at the proxy) and CONNECT to
 * the URL's host as written, which the proxy resolves. Throws a readable Error.
 */
export async function resolveTarget(url: string, proxy?: ProxyEndpoint | null): Promise<Target> {
  const u = new URL(url);
  if (u.protocol !== "https:") throw new Error(`--url must be an https:// URL, got ${u.protocol}`);
  const host = u.hostname.replace(/^\[|\]$/g, "");
  const port = u.port === "" ? 443 : Number(u.port);
  const request = { ...(isIP(host) === 0 ? { servername: host } : {}), hostHeader: u.host, path: `${u.pathname}${u.search}` };
  if (proxy === undefined || proxy === null) return { address: await ipv4Of(host), port, ...request };
  const address = await ipv4Of(proxy.host).catch((error: unknown) => {
    throw new Error(`proxy ${proxyLabel(proxy)} (from ${proxy.source}): ${error instanceof Error ? error.message : String(error)}`);
  });
  return { address, port: proxy.port, tunnel: { authority: `${host}:${port}`, proxy: `${address}:${proxy.port}` }, ...request };
}

type Reach = { ok: true } | { ok: false; reason: string };

/**
 * A plain TCP connect (small packets only): tells "unreachable" apart from "black hole". Through
 * a proxy it also makes the CONNECT, so a proxy that refuses, wants authentication or forbids the
 * target is known before any size is tried.
 */
export function tcpReachable(t: Target, timeoutMs: number, signal?: AbortSignal): Promise<Reach> {
  return new Promise((resolve) => {
    const socket = connect({ host: t.address, port: t.port });
    const peer = t.tunnel === undefined ? `${t.address}:${t.port}` : `proxy ${t.tunnel.proxy}`;
    const done = (r: Reach): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => done({ ok: false, reason: t.tunnel === undefined ? `no TCP connection to ${peer} within ${timeoutMs} ms` : `no answer to CONNECT ${t.tunnel.authority} from ${peer} within ${timeoutMs} ms` }), timeoutMs);
    signal?.addEventListener("abort", () => done({ ok: false, reason: "aborted" }), { once: true });
    socket.once("error", (e: NodeJS.ErrnoException) => {
      const code = e.code ?? e.message;
      done({ ok: false, reason: t.tunnel === undefined ? `cannot connect to ${peer}: ${code}` : proxySocketError(t.tunnel, code) });
    });
    if (t.tunnel === undefined) socket.once("connect", () => done({ ok: true }));
    else void openTunnel(socket, t.tunnel).then(done);
  });
}
