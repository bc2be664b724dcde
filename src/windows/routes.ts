import { preview } from "../text/preview.js";
import { isCount } from "./count.js";
import { formatPrefix, networkOf, parsePrefix } from "./prefix.js";

/** One IPv4 route Windows sends through an adapter, as a watcher reports it. */
export interface Route {
  /** Canonical CIDR (network address): "10.0.0.0/8". */
  readonly prefix: string;
  /** Effective metric: route metric + interface metric. Absent: not reported (ranks last). */
  readonly metric?: number;
}

/** Most routes one adapter may report; the watcher script keeps the broadest ones (docs/windows.md). */
export const MAX_ROUTES = 256;

/**
 * Parses an adapter's `routes` field: undefined or null when absent, the routes, or the problem
 * naming the first bad entry. Prefixes are canonicalised (host bits cleared); multicast
 * (224.0.0.0/4 and inside it) and the limited broadcast 255.255.255.255/32 are dropped here too,
 * so a custom watcher that forgets them does no harm. Pure; never throws.
 */
export function parseRoutes(raw: unknown): readonly Route[] | undefined | string {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) return '"routes" must be an array';
  if (raw.length > MAX_ROUTES) return `"routes" has ${raw.length} entries, more than ${MAX_ROUTES}`;
  const out: Route[] = [];
  for (const [i, r] of raw.entries()) {
    const where = `"routes"[${i}]`;
    if (typeof r !== "object" || r === null || Array.isArray(r)) return `${where} is not an object`;
    const { prefix, metric } = r as Record<string, unknown>;
    if (typeof prefix !== "string") return `${where}.prefix must be a string like "10.0.0.0/8"`;
    const parsed = parsePrefix(prefix);
    if (typeof parsed === "string") return `${where}.prefix ${preview(prefix)} ${parsed}`;
    if (metric !== undefined && metric !== null && !isCount(metric)) {
      return `${where}.metric must be a non-negative integer`;
    }
    const net = networkOf(parsed);
    if (isMulticast(net.address, net.length) || (net.address === 0xffffffff && net.length === 32)) continue;
    out.push(typeof metric === "number" ? { prefix: formatPrefix(net), metric } : { prefix: formatPrefix(net) });
  }
  return out;
}

/** Inside 224.0.0.0/4: the top four bits are 1110 and the prefix is no broader than /4. */
function isMulticast(address: number, length: number): boolean {
  return length >= 4 && address >>> 28 === 0xe;
}
