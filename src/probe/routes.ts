import { ipBatch } from "../effects/ipBatch.js";
import type { PathInfo } from "../effects/routeGet.js";
import { runCommand } from "../effects/run.js";
import { pinSlot, ROUTE_PROTO, type OwnedRanges } from "./config.js";
import { legacyProbeRoutes } from "./legacyRoutes.js";
import { realErrors, recoverRaise } from "./raise.js";

/** The `ip route` arguments (after `route add|replace`) of a /32 route with MTU `mtu`; no `lock`, so DF stays set. Pure. */
export function routeArgs(address: string, path: PathInfo, mtu: number, table: number | "main"): string[] {
  const via = path.gateway === null ? [] : ["via", path.gateway];
  const where = table === "main" ? ["proto", ROUTE_PROTO] : ["table", String(table), "proto", ROUTE_PROTO];
  return [`${address}/32`, ...via, "dev", path.dev, "mtu", String(mtu), ...where];
}

/** Priorities of the rules in `ip -j rule show` output that fall in the owned range. Pure. */
export function ownedRulePriorities(json: string, ranges: OwnedRanges): number[] {
  const { first, count } = ranges.priorities;
  try {
    const rules = JSON.parse(json) as Array<{ priority?: unknown }>;
    return rules.map((r) => r.priority).filter((p): p is number => typeof p === "number" && p >= first && p < first + count);
  } catch {
    return [];
  }
}

/**
 * Removes every agent-owned rule, table and main-table route: after a round, on a signal, and at
 * start-up (leftovers of a crashed run). A raise pin left by a crash (raise.ts) first has its
 * devices put back to the MTU it recorded. With the probe's `target` (address and path), also the
 * routes an earlier version left under proto 186 that are provably ours (legacyRoutes.ts).
 * `mainTable: false` (a probe beside a running agent) leaves the main table's routes alone: they
 * are the agent's. Safe to call any time; returns what it could not remove, and what it recovered.
 */
export async function cleanupProbeState(
  ranges: OwnedRanges,
  target?: { readonly address: string; readonly path: PathInfo },
  o: { readonly mainTable: boolean } = { mainTable: true },
): Promise<{ ok: boolean; error?: string; recovered: string[] }> {
  const recovered = await recoverRaise(pinSlot(ranges));
  const listed = await runCommand(["ip", "-j", "-4", "rule", "show"], { timeoutMs: 5000 });
  const lines = ownedRulePriorities(listed.stdout, ranges).map((p) => ["rule", "del", "priority", String(p)]);
  for (let t = ranges.tables.first; t < ranges.tables.first + ranges.tables.count; t++) lines.push(["route", "flush", "table", String(t)]);
  if (o.mainTable) lines.push(["route", "flush", "table", "main", "proto", ROUTE_PROTO]);
  if (o.mainTable && target !== undefined) lines.push(...(await legacyProbeRoutes(target.address, target.path)));
  // Flushing an empty table is not an error worth reporting; anything else is.
  const real = realErrors((await ipBatch(lines, true)).stderr);
  return real.length === 0 ? { ok: true, recovered } : { ok: false, error: real.join("; "), recovered };
}
