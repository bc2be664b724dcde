import type { VpnInfo } from "../../machines/vpn.js";
import { compareClaims, defaultClaim, defaultRouteOwners, isUp } from "./defaultRoute.js";
import { compilePatterns, defaultExclusions, defaultVpnPatterns, type PatternSet } from "./patterns.js";
import type { AdapterSnapshot, NetworkSnapshot } from "./snapshot.js";
import { tunnelOfAdapter } from "./tunnel.js";

/** What classification needs: which adapters are VPNs and which never are. */
export interface Classifier {
  readonly vpn: PatternSet;
  readonly exclude: PatternSet;
}

/**
 * Builds a classifier from `windows.vpnPatterns` (default: every vendor in `defaultVpnPatterns`)
 * and exclusions. Throws ConfigError for an invalid pattern. Pure.
 */
export function createClassifier(
  vpnPatterns: readonly unknown[] = defaultVpnPatterns,
  exclusions: readonly unknown[] = defaultExclusions,
): Classifier {
  return { vpn: compilePatterns(vpnPatterns), exclude: compilePatterns(exclusions, "windows.exclusions") };
}

/** Interface types of tunnels and virtual links: 23 PPP, 53 PROP_VIRTUAL, 131 TUNNEL (IANA ifType). */
const VIRTUAL_TYPES: ReadonlySet<number> = new Set([23, 53, 131]);

/**
 * Decides whether a VPN is up and which one. Candidates have status "Up" (any case), match no
 * exclusion, and either match a VPN pattern or are virtual (`virtual: true`, or `interfaceType`
 * 23, 53 or 131) and own the effective IPv4 default route: a client no pattern names. Among
 * several, the best default-route claim wins, else the smallest MTU; ties break by name so the
 * result never depends on adapter order. The VPN carries its tunnel when the watcher sent
 * routes. Pure; never throws.
 */
export function classify(snapshot: NetworkSnapshot, c: Classifier): VpnInfo | null {
  const owners = defaultRouteOwners(snapshot.adapters);
  const candidates = snapshot.adapters.filter(
    (a) =>
      isUp(a) &&
      !c.exclude.matches(a.name, a.description) &&
      (c.vpn.matches(a.name, a.description) || (isVirtual(a) && owners.has(a))),
  );
  const best = candidates.sort(preference)[0];
  if (best === undefined) return null;
  const tunnel = tunnelOfAdapter(best, owners.has(best));
  return { name: best.name, description: best.description, mtuHint: best.mtu, ...(tunnel === undefined ? {} : { tunnel }) };
}

function isVirtual(a: AdapterSnapshot): boolean {
  return a.virtual === true || (a.interfaceType !== undefined && VIRTUAL_TYPES.has(a.interfaceType));
}

/** Sort order: best default-route claim first, then smallest MTU, name, description. */
function preference(a: AdapterSnapshot, b: AdapterSnapshot): number {
  return compareClaims(defaultClaim(a), defaultClaim(b)) || a.mtu - b.mtu || compare(a.name, b.name) || compare(a.description, b.description);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
