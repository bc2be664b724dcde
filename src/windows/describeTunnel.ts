import { listPrefixes } from "../../machines/cidr.js";
import type { Tunnel, VpnInfo } from "../../machines/vpn.js";
import { preview } from "../text/preview.js";

/**
 * A suffix for a line naming a VPN: nothing for a full tunnel (or none reported, as before routes
 * were), `, split tunnel: 10.0.0.0/8, … and 3 more` for a split one. Bounded. Pure.
 */
export function describeTunnel(t: Tunnel | undefined): string {
  if (t === undefined || t.kind === "full") return "";
  return `, split tunnel: ${listPrefixes(t.prefixes)}`;
}

/** Tunnels named in a line before the rest is counted. */
const LISTED = 4;

/** `"Tailscale" (split tunnel: 100.64.0.0/10, 100.100.100.100/32), "wg0"`: the tunnels up, bounded, names quoted. Pure. */
export function describeTunnels(tunnels: readonly VpnInfo[]): string {
  const named = tunnels.slice(0, LISTED).map((t) => `${preview(t.name, 200)}${t.tunnel?.kind === "split" ? ` (${describeTunnel(t.tunnel).slice(2)})` : ""}`);
  const more = tunnels.length > LISTED ? ` and ${tunnels.length - LISTED} more` : "";
  return `${named.join(", ") || "none"}${more}`;
}
