import { maskUserinfo } from "../text/maskUserinfo.js";
import { describe, type Kind } from "./kinds.js";

const MAX_URL = 2048;
const SHAPE = /^https:\/\/[^\s/?#@]+(?:[/?#][^\s@]*)?$/;
/** The authority's host and port, read before `new URL`, which rejects a bad port without saying so. */
const AUTHORITY = /^https:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(?::([^/?#]*))?/;

/**
 * Why `raw` cannot be the probe's and verification's target, or null: it must be an https:// URL
 * with a port from 1 to 65535 and a host the IPv4-only probe can reach (no IPv6 literal). Pure.
 */
export function httpsUrlProblem(raw: string): string | null {
  // Before anything reads the authority: a password holding "/" would split it anywhere, and no part may be echoed.
  if (raw.includes("@")) {
    return `credentials are not supported (the agent would write them into its journal and logs, and an HTTPS answer needs none; an "@" in a path is %40), got ${describe(maskUserinfo(raw))}`;
  }
  const authority = AUTHORITY.exec(raw);
  if (!raw.startsWith("https://") || authority === null) return `expected an https:// URL, got ${describe(raw)}`;
  const [, host = "", port] = authority;
  if (port !== undefined && port !== "" && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65_535)) {
    return `port ${describe(port)} is not a port number from 1 to 65535`;
  }
  if (host.startsWith("[")) return `${host} is an IPv6 literal: the probe is IPv4-only (use an IPv4 address or a host name with an A record)`;
  if (!SHAPE.test(raw)) return `expected an https:// URL, got ${describe(raw)}`;
  try {
    new URL(raw);
  } catch {
    return `not a valid URL: ${describe(raw)}`;
  }
  return null;
}

const expected = "an https:// URL (port 1-65535; an IPv4 address or host name, not an IPv6 literal; no credentials)";

/** `verify.url`: checked with `httpsUrlProblem`, the same check `probe --url` makes. Pure. */
export const httpsUrl: Kind<string> = {
  expected,
  schema: { type: "string", minLength: 1, maxLength: MAX_URL, pattern: SHAPE.source },
  check: (v, path) => {
    if (typeof v !== "string" || v.length > MAX_URL) return [`${path}: expected ${expected}, got ${describe(typeof v === "string" ? maskUserinfo(v) : v)}`];
    const problem = httpsUrlProblem(v);
    return problem === null ? [] : [`${path}: ${problem}`];
  },
};
