import { runCommand } from "../effects/run.js";
import { LEGACY_ROUTE_PROTO } from "./config.js";
import type { PathInfo } from "../effects/routeGet.js";

interface ListedRoute {
  readonly dst?: unknown;
  readonly gateway?: unknown;
  readonly dev?: unknown;
  readonly metrics?: unknown;
}

/**
 * The `ip route del` lines for main-table routes that an earlier version left under proto 186
 * (which is `bgp`). Only a route exactly as its sequential fallback made it is taken as ours: a
 * host route to the probe's own target, via the path the probe uses now, carrying an MTU metric
 * and nothing else. Routing daemons do not put MTU metrics on their routes, so a BGP route never
 * has that shape; anything else under 186 is left alone. `json` is `ip -N -j route show table main
 * proto 186`. Pure.
 */
export function legacyRouteDeletions(json: string, address: string, path: PathInfo): string[][] {
  let routes: ListedRoute[];
  try {
    routes = JSON.parse(json) as ListedRoute[];
  } catch {
    return [];
  }
  if (!Array.isArray(routes)) return [];
  const onlyMtu = (m: unknown): boolean => Array.isArray(m) && m.length === 1 && typeof (m[0] as Record<string, unknown>).mtu === "number" && Object.keys(m[0] as object).length === 1;
  return routes
    .filter((r) => r.dst === address && r.dev === path.dev && (r.gateway ?? null) === path.gateway && onlyMtu(r.metrics))
    .map(() => ["route", "del", `${address}/32`, ...(path.gateway === null ? [] : ["via", path.gateway]), "dev", path.dev, "table", "main", "proto", LEGACY_ROUTE_PROTO]);
}

/** Lists the main table's proto-186 routes and returns the deletions that are provably ours. */
export async function legacyProbeRoutes(address: string, path: PathInfo): Promise<string[][]> {
  const listed = await runCommand(["ip", "-N", "-j", "-4", "route", "show", "table", "main", "proto", LEGACY_ROUTE_PROTO], { timeoutMs: 5000 });
  return listed.ok ? legacyRouteDeletions(listed.stdout, address, path) : [];
}
