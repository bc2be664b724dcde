import { listPrefixes } from "../../machines/cidr.js";
import type { Tunnel } from "../../machines/vpn.js";

/**
 * A suffix for a line naming a VPN: nothing for a full tunnel (or none reported, as before routes
 * were), `, split tunnel: 10.0.0.0/8, … and 3 more` for a split one. Bounded. Pure.
 */
export function describeTunnel(t: Tunnel | undefined): string {
  if (t === undefined || t.kind === "full") return "";
  return `, split tunnel: ${listPrefixes(t.prefixes)}`;
}
