import { setAgentRoutes, type RoutesResult } from "../effects/agentRoutes.js";

/**
 * Who asked for an agent route: the machine's applies (apply.scope routes: the target VPN's
 * prefixes at the probed MTU), or the tunnel-safe follower (other tunnels' prefixes at their
 * adapter's MTU, docs/operations.md#tunnels-without-a-target).
 */
export type RouteLayer = "applied" | "safe" | `applied:${string}`;

/** The layer of a VPN path's applies: main's is "applied", another VPN's path its own (machines/paths.ts). Pure. */
export function appliedLayer(path: string | undefined): RouteLayer {
  return path === undefined ? "applied" : `applied:${path}`;
}

/** Prefix → route MTU. */
export type RouteMtus = ReadonlyMap<string, number>;

/** All layers' routes as one table: a prefix both ask for gets the lower MTU (never above what either allows). Pure. */
export function mergeLayers(layers: Iterable<RouteMtus>): Map<string, number> {
  const out = new Map<string, number>();
  for (const layer of layers) for (const [prefix, mtu] of layer) out.set(prefix, Math.min(mtu, out.get(prefix) ?? mtu));
  return out;
}

export interface OwnedRoutes {
  /** Makes `layer`'s routes exactly `routes` (the other layer's stay); `notOwned` names only this layer's prefixes. Never throws. */
  set(layer: RouteLayer, routes: RouteMtus): Promise<RoutesResult>;
}

/**
 * The agent's main-table routes (proto 158), one table for both layers: each change lists the
 * table and rewrites it as the merge of all layers, one at a time, so a layer's change never
 * drops the other's routes and two changes never interleave.
 */
export function createOwnedRoutes(apply: (wanted: RouteMtus) => Promise<RoutesResult> = setAgentRoutes): OwnedRoutes {
  const layers = new Map<RouteLayer, RouteMtus>();
  let queue: Promise<unknown> = Promise.resolve();
  return {
    set(layer, routes) {
      const run = queue.then(async (): Promise<RoutesResult> => {
        layers.set(layer, routes);
        const r = await apply(mergeLayers(layers.values())).catch((error: unknown): RoutesResult => ({ ok: false, reason: String(error) }));
        return r.ok ? { ...r, notOwned: r.notOwned.filter((p) => routes.has(p)) } : r;
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
