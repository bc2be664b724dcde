import type { VpnInfo } from "../../machines/vpn.js";
import { routedThrough } from "./carrier.js";
import { defaultRouteOwners, isUp } from "./defaultRoute.js";
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
 * The VPN adapters that are up: status "Up" (any case), no exclusion matching, and either a VPN
 * pattern matching or virtual (`virtual: true`, or `interfaceType` 23, 53 or 131) and owning the
 * effective IPv4 default route (a client no pattern names). In a canonical order (smallest MTU,
 * then name, description), so nothing depends on the order Windows listed them in. Pure.
 */
export function vpnAdapters(snapshot: NetworkSnapshot, c: Classifier): AdapterSnapshot[] {
  const owners = defaultRouteOwners(snapshot.adapters);
  return snapshot.adapters
    .filter((a) => isUp(a) && !c.exclude.matches(a.name, a.description) && (c.vpn.matches(a.name, a.description) || (isVirtual(a) && owners.has(a))))
    .sort(preference);
}

/** Every VPN that is up, each with its tunnel when the watcher sent routes, in the canonical order. Pure. */
export function tunnelsUp(snapshot: NetworkSnapshot, c: Classifier): VpnInfo[] {
  const owners = defaultRouteOwners(snapshot.adapters);
  return vpnAdapters(snapshot, c).map((a) => vpnInfo(a, owners.has(a)));
}

/**
 * The VPN Windows routes `address` through, decided as Windows routes (src/windows/carrier.ts):
 * null when the adapter that carries it is not a VPN. `address` null (not known): the VPN owning
 * the default route. A VPN adapter whose line says nothing of its routes (no `routes`, no
 * `defaultRoute`: a watcher that does not report them) is read as before routes were reported: a
 * full tunnel, taken when no reported route gives the address to another VPN. Among VPNs tied for
 * it, the smallest MTU, then name. Pure; never throws.
 */
export function carrierOf(snapshot: NetworkSnapshot, c: Classifier, address: string | null): VpnInfo | null {
  const vpns = vpnAdapters(snapshot, c);
  const routed = new Set(routedThrough(snapshot.adapters, address));
  const carriers = vpns.filter((a) => routed.has(a));
  const best = carriers[0] ?? vpns.find((a) => a.routes === undefined && a.defaultRoute === undefined);
  return best === undefined ? null : vpnInfo(best, defaultRouteOwners(snapshot.adapters).has(best));
}

/** The VPN carrying the default route (an address no split route names): `carrierOf` with no address. Pure. */
export function classify(snapshot: NetworkSnapshot, c: Classifier): VpnInfo | null {
  return carrierOf(snapshot, c, null);
}

function vpnInfo(a: AdapterSnapshot, ownsDefault: boolean): VpnInfo {
  const tunnel = tunnelOfAdapter(a, ownsDefault);
  return { name: a.name, description: a.description, mtuHint: a.mtu, ...(tunnel === undefined ? {} : { tunnel }) };
}

function isVirtual(a: AdapterSnapshot): boolean {
  return a.virtual === true || (a.interfaceType !== undefined && VIRTUAL_TYPES.has(a.interfaceType));
}

/** Canonical order: smallest MTU, name, description. */
function preference(a: AdapterSnapshot, b: AdapterSnapshot): number {
  return a.mtu - b.mtu || compare(a.name, b.name) || compare(a.description, b.description);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
