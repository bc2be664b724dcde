import { dottedState, type AgentSnapshot, type Paths, type ProbeTarget, type VpnInfo } from "../../machines/index.js";
import type { MetricsSource } from "../metrics/renderMetrics.js";
import { initialTally, tallyStep, type MetricsTally } from "../metrics/tally.js";
import type { WatcherHealth } from "../sources/index.js";
import type { LastProbe, RecentEvent, TunnelRoutes } from "../status/contract.js";
import type { Transition } from "./driver.js";
import type { SafeRoutesState } from "./safeRouteFollower.js";

const RECENT = 50;

/** What the runtime knows beyond the machine's snapshot, kept for the status endpoint. */
export class StatusBoard {
  lastProbe: LastProbe | null = null;
  /** The last settled network: the tunnels up and the target, for the status (the machine keeps only the target's VPN). */
  network: { readonly tunnels: readonly VpnInfo[]; readonly target: ProbeTarget | null } = { tunnels: [], target: null };
  /** The tunnel-safe routes in force (the runtime's follower sets it). */
  safeRoutes: () => SafeRoutesState | null = () => null;
  /** The other VPNs' paths (machines/paths.ts), beside the target's VPN's machine. */
  others: () => Readonly<Record<string, AgentSnapshot>> = () => ({});
  readonly counters = { events: 0 };
  readonly recent: RecentEvent[] = [];
  private readonly started = new Date();
  private tally: MetricsTally = initialTally;
  /** The paths the last step left: the next step meets them. */
  private lastPaths: Paths | null = null;
  private networkingMode = "unknown";

  constructor(
    private readonly facts: { interface: string; journal: string; dryRun: boolean; version: string },
    private readonly snapshot: () => AgentSnapshot,
    private readonly watcher: () => WatcherHealth,
  ) {}

  note(e: RecentEvent): void {
    this.counters.events++;
    this.recent.push(e);
    if (this.recent.length > RECENT) this.recent.shift();
  }

  setNetworkingMode(mode: string): void {
    this.networkingMode = mode;
  }

  /** Counts what one journaled step did (call it for every step, in order). */
  noteStep(t: Transition): void {
    const e = t.record.event;
    // A result tagged with a path is that VPN's machine's (machines/paths.ts); untagged, main's.
    const path = "path" in e && e.path !== undefined ? this.lastPaths?.others[e.path] : this.lastPaths?.main;
    this.tally = tallyStep(this.tally, { at: t.record.at, event: e, before: path?.context ?? null, effects: t.effects });
    this.lastPaths = t.paths;
  }

  status(): MetricsSource {
    const s = this.snapshot();
    const c = s.context;
    const w = this.watcher();
    return {
      state: dottedState(s.value),
      vpn: c.vpn,
      // The interface managed now: with "auto" it follows the route to the target.
      interface: c.iface ?? this.facts.interface,
      mtu: c.currentMtu,
      baseline: c.baselineMtu,
      appliedMtu: c.appliedMtu,
      lastError: c.lastError,
      routes: c.routes,
      tunnelRoutes: tunnelRoutesStatus(this.safeRoutes()),
      lastProbe: this.lastProbe,
      paths: Object.values(this.others()).map((o) => ({
        vpn: o.context.vpn,
        state: dottedState(o.value),
        appliedMtu: o.context.appliedMtu,
        routes: o.context.routes,
        lastError: o.context.lastError,
        target: o.context.probeTarget,
      })),
      tunnels: this.network.tunnels,
      target: this.network.target,
      counters: { badWatcherLines: w.badLines, watcherRestarts: w.restarts, rollbacks: c.rollbacks, events: this.counters.events },
      watcher: w,
      dryRun: this.facts.dryRun,
      startedAt: this.started.toISOString(),
      uptimeS: Math.round((Date.now() - this.started.getTime()) / 1000),
      pid: process.pid,
      journal: this.facts.journal,
      recent: [...this.recent],
      metrics: { ...this.tally, version: this.facts.version, networkingMode: this.networkingMode },
    };
  }
}

/** The safe routes as `status` shows them: the adapters' values, said to be so. Pure. */
function tunnelRoutesStatus(s: SafeRoutesState | null): TunnelRoutes | null {
  return s === null ? null : { source: "adapter", routes: s.routes.map((r) => ({ prefix: r.prefix, mtu: r.mtu, tunnels: r.tunnels })), notOwned: s.notOwned };
}
