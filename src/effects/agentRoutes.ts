import { ipv4Number } from "../../machines/cidr.js";
import { ipBatch } from "./ipBatch.js";
import { pathTo } from "./routeGet.js";
import { describeFailure, runCommand } from "./run.js";

/**
 * `proto` number of the routes that carry an applied MTU (apply.scope routes). Not the probe's 157:
 * a probe's cleanup flushes 157 from the main table and must never take an applied MTU with it.
 * Named nowhere either (docs/probing.md#route-protocol; test/probe/routeProto.unit.test.ts).
 */
export const APPLIED_ROUTE_PROTO = "158";

/**
 * The address whose path a prefix's route copies: the middle of the prefix, because its network
 * address may be special (`ip route get 0.0.0.0` answers `local ... dev lo`). Pure; null when the
 * prefix is not IPv4 CIDR.
 */
export function pathAddress(prefix: string): string | null {
  const [net, lenText] = prefix.split("/");
  const len = Number(lenText);
  const base = ipv4Number(net ?? "");
  if (base === null || !Number.isInteger(len) || len < 0 || len > 32) return null;
  const n = len >= 31 ? base : base + 2 ** (31 - len);
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");
}

/** The main table's routes as the agent sees them: prefixes it owns (proto 158) and prefixes someone else has a route for. */
export interface MainRoutes {
  readonly ours: ReadonlySet<string>;
  readonly foreign: ReadonlySet<string>;
}

/**
 * The ownership rule (docs/operations.md#routes-the-agent-does-not-own): a prefix that has any
 * main-table route not under the agent's proto (any metric, any type) is not the agent's, and it
 * leaves it alone, its own route there included. `all` and `ours` are the prefixes of `ip -j route
 * show table main` without and with the proto filter, one entry per route. Pure.
 */
export function mainRoutes(all: readonly string[], ours: readonly string[]): MainRoutes {
  const left = new Map<string, number>();
  for (const p of all) left.set(p, (left.get(p) ?? 0) + 1);
  for (const p of ours) left.set(p, (left.get(p) ?? 0) - 1);
  return { ours: new Set(ours), foreign: new Set([...left].filter(([, n]) => n > 0).map(([p]) => p)) };
}

/**
 * The `ip -batch` lines that make the agent's routes exactly `wanted` (prefix → route arguments)
 * without touching a route it does not own: its routes for other prefixes, or for prefixes someone
 * else now routes, are deleted (`del … proto 158` matches only its own); its own are replaced; a
 * new one is added, never replaced, so a route that appeared meanwhile makes it fail instead of
 * being overwritten. `notOwned`: the wanted prefixes left alone. Pure.
 */
export function routeChanges(main: MainRoutes, wanted: ReadonlyMap<string, readonly string[]>): { lines: string[][]; notOwned: string[] } {
  const del = (dst: string): string[] => ["route", "del", dst, "table", "main", "proto", APPLIED_ROUTE_PROTO];
  const gone = [...main.ours].filter((dst) => !wanted.has(dst) || main.foreign.has(dst)).map(del);
  const notOwned = [...wanted.keys()].filter((dst) => main.foreign.has(dst));
  const set = [...wanted].filter(([dst]) => !main.foreign.has(dst)).map(([dst, args]) => ["route", main.ours.has(dst) ? "replace" : "add", ...args]);
  return { lines: [...gone, ...set], notOwned };
}

/** Destinations of the routes in `ip -j route show` output, as CIDR, one per route. Pure. */
export function listedPrefixes(json: string): string[] {
  try {
    const routes = JSON.parse(json) as Array<{ dst?: unknown }>;
    return routes.flatMap((r) => (typeof r.dst !== "string" ? [] : [r.dst === "default" ? "0.0.0.0/0" : r.dst.includes("/") ? r.dst : `${r.dst}/32`]));
  } catch {
    return [];
  }
}

export type RoutesResult =
  | { readonly ok: true; readonly ms: number; /** Wanted prefixes someone else routes: left alone, at the interface MTU. */ readonly notOwned: readonly string[] }
  | { readonly ok: false; readonly reason: string };

/** The main table as the agent sees it now, its own being the routes under `proto`; or why it could not be read. */
export async function readMain(proto: string = APPLIED_ROUTE_PROTO): Promise<MainRoutes | { error: string }> {
  const show = ["ip", "-j", "-4", "route", "show", "table", "main"];
  const [all, ours] = await Promise.all([runCommand(show, { timeoutMs: 5000 }), runCommand([...show, "proto", proto], { timeoutMs: 5000 })]);
  if (!all.ok) return { error: describeFailure(all) };
  if (!ours.ok) return { error: describeFailure(ours) };
  return mainRoutes(listedPrefixes(all.stdout), listedPrefixes(ours.stdout));
}

/**
 * Makes the agent's main-table routes exactly `wanted` (prefix → MTU; `ip route add|replace PREFIX
 * via GW dev IF mtu N proto 158`, no `lock`: DF stays set), removing its routes for other
 * prefixes; an empty map removes them all. Each route copies the path the kernel takes to its
 * prefix now. A prefix someone else routes is never touched (routeChanges); one taken between
 * the read and the write fails the `add`, and the table is read again to tell that from a failure.
 */
export async function setAgentRoutes(wanted: ReadonlyMap<string, number>): Promise<RoutesResult> {
  const started = performance.now();
  const main = await readMain();
  if ("error" in main) return { ok: false, reason: main.error };
  const args = new Map<string, string[]>();
  for (const [prefix, mtu] of wanted) {
    const address = pathAddress(prefix);
    if (address === null) return { ok: false, reason: `not an IPv4 prefix: ${JSON.stringify(prefix)}` };
    const path = await pathTo(address);
    if ("error" in path) return { ok: false, reason: `no route to ${prefix}: ${path.error}` };
    if (path.dev === "lo") return { ok: false, reason: `${prefix} is local (its path is lo): no MTU to put on it` };
    const via = path.gateway === null ? [] : ["via", path.gateway];
    args.set(prefix, [prefix, ...via, "dev", path.dev, "mtu", String(mtu), "proto", APPLIED_ROUTE_PROTO]);
  }
  const { lines, notOwned } = routeChanges(main, args);
  const ms = (): number => Math.round(performance.now() - started);
  if (lines.length === 0) return { ok: true, ms: ms(), notOwned };
  const r = await ipBatch(lines, true);
  if (r.ok) return { ok: true, ms: ms(), notOwned };
  // Some line failed: fine only if every wanted prefix is now ours or someone else's (an `add` lost a race).
  const after = await readMain();
  if ("error" in after) return { ok: false, reason: describeFailure(r) };
  const missing = [...wanted.keys()].filter((p) => !after.ours.has(p) && !after.foreign.has(p));
  const leftOver = [...after.ours].filter((p) => !wanted.has(p));
  if (missing.length > 0 || leftOver.length > 0) return { ok: false, reason: describeFailure(r) };
  return { ok: true, ms: ms(), notOwned: [...wanted.keys()].filter((p) => after.foreign.has(p)) };
}

/** Removes every route under the agent's proto from the main table (start-up: leftovers of a killed agent). */
export async function flushAgentRoutes(): Promise<{ ok: boolean; error?: string }> {
  const r = await runCommand(["ip", "-4", "route", "flush", "table", "main", "proto", APPLIED_ROUTE_PROTO], { timeoutMs: 5000 });
  return r.ok || /Nothing to flush/.test(r.stderr) ? { ok: true } : { ok: false, error: describeFailure(r) };
}
