import type { AgentContext, ApplyReason, Effect } from "../../machines/index.js";
import type { JournalEvent } from "../journal/record.js";
import { emptyHistogram, observe, type Histogram } from "./histogram.js";
import { boundLabel } from "./labelValue.js";

/** How many VPNs keep their found MTU (one label set each): the most recent ones. */
export const MAX_VPN_LABELS = 16;
/** Upper bounds of the probe-duration buckets, in seconds: a probe takes one to a few timeouts. */
export const PROBE_SECONDS_BUCKETS: readonly number[] = [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64];

/** The exact MTU a probe found for a VPN (its adapter description, bounded as a label is). */
export interface VpnMtu {
  readonly vpn: string;
  readonly mtu: number;
  readonly at: string;
}

/**
 * What the agent counted since it started, beyond the machine's context: served in `status --json`
 * (`metrics`) and written as metrics, from this one fold. Counts only grow while the process lives.
 */
export interface MetricsTally {
  readonly probes: { readonly found: number; readonly failed: number };
  readonly probeSeconds: Histogram;
  readonly verifications: { readonly passed: number; readonly failed: number };
  /** Restores of the baseline asked for (retries included). */
  readonly restores: number;
  /** Rollbacks after a failed verification, on every VPN's path (the status counter is the target VPN's only). */
  readonly rollbacks: number;
  /** When a verification last passed; null: none since the start. */
  readonly lastVerifiedAt: string | null;
  /** Most recent first, at most MAX_VPN_LABELS, one per (bounded) description. */
  readonly vpnMtus: readonly VpnMtu[];
}

export const initialTally: MetricsTally = {
  probes: { found: 0, failed: 0 },
  probeSeconds: emptyHistogram(PROBE_SECONDS_BUCKETS),
  verifications: { passed: 0, failed: 0 },
  restores: 0,
  rollbacks: 0,
  lastVerifiedAt: null,
  vpnMtus: [],
};

/** One journaled step as the tally sees it: the input, the context it met, the effects it asked for. */
export interface TallyStep {
  readonly at: string;
  readonly event: JournalEvent;
  /** The context before the event of the path (VPN) it belongs to; null for the start. */
  readonly before: AgentContext | null;
  readonly effects: readonly Effect[];
}

/** The tally after one step. Pure. */
export function tallyStep(t: MetricsTally, s: TallyStep): MetricsTally {
  const restores = applies(s.effects, "restore");
  const rollbacks = applies(s.effects, "rollback");
  const next = restores + rollbacks === 0 ? t : { ...t, restores: t.restores + restores, rollbacks: t.rollbacks + rollbacks };
  const e = s.event;
  switch (e.type) {
    case "probe.done": {
      const timed = { ...next, probes: { ...next.probes, found: next.probes.found + 1 }, probeSeconds: observe(next.probeSeconds, e.evidence.durationMs / 1000) };
      // Only the answer the machine waited for is about the VPN it knows; a stale one may be another's.
      const vpn = s.before?.workId === e.workId ? s.before.vpn : null;
      return vpn === null ? timed : { ...timed, vpnMtus: remember(timed.vpnMtus, { vpn: boundLabel(vpn.description), mtu: e.mtu, at: s.at }) };
    }
    case "probe.failed": {
      const failed = { ...next, probes: { ...next.probes, failed: next.probes.failed + 1 } };
      return e.evidence === undefined ? failed : { ...failed, probeSeconds: observe(failed.probeSeconds, e.evidence.durationMs / 1000) };
    }
    case "verify.passed":
      return { ...next, verifications: { ...next.verifications, passed: next.verifications.passed + 1 }, lastVerifiedAt: s.at };
    case "verify.failed":
      return { ...next, verifications: { ...next.verifications, failed: next.verifications.failed + 1 } };
    case "xstate.init":
    case "journal.checkpoint":
    case "network.settled":
    case "link.mtu":
    case "apply.done":
    case "apply.failed":
    case "timer.fired":
    case "agent.stop":
      return next;
    default:
      return e satisfies never;
  }
}

/** `found` first, then the others without its VPN, cut to MAX_VPN_LABELS (the oldest go). Pure. */
function remember(list: readonly VpnMtu[], found: VpnMtu): VpnMtu[] {
  return [found, ...list.filter((v) => v.vpn !== found.vpn)].slice(0, MAX_VPN_LABELS);
}

/** How many of `effects` set an MTU for `reason`, on any path. */
function applies(effects: readonly Effect[], reason: ApplyReason): number {
  return effects.filter((e) => e.type === "applyMtu" && e.params.reason === reason).length;
}
