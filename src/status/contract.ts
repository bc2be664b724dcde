import type { AgentRoutes, ProbeTarget, VpnInfo } from "../../machines/index.js";
import type { ProbeOutcome } from "../probe/index.js";
import type { StatusMetrics } from "../metrics/statusMetrics.js";
import type { WatcherHealth } from "../sources/index.js";

/** One line of the recent-events list. */
export interface RecentEvent {
  readonly seq: number;
  readonly at: string;
  readonly event: string;
  readonly state: string;
}

/** The last probe the agent ran, as the effect runner saw it: found MTU or reason, and the evidence either way. */
export type LastProbe = ProbeOutcome & { readonly at: string };

/** The tunnel-safe routes: `source` is always "adapter" (the adapters' Windows MTU, not probed). */
export interface TunnelRoutes {
  readonly source: "adapter";
  readonly routes: readonly { readonly prefix: string; readonly mtu: number; readonly tunnels: readonly string[] }[];
  /** Prefixes someone else's route holds: left alone, at the interface MTU. */
  readonly notOwned: readonly string[];
}

/** One other VPN's path (machines/paths.ts): its VPN, state, verified MTU and routes. */
export interface PathStatus {
  readonly vpn: VpnInfo | null;
  readonly state: string;
  readonly appliedMtu: number | null;
  readonly routes: AgentRoutes | null;
  readonly lastError: string | null;
  readonly target: ProbeTarget | null;
}

/**
 * The body of `GET /status`: the one contract between the agent (server), the client, `status`
 * (text and `--json`) and the live view. Fields are only added, never renamed.
 */
export interface AgentStatus {
  /** Dotted machine state, e.g. `Applied.steady`. */
  readonly state: string;
  readonly vpn: VpnInfo | null;
  readonly interface: string;
  /** MTU in force on the interface, as the machine last saw it. */
  readonly mtu: number;
  readonly baseline: number;
  /** The MTU verified for the VPN that is up; null without a VPN or before a verification passed. */
  readonly appliedMtu: number | null;
  readonly lastError: string | null;
  /** The agent's routes carrying an MTU (apply.scope routes; `ip route show proto 158`); null: none. Absent from agents before it. */
  readonly routes?: AgentRoutes | null;
  /**
   * Routes that keep the tunnels without a probe target (Tailscale beside a corporate VPN) at their
   * adapter's Windows MTU, never a probed value (`ip route show proto 158`); null: none. Absent
   * from agents before it.
   */
  readonly tunnelRoutes?: TunnelRoutes | null;
  readonly lastProbe: LastProbe | null;
  /**
   * Every other VPN with a probe target of its own (a profile URL), each on its own path: what is
   * applied for it, as the target's VPN's fields above say for that one. Absent from agents before it.
   */
  readonly paths?: readonly PathStatus[];
  /** Every VPN up as the network last settled, the one carrying the target (`vpn`) or not. Absent from agents before it. */
  readonly tunnels?: readonly VpnInfo[];
  /** The probe target as the network last settled, with its address; null: not resolved. Absent from agents before it. */
  readonly target?: ProbeTarget | null;
  readonly counters: {
    readonly badWatcherLines: number;
    readonly watcherRestarts: number;
    readonly rollbacks: number;
    readonly events: number;
  };
  readonly watcher: WatcherHealth;
  readonly dryRun: boolean;
  readonly startedAt: string;
  readonly uptimeS: number;
  readonly pid: number;
  readonly journal: string;
  readonly recent: readonly RecentEvent[];
  /** What the Prometheus metrics are computed from (docs/operations.md, "Running a fleet"); absent from agents before it. */
  readonly metrics?: StatusMetrics;
}
