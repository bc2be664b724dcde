import type { VpnInfo } from "../../machines/vpn.js";
import { compilePatterns, defaultExclusions, defaultVpnPatterns, type PatternSet } from "./patterns.js";
import type { AdapterSnapshot, NetworkSnapshot } from "./snapshot.js";

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

/**
 * Decides whether a VPN is up and which one. Candidates: status "Up" (any case), name or
 * description matching a VPN pattern, and matching no exclusion. Among several, the one owning
 * the default route wins (lowest metric), else the smallest MTU; ties break by name so the
 * result never depends on adapter order. Pure; never throws.
 */
export function classify(snapshot: NetworkSnapshot, c: Classifier): VpnInfo | null {
  const candidates = snapshot.adapters.filter(
    (a) => a.status.toLowerCase() === "up" && c.vpn.matches(a.name, a.description) && !c.exclude.matches(a.name, a.description),
  );
  const best = candidates.sort(preference)[0];
  if (best === undefined) return null;
  return { name: best.name, description: best.description, mtuHint: best.mtu };
}

/** Sort order: default route first, then lowest metric, smallest MTU, name, description. */
function preference(a: AdapterSnapshot, b: AdapterSnapshot): number {
  const route = Number(b.defaultRoute === true) - Number(a.defaultRoute === true);
  if (route !== 0) return route;
  if (a.defaultRoute === true) {
    const metric = (a.metric ?? Number.MAX_SAFE_INTEGER) - (b.metric ?? Number.MAX_SAFE_INTEGER);
    if (metric !== 0) return metric;
  }
  return a.mtu - b.mtu || compare(a.name, b.name) || compare(a.description, b.description);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
