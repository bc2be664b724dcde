import { vpnA, vpnB } from "../../support/input.js";
import type { Example } from "./example.js";
import { applyDone, link, probeFailed, settle, stale, stop, toApplied, toApplying, toChecking, toProbing, toRestoreWait, fire, verifyFailed } from "./events.js";

/** Transitions declared on the machine itself: the same in every state. */
export const anyState: Record<string, Example> = {
  "VPN gone from Applied: restore the baseline, forget the applied MTU": {
    given: toApplied,
    when: settle(null),
    then: {
      state: "Direct.restoring",
      context: { vpn: null, target: null, appliedMtu: null },
      effects: [{ type: "cancelTimer", params: { timer: "health" } }, { type: "applyMtu", params: { mtu: 1500, reason: "restore" } }],
    },
  },
  "VPN gone after Applied → Probing → Degraded: no applied MTU is left behind": {
    given: [...toChecking, verifyFailed, probeFailed],
    when: settle(null),
    then: { state: "Direct.restoring", context: { vpn: null, appliedMtu: null, target: null } },
  },
  "VPN changed while Applied: decide again for the new VPN": {
    given: toApplied,
    when: settle(vpnB),
    then: {
      state: "Probing",
      context: { vpn: vpnB, appliedMtu: 1372, vpnRetries: 0 },
      effects: [{ type: "cancelTimer", params: { timer: "health" } }, { type: "startProbe", params: { hint: 1420 } }],
    },
  },
  "VPN appears while Direct: after a failed restore its first retry still waits retry.baseMs": {
    given: [...toRestoreWait, fire("retry"), applyDone(1500), settle(vpnB)],
    when: probeFailed,
    then: {
      state: "Degraded",
      context: { vpnRetries: 1, restoreRetries: 0 },
      effects: [{ type: "cancelProbe" }, { type: "scheduleTimer", params: { timer: "retry", delayMs: 1_000 } }],
    },
  },
  "the same VPN settling again changes nothing while probing": {
    given: toProbing,
    when: settle(vpnA),
    then: { state: "Probing", context: { vpn: vpnA, settled: true }, effects: [] },
  },
  "a link MTU change is noted in any state": {
    given: toProbing,
    when: link(1400),
    then: { state: "Probing", context: { currentMtu: 1400 }, effects: [] },
  },
  "a late apply is noted: its MTU is in force and it is no longer in flight": {
    given: toApplying,
    when: stale((c) => ({ type: "apply.done", workId: c.workId, mtu: 1400 })),
    then: { state: "VpnDetected.applying", context: { currentMtu: 1400, pendingApplies: 0 }, effects: [] },
  },
  "a late failed apply is noted as the last error and changes nothing else": {
    given: toApplying,
    when: stale((c) => ({ type: "apply.failed", workId: c.workId, mtu: 1400, reason: "EBUSY" })),
    then: { state: "VpnDetected.applying", context: { currentMtu: 1500, lastError: "EBUSY", pendingApplies: 0 }, effects: [] },
  },
  "stop while Applied: cancel the health timer and restore the baseline": {
    given: toApplied,
    when: stop,
    then: { state: "Stopped", effects: [{ type: "cancelTimer", params: { timer: "health" } }, { type: "applyMtu", params: { mtu: 1500, reason: "restore" } }] },
  },
  "stop without restoreOnStop leaves the MTU": {
    input: { restoreOnStop: false },
    given: toApplied,
    when: stop,
    then: { state: "Stopped", effects: [{ type: "cancelTimer", params: { timer: "health" } }] },
  },
};
