import { vpnKey } from "../../../machines/index.js";
import { vpnA, vpnB } from "../../support/input.js";
import type { Example } from "./example.js";
import { applyDone, applyFailed, link, settle, stale, toApplied, toApplying, toVerifying, verifyFailed, verifyPassed } from "./events.js";

const knownA = { [vpnKey(vpnA)]: 1380 };

export const vpnDetected: Record<string, Example> = {
  "a profile in range is applied without probing": {
    input: { profiles: [{ match: "pangp", mtu: 1300 }] },
    given: [settle(null)],
    when: settle(vpnB),
    then: {
      state: "VpnDetected.applying",
      context: { target: { mtu: 1300, source: "profile" }, previousMtu: 1500, pendingApplies: 1 },
      effects: [{ type: "applyMtu", params: { mtu: 1300, reason: "apply" } }],
    },
  },
  "a profile outside [minMtu, maxMtu] degrades instead of applying": {
    input: { profiles: [{ match: "pangp", mtu: 1200 }] },
    given: [settle(null)],
    when: settle(vpnB),
    then: {
      state: "Degraded",
      context: { lastError: "profile MTU outside [minMtu, maxMtu]" },
      effects: [{ type: "scheduleTimer", params: { timer: "retry", delayMs: 1_000 } }],
    },
  },
  "a known MTU for this VPN is applied without probing": {
    input: { known: knownA },
    given: [settle(null)],
    when: settle(vpnA),
    then: { state: "VpnDetected.applying", context: { target: { mtu: 1380, source: "known" } }, effects: [{ type: "applyMtu", params: { mtu: 1380, reason: "apply" } }] },
  },
  "a VPN with neither profile nor known MTU is probed around its hint": {
    given: [settle(null)],
    when: settle(vpnA),
    then: { state: "Probing", context: { vpn: vpnA }, effects: [{ type: "startProbe", params: { hint: 1400, minMtu: 1280, maxMtu: 1500 } }] },
  },
  "the apply is done: verify it": {
    given: toApplying,
    when: applyDone(),
    then: { state: "VpnDetected.verifying", context: { currentMtu: 1372, pendingApplies: 0 }, effects: [{ type: "verify", params: { mtu: 1372 } }] },
  },
  "the apply failed: degrade and retry later": {
    given: toApplying,
    when: applyFailed,
    then: { state: "Degraded", context: { currentMtu: 1500, lastError: "EPERM" }, effects: [{ type: "scheduleTimer", params: { timer: "retry", delayMs: 1_000 } }] },
  },
  "the verification passed: the MTU is applied and known for this VPN": {
    given: toVerifying,
    when: verifyPassed,
    then: {
      state: "Applied.steady",
      context: { appliedMtu: 1372, known: { [vpnKey(vpnA)]: 1372 }, lastError: null },
      effects: [{ type: "scheduleTimer", params: { timer: "health", delayMs: 60_000 } }],
    },
  },
  "a known MTU that fails verification is rolled back, forgotten and probed": {
    input: { known: knownA },
    given: [settle(null), settle(vpnA), applyDone()],
    when: verifyFailed,
    then: {
      state: "Probing",
      context: { known: {}, rollbacks: 1, appliedMtu: null, lastError: "timeout" },
      effects: [{ type: "applyMtu", params: { mtu: 1500, reason: "rollback" } }, { type: "startProbe" }],
    },
  },
  "a probed MTU that fails verification is rolled back and degrades": {
    given: toVerifying,
    when: verifyFailed,
    then: {
      state: "Degraded",
      context: { rollbacks: 1, lastError: "timeout" },
      effects: [{ type: "applyMtu", params: { mtu: 1500, reason: "rollback" } }, { type: "scheduleTimer", params: { timer: "retry" } }],
    },
  },
  "a rollback goes back to the MTU in force before the apply, not to the baseline": {
    given: [...toApplied, link(1400), applyDone()],
    when: verifyFailed,
    then: { state: "Degraded", effects: [{ type: "applyMtu", params: { mtu: 1400, reason: "rollback" } }, { type: "scheduleTimer" }] },
  },
  "a rollback to an MTU outside [minMtu, maxMtu] restores the baseline instead": {
    given: [...toApplied, link(1600), applyDone()],
    when: verifyFailed,
    then: { state: "Degraded", effects: [{ type: "applyMtu", params: { mtu: 1500, reason: "rollback" } }, { type: "scheduleTimer" }] },
  },
  "the link leaves the MTU being verified: apply it again": {
    given: toVerifying,
    when: link(1500),
    then: { state: "VpnDetected.applying", context: { currentMtu: 1500 }, effects: [{ type: "applyMtu", params: { mtu: 1372, reason: "apply" } }] },
  },
  "a late apply moves the link off the MTU being verified: apply it again": {
    given: toVerifying,
    when: stale((c) => ({ type: "apply.done", workId: c.workId, mtu: 1400 })),
    then: { state: "VpnDetected.applying", effects: [{ type: "applyMtu", params: { mtu: 1372, reason: "apply" } }] },
  },
  "a link change to the MTU being verified changes nothing": {
    given: toVerifying,
    when: link(1372),
    then: { state: "VpnDetected.verifying", effects: [] },
  },
  "a stale verification result is ignored": {
    given: toVerifying,
    when: stale((c) => ({ type: "verify.failed", workId: c.workId, reason: "late" })),
    then: { state: "VpnDetected.verifying", context: { rollbacks: 0 }, effects: [] },
  },
};
