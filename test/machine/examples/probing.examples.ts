import type { Example } from "./example.js";
import { evidence, probeDone, probeFailed, stale, toProbing } from "./events.js";

export const probing: Record<string, Example> = {
  "the probe found an MTU in range: apply it": {
    given: toProbing,
    when: probeDone(1372),
    then: {
      state: "VpnDetected.applying",
      context: { target: { mtu: 1372, source: "probe" }, lastProbe: evidence },
      effects: [{ type: "cancelProbe" }, { type: "applyMtu", params: { mtu: 1372, reason: "apply" } }],
    },
  },
  "the probe found an MTU outside [minMtu, maxMtu]: degrade": {
    given: toProbing,
    when: probeDone(1501),
    then: { state: "Degraded", context: { lastError: "probe result outside [minMtu, maxMtu]" }, effects: [{ type: "cancelProbe" }, { type: "scheduleTimer" }] },
  },
  "the probe failed: degrade, keeping its evidence and reason": {
    given: toProbing,
    when: probeFailed,
    then: {
      state: "Degraded",
      context: { lastError: "target unreachable", lastProbe: evidence },
      effects: [{ type: "cancelProbe" }, { type: "scheduleTimer", params: { timer: "retry", delayMs: 1_000 } }],
    },
  },
  "a probe failure without evidence (format 1) keeps the last evidence": {
    given: [...toProbing],
    when: (c) => ({ type: "probe.failed", workId: c.workId, reason: "target unreachable" }),
    then: { state: "Degraded", context: { lastProbe: null, lastError: "target unreachable" } },
  },
  "the result of a cancelled probe is ignored": {
    given: toProbing,
    when: stale((c) => ({ type: "probe.done", workId: c.workId, mtu: 1372, evidence })),
    then: { state: "Probing", context: { target: null }, effects: [] },
  },
};
