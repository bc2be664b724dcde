import { vpnKey, type VpnInfo } from "../../machines/index.js";

/** A route that keeps a tunnel without a probe target at its adapter's Windows MTU (never a probed value). */
export interface SafeRoute {
  readonly prefix: string;
  readonly mtu: number;
  /** The adapters whose Windows MTU this is (names, sorted): a prefix two tunnels report gets the lower. */
  readonly tunnels: readonly string[];
}

export interface SafeRoutesInput {
  /** Every VPN adapter up, as `network.settled` names them. */
  readonly tunnels: readonly VpnInfo[];
  /** Keys (vpnKey) of the VPNs the agent probes: their paths get probed values, not these. */
  readonly targets: ReadonlySet<string>;
  /** The MTU in force on the managed interface. */
  readonly ifaceMtu: number;
}

/**
 * The routes that keep every split tunnel the agent cannot probe within its adapter's Windows MTU
 * (what fits inside it): its prefixes at that MTU, only where it is below the interface's, so a
 * route is only ever lower than the interface. A "full" tunnel is left out: it may carry nothing
 * (a 0.0.0.0/0 that loses to Wi-Fi's is "full" too) and 0/1 + 128/1 would lower everything; so is
 * one whose routes were not reported (no prefix to name) or without an MTU. Sorted by prefix:
 * the adapters' order never matters. Pure.
 */
export function tunnelSafeRoutes(input: SafeRoutesInput): SafeRoute[] {
  const best = new Map<string, { mtu: number; tunnels: Set<string> }>();
  for (const t of input.tunnels) {
    const mtu = t.mtuHint;
    if (input.targets.has(vpnKey(t)) || mtu === null || mtu >= input.ifaceMtu || t.tunnel?.kind !== "split") continue;
    for (const prefix of t.tunnel.prefixes) {
      const seen = best.get(prefix);
      if (seen === undefined || mtu < seen.mtu) best.set(prefix, { mtu, tunnels: new Set([t.name]) });
      else if (mtu === seen.mtu) seen.tunnels.add(t.name);
    }
  }
  return [...best]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([prefix, r]) => ({ prefix, mtu: r.mtu, tunnels: [...r.tunnels].sort() }));
}
