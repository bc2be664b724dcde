import { parseProxyUrl } from "../proxy/proxyUrl.js";
import { describe, type Kind } from "./kinds.js";

const expected = '"http://host:port" (an IPv4 address or host name, an explicit port, no credentials)';

/** `verify.proxy` when not null: an HTTP proxy the probes and the verification CONNECT through. Pure. */
export const proxyUrlKind: Kind<string> = {
  expected,
  schema: { type: "string", minLength: 1, maxLength: 2048, pattern: "^http://[^/?#@\\s]+:[0-9]{1,5}/?$" },
  check: (v, path) => {
    if (typeof v !== "string") return [`${path}: expected ${expected}, got ${describe(v)}`];
    const parsed = parseProxyUrl(v, path);
    return "problem" in parsed ? [`${path}: ${parsed.problem}`] : [];
  },
};
