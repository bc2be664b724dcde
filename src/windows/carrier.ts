import { prefixContains } from "../../machines/cidr.js";
import { compareClaims, defaultClaim, isUp } from "./defaultRoute.js";
import type { AdapterSnapshot } from "./snapshot.js";

/** Unreported metrics rank last, as Windows' own tie-breaking cannot be known. */
const UNKNOWN = Number.MAX_SAFE_INTEGER;

/** The routes an adapter offers Windows: those it reports, and 0.0.0.0/0 when it says it has the default route. */
function offered(a: AdapterSnapshot): { length: number; metric: number; prefix: string }[] {
  const routes = (a.routes ?? []).map((r) => ({ prefix: r.prefix, metric: r.metric ?? UNKNOWN }));
  if (a.defaultRoute === true) routes.push({ prefix: "0.0.0.0/0", metric: a.metric ?? UNKNOWN });
  return routes.map((r) => ({ ...r, length: Number(r.prefix.split("/")[1]) }));
}

/**
 * The Up adapters Windows routes `address` through: the longest reported prefix containing it, then
 * the lowest effective metric; every adapter tied with the best (Windows spreads or picks among
 * equals, so any of them may carry it). For `address` null (the target's address is not known) the
 * default route's owners: a 0.0.0.0/1 + 128.0.0.0/1 pair before any 0.0.0.0/0, then the metric.
 * Empty when nothing routes it. Independent of adapter order. Pure.
 */
export function routedThrough(adapters: readonly AdapterSnapshot[], address: string | null): readonly AdapterSnapshot[] {
  const up = adapters.filter(isUp);
  if (address === null) {
    const claims = up.map((a) => ({ a, claim: defaultClaim(a) })).filter((c) => c.claim !== null);
    const best = claims.reduce<(typeof claims)[number]["claim"]>((acc, c) => (compareClaims(c.claim, acc) < 0 ? c.claim : acc), null);
    return claims.filter((c) => compareClaims(c.claim, best) === 0).map((c) => c.a);
  }
  const best = up.map((a) => ({ a, route: bestMatch(offered(a), address) })).filter((c) => c.route !== null);
  const top = best.reduce<{ length: number; metric: number } | null>((acc, c) => (c.route !== null && (acc === null || better(c.route, acc)) ? c.route : acc), null);
  if (top === null) return [];
  return best.filter((c) => c.route !== null && c.route.length === top.length && c.route.metric === top.metric).map((c) => c.a);
}

/** The adapter's most specific route containing `address`, lowest metric among equals; null: none. */
function bestMatch(routes: readonly { length: number; metric: number; prefix: string }[], address: string): { length: number; metric: number } | null {
  return routes.filter((r) => prefixContains(r.prefix, address)).reduce<{ length: number; metric: number } | null>((acc, r) => (acc === null || better(r, acc) ? r : acc), null);
}

/** Longest prefix first, then the lowest metric. */
function better(a: { length: number; metric: number }, b: { length: number; metric: number }): boolean {
  return a.length > b.length || (a.length === b.length && a.metric < b.metric);
}
