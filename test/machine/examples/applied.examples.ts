import type { Example } from "./example.js";
import { fire, link, stale, staleFire, toApplied, toChecking, verifyFailed, verifyPassed } from "./events.js";

export const applied: Record<string, Example> = {
  "WSL rewrote the link MTU: apply the verified MTU again": {
    given: toApplied,
    when: link(1400),
    then: {
      state: "VpnDetected.applying",
      context: { currentMtu: 1400, previousMtu: 1400 },
      effects: [{ type: "cancelTimer", params: { timer: "health" } }, { type: "applyMtu", params: { mtu: 1372, reason: "apply" } }],
    },
  },
  "a late apply moved the link off the verified MTU: apply it again": {
    given: toApplied,
    when: stale((c) => ({ type: "apply.done", workId: c.workId, mtu: 1400 })),
    then: { state: "VpnDetected.applying", effects: [{ type: "cancelTimer" }, { type: "applyMtu", params: { mtu: 1372 } }] },
  },
  "a link report of the verified MTU changes nothing": {
    given: toApplied,
    when: link(1372),
    then: { state: "Applied.steady", effects: [] },
  },
  "the health timer: verify the applied MTU again": {
    given: toApplied,
    when: fire("health"),
    then: { state: "Applied.checking", effects: [{ type: "verify", params: { mtu: 1372 } }] },
  },
  "a stale health timer is ignored": {
    given: toApplied,
    when: staleFire("health"),
    then: { state: "Applied.steady", effects: [] },
  },
  "the health check passed: wait for the next one": {
    given: toChecking,
    when: verifyPassed,
    then: { state: "Applied.steady", effects: [{ type: "scheduleTimer", params: { timer: "health", delayMs: 60_000 } }] },
  },
  "the health check failed: probe again": {
    given: toChecking,
    when: verifyFailed,
    then: { state: "Probing", context: { lastError: "timeout" }, effects: [{ type: "cancelTimer", params: { timer: "health" } }, { type: "startProbe" }] },
  },
};
