import { vpnA } from "../../support/input.js";
import type { Example } from "./example.js";
import { fire, probeFailed, settle, staleFire, toDegraded } from "./events.js";

export const degraded: Record<string, Example> = {
  "the retry timer: decide again": {
    given: toDegraded,
    when: fire("retry"),
    then: { state: "Probing", effects: [{ type: "cancelTimer", params: { timer: "retry" } }, { type: "startProbe" }] },
  },
  "a second failure in a row waits twice as long": {
    given: [...toDegraded, fire("retry")],
    when: probeFailed,
    then: { state: "Degraded", context: { vpnRetries: 2 }, effects: [{ type: "cancelProbe" }, { type: "scheduleTimer", params: { timer: "retry", delayMs: 2_000 } }] },
  },
  "the same VPN settled again: retry now, backoff starts over": {
    given: toDegraded,
    when: settle(vpnA),
    then: { state: "Probing", context: { vpnRetries: 0 }, effects: [{ type: "cancelTimer", params: { timer: "retry" } }, { type: "startProbe" }] },
  },
  "a stale retry timer is ignored": {
    given: toDegraded,
    when: staleFire("retry"),
    then: { state: "Degraded", effects: [] },
  },
};
