import { lookup } from "node:dns/promises";
import { connect } from "node:net";
import { isIP } from "node:net";
import type { Target } from "./tlsProbe.js";

/** Resolves the URL's host once (IPv4: the probe rules are IPv4 rules). Throws a readable Error. */
export async function resolveTarget(url: string): Promise<Target> {
  const u = new URL(url);
  if (u.protocol !== "https:") throw new Error(`--url must be an https:// URL, got ${u.protocol}`);
  const host = u.hostname.replace(/^\[|\]$/g, "");
  const address = isIP(host) === 4 ? host : (await lookup(host, { family: 4 })).address;
  return {
    address,
    port: u.port === "" ? 443 : Number(u.port),
    ...(isIP(host) === 0 ? { servername: host } : {}),
    hostHeader: u.host,
    path: `${u.pathname}${u.search}`,
  };
}

/** A plain TCP connect (small packets only): tells "unreachable" apart from "black hole". */
export function tcpReachable(t: Target, timeoutMs: number, signal?: AbortSignal): Promise<{ ok: true } | { ok: false; reason: string }> {
  return new Promise((resolve) => {
    const socket = connect({ host: t.address, port: t.port });
    const done = (r: { ok: true } | { ok: false; reason: string }): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => done({ ok: false, reason: `no TCP connection to ${t.address}:${t.port} within ${timeoutMs} ms` }), timeoutMs);
    signal?.addEventListener("abort", () => done({ ok: false, reason: "aborted" }), { once: true });
    socket.once("connect", () => done({ ok: true }));
    socket.once("error", (e: NodeJS.ErrnoException) => done({ ok: false, reason: `cannot connect to ${t.address}:${t.port}: ${e.code ?? e.message}` }));
  });
}
