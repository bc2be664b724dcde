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

/** The `ip -batch` lines that make the agent's routes exactly `wanted` (prefix → route arguments). Pure. */
export function routeChanges(existing: readonly string[], wanted: ReadonlyMap<string, readonly string[]>): string[][] {
  const gone = existing.filter((dst) => !wanted.has(dst)).map((dst) => ["route", "del", dst, "table", "main", "proto", APPLIED_ROUTE_PROTO]);
  return [...gone, ...[...wanted.values()].map((args) => ["route", "replace", ...args])];
}

/** Destinations of the main table's routes under the agent's proto in `ip -j route show` output, as CIDR. Pure. */
export function listedPrefixes(json: string): string[] {
  try {
    const routes = JSON.parse(json) as Array<{ dst?: unknown }>;
    return routes.flatMap((r) => (typeof r.dst !== "string" ? [] : [r.dst === "default" ? "0.0.0.0/0" : r.dst.includes("/") ? r.dst : `${r.dst}/32`]));
  } catch {
    return [];
  }
}

export type RoutesResult = { readonly ok: true; readonly ms: number } | { readonly ok: false; readonly reason: string };

/**
 * Makes the agent's main-table routes exactly `prefixes` with MTU `mtu` (`ip route replace PREFIX
 * via GW dev IF mtu N proto 158`, no `lock`: DF stays set), removing its routes for other prefixes;
 * `[]` removes them all. Each route copies the path the kernel takes to its prefix now.
 */
export async function setAgentRoutes(prefixes: readonly string[], mtu: number): Promise<RoutesResult> {
  const started = performance.now();
  const listed = await runCommand(["ip", "-j", "-4", "route", "show", "table", "main", "proto", APPLIED_ROUTE_PROTO], { timeoutMs: 5000 });
  if (!listed.ok) return { ok: false, reason: describeFailure(listed) };
  const wanted = new Map<string, string[]>();
  for (const prefix of prefixes) {
    const address = pathAddress(prefix);
    if (address === null) return { ok: false, reason: `not an IPv4 prefix: ${JSON.stringify(prefix)}` };
    const path = await pathTo(address);
    if ("error" in path) return { ok: false, reason: `no route to ${prefix}: ${path.error}` };
    if (path.dev === "lo") return { ok: false, reason: `${prefix} is local (its path is lo): no MTU to put on it` };
    const via = path.gateway === null ? [] : ["via", path.gateway];
    wanted.set(prefix, [prefix, ...via, "dev", path.dev, "mtu", String(mtu), "proto", APPLIED_ROUTE_PROTO]);
  }
  const lines = routeChanges(listedPrefixes(listed.stdout), wanted);
  if (lines.length === 0) return { ok: true, ms: Math.round(performance.now() - started) };
  const r = await ipBatch(lines);
  return r.ok ? { ok: true, ms: Math.round(performance.now() - started) } : { ok: false, reason: describeFailure(r) };
}

/** Removes every route under the agent's proto from the main table (start-up: leftovers of a killed agent). */
export async function flushAgentRoutes(): Promise<{ ok: boolean; error?: string }> {
  const r = await runCommand(["ip", "-4", "route", "flush", "table", "main", "proto", APPLIED_ROUTE_PROTO], { timeoutMs: 5000 });
  return r.ok || /Nothing to flush/.test(r.stderr) ? { ok: true } : { ok: false, error: describeFailure(r) };
}
