import { preview } from "../text/preview.js";
import { ROUTE_PROTO } from "./config.js";

/** One route as `ip -j route show` lists it (the fields a copy needs). */
interface ListedRoute {
  readonly type?: unknown;
  readonly dst?: unknown;
  readonly gateway?: unknown;
  readonly dev?: unknown;
  readonly protocol?: unknown;
  readonly scope?: unknown;
  readonly prefsrc?: unknown;
  readonly metric?: unknown;
  readonly flags?: unknown;
  readonly metrics?: unknown;
  readonly nexthops?: unknown;
}

/** The pin's `ip route add` lines, or why the main table cannot be copied faithfully. */
export type PinPlan = { readonly ok: true; readonly lines: string[][] } | { readonly ok: false; readonly reason: string };

const NO_DEVICE = new Set(["unreachable", "blackhole", "prohibit", "throw"]);
const str = (v: unknown): string | null => (typeof v === "string" && /^[\w.:/%@-]+$/.test(v) ? v : null);
const routeMtu = (r: ListedRoute): number | null => {
  const m = Array.isArray(r.metrics) ? (r.metrics as Array<Record<string, unknown>>).find((x) => typeof x.mtu === "number") : undefined;
  return typeof m?.mtu === "number" ? m.mtu : null;
};

/**
 * The `ip route add … table TABLE` lines that copy the main table (`json`: `ip -j route show table
 * main`, IPv4) into the pin table: every route of `dev` with `mtu` (or its own lower MTU)
 * and our `proto`, which marks it as a pinned route of `dev` (recovery reads them back); the other
 * devices' routes as they are, so a rule sending all traffic to the pin table routes nothing
 * differently. Routes this cannot copy exactly (several next hops, unknown fields) make the plan
 * fail: better not to raise than to reroute someone's traffic. Our own proto-157 routes are left out. Pure.
 */
export function pinPlan(json: string, dev: string, mtu: number, table: number): PinPlan {
  let routes: ListedRoute[];
  try {
    routes = JSON.parse(json) as ListedRoute[];
  } catch {
    return { ok: false, reason: "cannot read the main routing table" };
  }
  if (!Array.isArray(routes)) return { ok: false, reason: "cannot read the main routing table" };
  const lines: string[][] = [];
  for (const r of routes) {
    if (String(r.protocol) === ROUTE_PROTO) continue;
    const dst = str(r.dst);
    const rdev = str(r.dev);
    const type = r.type === undefined || r.type === "unicast" ? [] : [str(r.type) ?? "?"];
    // unreachable, blackhole, prohibit and throw routes have no device.
    const devless = type.length === 1 && NO_DEVICE.has(type[0] as string);
    if (r.nexthops !== undefined || dst === null || (rdev === null && !devless) || type[0] === "?") return { ok: false, reason: `cannot copy the route ${preview(r, 120)}` };
    const own = routeMtu(r);
    const pinned = rdev === dev;
    const opt = (flag: string, v: unknown): string[] => (str(v) === null ? [] : [flag, str(v) as string]);
    const line = [
      "route", "add", ...type, dst,
      ...opt("via", r.gateway), ...opt("dev", rdev),
      ...opt("scope", r.scope), ...opt("src", r.prefsrc),
      ...(typeof r.metric === "number" ? ["metric", String(r.metric)] : []),
      ...(Array.isArray(r.flags) && r.flags.includes("onlink") ? ["onlink"] : []),
      ...(pinned ? ["mtu", String(Math.min(mtu, own ?? mtu))] : own === null ? [] : ["mtu", String(own)]),
      "table", String(table),
      "proto", pinned ? ROUTE_PROTO : (str(r.protocol) ?? "boot"),
    ];
    lines.push(line);
  }
  return { ok: true, lines };
}

/**
 * What a pin table says after a crash: each pinned device and the MTU it had before it was raised
 * (the largest MTU among its proto-157 routes; `json`: `ip -j route show table PIN`). Pure.
 */
export function pinnedDevices(json: string): Map<string, number> {
  const out = new Map<string, number>();
  let routes: ListedRoute[];
  try {
    routes = JSON.parse(json) as ListedRoute[];
  } catch {
    return out;
  }
  if (!Array.isArray(routes)) return out;
  for (const r of routes) {
    const dev = str(r.dev);
    const mtu = routeMtu(r);
    if (String(r.protocol) !== ROUTE_PROTO || dev === null || mtu === null) continue;
    out.set(dev, Math.max(mtu, out.get(dev) ?? 0));
  }
  return out;
}
