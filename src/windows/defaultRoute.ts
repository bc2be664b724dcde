import type { AdapterSnapshot } from "./snapshot.js";

/**
 * How an adapter claims the IPv4 default route. `pair`: it carries both 0.0.0.0/1 and
 * 128.0.0.0/1, which are more specific than any 0.0.0.0/0, so the pair wins whatever the metrics
 * (a VPN's usual full-tunnel trick). `default`: 0.0.0.0/0 (`defaultRoute: true` or in `routes`).
 * The metric is the effective one; unreported metrics rank last.
 */
export interface DefaultClaim {
  readonly kind: "pair" | "default";
  readonly metric: number;
}

const UNKNOWN = Number.MAX_SAFE_INTEGER;
const HALVES = ["0.0.0.0/1", "128.0.0.0/1"] as const;

/** The adapter's claim on the default route, or null. Pure. */
export function defaultClaim(a: AdapterSnapshot): DefaultClaim | null {
  const metricOf = (prefix: string): number | null => {
    const ms = (a.routes ?? []).filter((r) => r.prefix === prefix).map((r) => r.metric ?? UNKNOWN);
    return ms.length === 0 ? null : Math.min(...ms);
  };
  const halves = HALVES.map(metricOf);
  if (halves.every((m) => m !== null)) return { kind: "pair", metric: Math.max(...halves) };
  const zero = [metricOf("0.0.0.0/0"), a.defaultRoute === true ? (a.metric ?? UNKNOWN) : null].filter((m) => m !== null);
  return zero.length === 0 ? null : { kind: "default", metric: Math.min(...zero) };
}

/** Negative when claim `a` wins over `b`: a pair beats a 0/0, then the lower metric; null loses. Pure. */
export function compareClaims(a: DefaultClaim | null, b: DefaultClaim | null): number {
  if (a === null || b === null) return Number(a === null) - Number(b === null);
  return Number(a.kind === "default") - Number(b.kind === "default") || a.metric - b.metric;
}

/**
 * The adapters that own the effective IPv4 default route among those that are Up: the best claim,
 * and every adapter tied with it (Windows spreads or picks among equals; any of them may carry the
 * traffic). Empty when no adapter has a default route. Pure.
 */
export function defaultRouteOwners(adapters: readonly AdapterSnapshot[]): ReadonlySet<AdapterSnapshot> {
  const claims = adapters.filter(isUp).map((a) => ({ a, claim: defaultClaim(a) }));
  const best = claims.reduce<DefaultClaim | null>((acc, c) => (compareClaims(c.claim, acc) < 0 ? c.claim : acc), null);
  if (best === null) return new Set();
  return new Set(claims.filter((c) => compareClaims(c.claim, best) === 0).map((c) => c.a));
}

/** Status "Up", in any case. Pure. */
export function isUp(a: AdapterSnapshot): boolean {
  return a.status.toLowerCase() === "up";
}
