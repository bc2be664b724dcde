import type { AgentContext, AgentEvent, ProbeEvidence, VpnInfo } from "../../../machines/index.js";
import { vpnA } from "../../support/input.js";
import type { Given } from "./example.js";

// Events for examples. Results answer the work the machine is waiting for (the context's workId).

export const evidence: ProbeEvidence = { method: "parallel", rounds: 1, durationMs: 10, sizes: [{ mtu: 1372, pass: true, attempts: 1, round: 1, ms: 5 }] };
export const settle = (vpn: VpnInfo | null): AgentEvent => ({ type: "network.settled", vpn });
export const link = (mtu: number): AgentEvent => ({ type: "link.mtu", mtu });
export const probeDone = (mtu: number): Given => (c) => ({ type: "probe.done", workId: c.workId, mtu, evidence });
export const probeFailed: Given = (c) => ({ type: "probe.failed", workId: c.workId, reason: "target unreachable", evidence });
/** The answer to the pending apply: the MTU the machine asked for unless given. */
export const applyDone = (mtu?: number): Given => (c) => ({ type: "apply.done", workId: c.workId, mtu: mtu ?? asked(c) });
export const applyFailed: Given = (c) => ({ type: "apply.failed", workId: c.workId, mtu: asked(c), reason: "EPERM" });
export const verifyPassed: Given = (c) => ({ type: "verify.passed", workId: c.workId });
export const verifyFailed: Given = (c) => ({ type: "verify.failed", workId: c.workId, reason: "timeout" });
export const fire = (timer: "health" | "retry"): Given => (c) => ({ type: "timer.fired", timer, id: c.timerIds[timer] });
export const staleFire = (timer: "health" | "retry"): Given => (c) => ({ type: "timer.fired", timer, id: c.timerIds[timer] - 1 });
/** A result of work the machine no longer waits for. */
export const stale = (make: (c: AgentContext) => AgentEvent): Given => (c) => make({ ...c, workId: c.workId - 1 });
export const stop: AgentEvent = { type: "agent.stop" };

function asked(c: AgentContext): number {
  return c.target?.mtu ?? c.baselineMtu;
}

// Paths to the states examples start from (no profile, nothing known, baseline 1500).
export const toProbing: Given[] = [settle(null), settle(vpnA)];
export const toApplying: Given[] = [...toProbing, probeDone(1372)];
export const toVerifying: Given[] = [...toApplying, applyDone()];
export const toApplied: Given[] = [...toVerifying, verifyPassed];
export const toChecking: Given[] = [...toApplied, fire("health")];
export const toDegraded: Given[] = [...toProbing, probeFailed];
export const toRestoring: Given[] = [...toApplied, settle(null)];
export const toRestoreWait: Given[] = [...toRestoring, (c) => ({ type: "apply.failed", workId: c.workId, mtu: 1500, reason: "EPERM" })];
