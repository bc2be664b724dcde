import { listPrefixes, prefixContains } from "./cidr.js";
import type { AgentContext, AgentInput } from "./context.js";
import { tunnelOf, type VpnInfo } from "./vpn.js";

/** `apply.scope`: where the MTU found goes. */
export type ApplyScope = "auto" | "interface" | "routes";

/**
 * A full tunnel in routes scope: the two halves of the address space, not 0.0.0.0/0. Replacing the
 * default route would take WSL's own route over, and removing ours would then leave none; the
 * halves are more specific than it, so they carry the MTU for every destination and go cleanly.
 */
export const FULL_TUNNEL_ROUTES: readonly string[] = ["0.0.0.0/1", "128.0.0.0/1"];

/**
 * Where the MTU for `vpn` goes: null for the interface, else the prefixes that get a route each.
 * "auto" (also when absent, as in journals before the key): a split tunnel's prefixes, the
 * interface for a full tunnel. Pure.
 */
export function routesFor(input: AgentInput, vpn: VpnInfo | null): readonly string[] | null {
  const scope = input.applyScope ?? "auto";
  if (vpn === null || scope === "interface") return null;
  const tunnel = tunnelOf(vpn);
  if (tunnel.kind === "split") return tunnel.prefixes;
  return scope === "routes" ? FULL_TUNNEL_ROUTES : null;
}

/** The routes the current VPN's MTU goes on, or null for the interface. Pure. */
export function scopeRoutes(c: AgentContext): readonly string[] | null {
  return routesFor(c.input, c.vpn);
}

/**
 * Why the probe target cannot measure the VPN: its address lies outside a split tunnel, so a probe
 * would measure another path and an MTU would be applied for nothing. Null when it lies inside, the
 * tunnel is full, or the address is unknown (then the probe says what is wrong). Pure.
 */
export function outsideTunnel(c: Pick<AgentContext, "vpn" | "probeTarget">): string | null {
  const target = c.probeTarget;
  if (c.vpn === null || target === null) return null;
  const tunnel = tunnelOf(c.vpn);
  if (tunnel.kind !== "split" || tunnel.prefixes.some((p) => prefixContains(p, target.address))) return null;
  return `VPN ${JSON.stringify(c.vpn.name)} is a split tunnel (${listPrefixes(tunnel.prefixes)}) that does not carry ${target.url} (${target.address}): nothing applied; set profiles[].url or verify.url to a host inside the VPN`;
}
