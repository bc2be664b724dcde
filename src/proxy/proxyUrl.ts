import { isIP } from "node:net";
import { maskUserinfo } from "../text/maskUserinfo.js";
import { preview } from "../text/preview.js";

/** An HTTP proxy the probes and the verification go through with CONNECT. */
export interface ProxyEndpoint {
  /** IPv4 address or host name, as written. */
  readonly host: string;
  readonly port: number;
  /** Where it came from, for notes and errors: "verify.proxy", "--proxy", "https_proxy", ... */
  readonly source: string;
}

const MAX_LENGTH = 2048;
// A DNS name: labels of letters, digits and hyphens (no leading/trailing hyphen), dot-separated.
const HOST_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;
const SHAPE = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(\/?)$/i;

/**
 * Reads "http://host:port" (a trailing "/" allowed). `schemeOptional` accepts "host:port" as
 * http, as curl does for https_proxy. Returns the proxy or why it is not one. Pure.
 */
export function parseProxyUrl(raw: string, source: string, schemeOptional = false): ProxyEndpoint | { readonly problem: string } {
  // Shown masked: the message goes to logs, the journal and `status`, whatever is wrong with the URL.
  const bad = (why: string): { problem: string } => ({ problem: `${why}, got ${preview(maskUserinfo(raw), 60)}` });
  if (raw.length > MAX_LENGTH) return bad(`expected at most ${MAX_LENGTH} characters`);
  if (raw.includes("@")) return bad("proxy credentials are not supported (the agent would write them into its journal and logs)");
  const m = SHAPE.exec(schemeOptional && !raw.includes("://") ? `http://${raw}` : raw);
  if (m === null) return bad('expected "http://host:port" (no path, query or fragment)');
  const [, scheme = "", authority = ""] = m;
  if (scheme.toLowerCase() !== "http") return bad(`expected an http:// proxy (the agent speaks plain HTTP CONNECT to it; ${scheme}:// proxies are not supported)`);
  const hp = /^([^:[\]]+):(\d{1,5})$/.exec(authority);
  if (authority.startsWith("[")) return bad("IPv6 proxies are not supported (the probe is IPv4-only)");
  if (hp === null) return bad('expected "http://host:port" with an explicit port');
  const [, host = "", portText = ""] = hp;
  const port = Number(portText);
  if (port < 1 || port > 65_535) return bad("expected a port from 1 to 65535");
  if (isIP(host) !== 4 && (isIP(host) !== 0 || !HOST_NAME.test(host) || /^[\d.]+$/.test(host))) return bad("expected an IPv4 address or a host name");
  return { host, port, source };
}

/** How a proxy is named in messages: "host:port". Pure. */
export function proxyLabel(p: Pick<ProxyEndpoint, "host" | "port">): string {
  return `${p.host}:${p.port}`;
}

/** The proxy as curl's --proxy takes it. Pure. */
export function proxyUrl(p: Pick<ProxyEndpoint, "host" | "port">): string {
  return `http://${p.host}:${p.port}`;
}
