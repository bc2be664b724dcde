import type { Tunnel } from "../../machines/vpn.js";
import { parsePrefix, canonicalPrefixes, type Prefix } from "./prefix.js";
import { defaultClaim } from "./defaultRoute.js";
import type { AdapterSnapshot } from "./snapshot.js";

/**
 * Where the chosen VPN adapter carries traffic. Undefined when the watcher sent no routes (read as
 * a full tunnel, as before routes were reported). Full when it carries 0.0.0.0/1 + 128.0.0.0/1,
 * owns the effective default route, or has no route but a default one (nothing narrower to name);
 * else split with its prefixes, canonical. Pure.
 */
export function tunnelOfAdapter(a: AdapterSnapshot, ownsDefault: boolean): Tunnel | undefined {
  if (a.routes === undefined) return undefined;
  if (ownsDefault || defaultClaim(a)?.kind === "pair") return { kind: "full" };
  // A 0.0.0.0/0 that loses to another adapter's carries nothing; the rest is what the VPN routes.
  const prefixes = a.routes.filter((r) => r.prefix !== "0.0.0.0/0").map((r) => parsePrefix(r.prefix) as Prefix);
  if (prefixes.length === 0) return { kind: "full" };
  return { kind: "split", prefixes: canonicalPrefixes(prefixes) };
}
