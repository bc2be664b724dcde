import type { ProbeEvidence } from "./evidence.js";
import type { ApplyScope } from "./scope.js";
import type { VpnInfo } from "./vpn.js";

/**
 * What to do for VPNs whose name or description contains `match` (case-insensitive): apply a fixed
 * `mtu` without probing, and/or probe and verify with `url` instead of verify.url.
 */
export interface Profile {
  readonly match: string;
  readonly mtu?: number;
  readonly url?: string;
}

/** The URL probes and verifications use for the current VPN, and its IPv4 address as resolved when the network settled. */
export interface ProbeTarget {
  readonly url: string;
  readonly address: string;
}

/** Routes the agent holds in the main table: one per prefix, all with this MTU. */
export interface AgentRoutes {
  readonly prefixes: readonly string[];
  readonly mtu: number;
}

/** What the runtime gives the machine at start: configuration plus facts read from the live system. */
export interface AgentInput {
  readonly minMtu: number;
  readonly maxMtu: number;
  /** MTU in force before any VPN. */
  readonly baselineMtu: number;
  /** True when the baseline comes from config and must not follow link observations. */
  readonly baselineFixed: boolean;
  /** MTU on the interface when the agent started. */
  readonly currentMtu: number;
  readonly profiles: readonly Profile[];
  /** Last verified MTU per VPN key (see `vpnKey`). */
  readonly known: Readonly<Record<string, number>>;
  readonly healthIntervalMs: number;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  /** Restore the baseline when the agent stops. */
  readonly restoreOnStop: boolean;
  /** `apply.scope`; absent in journals before it: "auto". */
  readonly applyScope?: ApplyScope;
  /**
   * The interface managed at start (the configured one, or for "auto" the one routing to the
   * target); `baselineMtu` and `currentMtu` are its. Absent in journals before interfaces were chosen.
   */
  readonly iface?: string;
}

/** Where the MTU being applied came from: decides what a failed verification leads to. */
export type TargetSource = "probe" | "profile" | "known";

export interface AgentContext {
  readonly input: AgentInput;
  /** The interface managed, whose baseline and MTU these are; null when its name is not known (old journals). */
  readonly iface: string | null;
  readonly baselineMtu: number;
  /** MTU in force on the interface, as last observed or applied. */
  readonly currentMtu: number;
  readonly vpn: VpnInfo | null;
  /** True once a network snapshot arrived: until then the link MTU is not taken as baseline. */
  readonly settled: boolean;
  readonly known: Readonly<Record<string, number>>;
  /** Id of the effect whose result is awaited; results with another id are stale. */
  readonly workId: number;
  readonly target: { readonly mtu: number; readonly source: TargetSource } | null;
  /** MTU in force before the pending apply: what a rollback restores. */
  readonly previousMtu: number | null;
  /** Last MTU that passed verification while the VPN is up. */
  readonly appliedMtu: number | null;
  readonly timerIds: Readonly<Record<"health" | "retry", number>>;
  /** Failed attempts for the current VPN since it appeared or last passed verification: the Degraded backoff. */
  readonly vpnRetries: number;
  /** Failed restores of the baseline in a row: the restoreWait backoff. */
  readonly restoreRetries: number;
  readonly lastProbe: ProbeEvidence | null;
  readonly lastError: string | null;
  readonly rollbacks: number;
  /** Applies asked for and not yet answered: while any is in flight, link changes are ours, not a new baseline. */
  readonly pendingApplies: number;
  /**
   * The agent's routes as the last apply of routes left them (null: none). The interface side is
   * `currentMtu` against `baselineMtu`; in routes scope the interface is WSL's, and only this is ours.
   */
  readonly routes: AgentRoutes | null;
  /** Where the current VPN is probed, from the last `network.settled` that brought it (null: not resolved). */
  readonly probeTarget: ProbeTarget | null;
}
