import type { Tunnel } from "../../machines/vpn.js";

/** Split-tunnel prefixes listed before the rest is counted. */
const PREFIXES = 4;

/**
 * A suffix for a line naming a VPN: nothing for a full tunnel (or none reported, as before routes
 * were), `, split tunnel: 10.0.0.0/8, … and 3 more` for a split one. Bounded. Pure.
 */
export function describeTunnel(t: Tunnel | undefined): string {
  if (t === undefined || t.kind === "full") return "";
  const more = t.prefixes.length > PREFIXES ? ` and ${t.prefixes.length - PREFIXES} more` : "";
  return `, split tunnel: ${t.prefixes.slice(0, PREFIXES).join(", ") || "no prefixes"}${more}`;
}
