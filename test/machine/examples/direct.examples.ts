import { vpnA } from "../../support/input.js";
import type { Example } from "./example.js";
import { applyDone, applyFailed, fire, link, settle, staleFire, toApplying, toProbing, toRestoreWait, toRestoring } from "./events.js";

export const direct: Record<string, Example> = {
  "with no VPN and nothing in flight, a link change is the new baseline": {
    given: [settle(null)],
    when: link(1450),
    then: { state: "Direct.idle", context: { baselineMtu: 1450, currentMtu: 1450 }, effects: [] },
  },
  "a fixed baseline does not follow the link": {
    input: { baselineFixed: true },
    given: [settle(null)],
    when: link(1450),
    then: { state: "Direct.idle", context: { baselineMtu: 1500, currentMtu: 1450 }, effects: [] },
  },
  "before the first network snapshot, a link change is not taken as baseline": {
    given: [],
    when: link(1450),
    then: { state: "Direct.idle", context: { baselineMtu: 1500, currentMtu: 1450 } },
  },
  "a late apply that lands after the VPN went away is undone": {
    given: [...toApplying, settle(null)],
    when: (c) => ({ type: "apply.done", workId: c.workId, mtu: 1372 }),
    then: { state: "Direct.restoring", context: { currentMtu: 1372 }, effects: [{ type: "applyMtu", params: { mtu: 1500, reason: "restore" } }] },
  },
  "started off the baseline: the first snapshot without VPN restores it": {
    input: { currentMtu: 1400 },
    given: [],
    when: settle(null),
    then: { state: "Direct.restoring", context: { settled: true }, effects: [{ type: "applyMtu", params: { workId: 1, mtu: 1500, reason: "restore" } }] },
  },
  "the restore is done": {
    given: toRestoring,
    when: applyDone(1500),
    then: { state: "Direct.idle", context: { currentMtu: 1500, pendingApplies: 0 }, effects: [] },
  },
  "a failed restore waits retry.baseMs before the next attempt": {
    given: toRestoring,
    when: applyFailed,
    then: {
      state: "Direct.restoreWait",
      context: { restoreRetries: 1, lastError: "EPERM" },
      effects: [{ type: "scheduleTimer", params: { timer: "retry", delayMs: 1_000 } }],
    },
  },
  "a second failed restore in a row waits twice as long": {
    given: [...toRestoreWait, fire("retry")],
    when: applyFailed,
    then: { state: "Direct.restoreWait", context: { restoreRetries: 2 }, effects: [{ type: "scheduleTimer", params: { timer: "retry", delayMs: 2_000 } }] },
  },
  "VPN gone with the link already on the baseline: nothing to restore": {
    given: toProbing,
    when: settle(null),
    then: { state: "Direct.idle", effects: [{ type: "cancelProbe" }] },
  },
  "the retry timer restores again": {
    given: toRestoreWait,
    when: fire("retry"),
    then: {
      state: "Direct.restoring",
      effects: [{ type: "cancelTimer", params: { timer: "retry" } }, { type: "applyMtu", params: { mtu: 1500, reason: "restore" } }],
    },
  },
  "a stale retry timer is ignored": {
    given: toRestoreWait,
    when: staleFire("retry"),
    then: { state: "Direct.restoreWait", effects: [] },
  },
  "a VPN while waiting to restore: decide for it (here its known MTU)": {
    given: toRestoreWait,
    when: settle(vpnA),
    then: {
      state: "VpnDetected.applying",
      context: { vpn: vpnA, target: { mtu: 1372, source: "known" } },
      effects: [{ type: "cancelTimer", params: { timer: "retry" } }, { type: "applyMtu", params: { mtu: 1372, reason: "apply" } }],
    },
  },
};
