import { vpnKey, type AgentEvent } from "../../machines/index.js";
import { errorMessage } from "../errors.js";
import type { Logger } from "../log/index.js";
import type { OwnedRoutes } from "./ownedRoutes.js";
import { tunnelSafeRoutes, type SafeRoute, type SafeRoutesInput } from "./tunnelSafeRoutes.js";

export type SettledEvent = Extract<AgentEvent, { type: "network.settled" }>;

/**
 * The safe routes' inputs from the last settled network and the interface MTU in force: every
 * tunnel up (`tunnels`; a journal before it names only `vpn`), and the ones with a probe target:
 * the VPN the settled network names (the target's) and every other VPN with a path of its own (`targets`). Pure.
 */
export function safeRoutesInput(settled: SettledEvent | null, ifaceMtu: number): SafeRoutesInput {
  const vpn = settled?.vpn ?? null;
  const tunnels = settled?.tunnels ?? (vpn === null ? [] : [vpn]);
  const others = (settled?.targets ?? []).map((t) => vpnKey(t.vpn));
  return { tunnels, targets: new Set([...(vpn === null ? [] : [vpnKey(vpn)]), ...others]), ifaceMtu };
}

/** What `status` shows of the safe routes: in force, and those of their prefixes someone else's route holds. */
export interface SafeRoutesState {
  readonly routes: readonly SafeRoute[];
  readonly notOwned: readonly string[];
}

export interface SafeRouteFollower {
  /** Makes the routes follow `input` (queued; only a change touches the table). Never throws. */
  follow(input: SafeRoutesInput): void;
  /** Removes every safe route and follows nothing more (the agent is stopping). */
  stop(): Promise<void>;
  /** The routes in force (null: none). */
  state(): SafeRoutesState | null;
  /** Resolves when every change asked so far has run. */
  settled(): Promise<void>;
}

const keyOf = (routes: readonly SafeRoute[]): string => JSON.stringify(routes.map((r) => [r.prefix, r.mtu]));

/**
 * Keeps the tunnels the agent cannot probe at their adapter's Windows MTU (tunnelSafeRoutes):
 * reconciles the wanted routes with the agent's own (ownedRoutes, proto 158, the ownership rule)
 * after every step of the machine. Like the MSS clamp, the machine is not involved: the routes
 * are a pure function of journaled inputs (the settled network and the interface MTU), so replay
 * can recompute them and they are not journaled themselves.
 */
export function createSafeRouteFollower(deps: { readonly routes: OwnedRoutes; readonly log: Logger; readonly dryRun: boolean }): SafeRouteFollower {
  const { log } = deps;
  let queue: Promise<void> = Promise.resolve();
  let applied: { key: string; state: SafeRoutesState } | null = null;
  let stopped = false;

  const apply = async (wanted: readonly SafeRoute[]): Promise<void> => {
    const key = keyOf(wanted);
    if (applied?.key === key) return;
    const text = wanted.length === 0 ? "removed" : wanted.map((r) => `${r.prefix} mtu ${r.mtu} (${r.tunnels.join(", ")})`).join("; ");
    if (deps.dryRun) {
      applied = { key, state: { routes: wanted, notOwned: [] } };
      return void log.info({ event: "safe_routes.dry_run" }, `dry-run: would set the tunnel-safe routes: ${text}`);
    }
    const r = await deps.routes.set("safe", new Map(wanted.map((w) => [w.prefix, w.mtu])));
    if (!r.ok) {
      applied = null; // the next step tries again
      return void log.error({ event: "safe_routes.failed", safeRoutes: wanted }, `tunnel-safe routes: ${r.reason}`);
    }
    const had = applied !== null && applied.state.routes.length > 0;
    applied = { key, state: { routes: wanted.filter((w) => !r.notOwned.includes(w.prefix)), notOwned: r.notOwned } };
    // Said when there is or was something: the start-up's first "none" is not news.
    log[wanted.length > 0 || had ? "info" : "debug"]({ event: "safe_routes.set", safeRoutes: wanted, notOwned: r.notOwned }, `tunnel-safe routes (the adapters' Windows MTU, not probed): ${text}`);
    if (r.notOwned.length > 0) log.warn({ event: "safe_routes.not_owned", notOwned: r.notOwned }, `tunnel-safe routes: left ${r.notOwned.join(", ")} alone: someone else's route holds ${r.notOwned.length === 1 ? "it" : "them"}`);
  };
  const serial = (work: () => Promise<void>): Promise<void> => {
    queue = queue.then(work).catch((error: unknown) => log.error({ event: "safe_routes.failed", err: error }, `tunnel-safe routes: ${errorMessage(error)}`));
    return queue;
  };

  return {
    follow: (input) => {
      if (stopped) return;
      const wanted = tunnelSafeRoutes(input);
      void serial(() => apply(wanted));
    },
    stop: () => {
      stopped = true;
      // Also after a failed change: whatever of the layer reached the table goes.
      return serial(async () => {
        if (deps.dryRun) return;
        const r = await deps.routes.set("safe", new Map());
        if (!r.ok) return void log.error({ event: "safe_routes.remove_failed" }, `tunnel-safe routes: could not remove them: ${r.reason}`);
        if (applied !== null && applied.state.routes.length > 0) log.info({ event: "safe_routes.removed" }, "tunnel-safe routes removed (agent stopping)");
        applied = null;
      });
    },
    settled: () => queue,
    state: () => (applied === null || (applied.state.routes.length === 0 && applied.state.notOwned.length === 0) ? null : applied.state),
  };
}
