import { describe } from "vitest";
import { vpnB } from "../../support/input.js";
import { example } from "./example.js";
import { applyDone, fire, probeFailed, settle, toChecking, toRestoreWait, verifyFailed } from "./events.js";

// The two defects found by review: each failed before the chart was restructured.
describe("VPN gone and retries behave the same from every state", () => {
  example("after Applied → Probing → Degraded, VPN gone leaves no applied MTU behind", {
    given: [...toChecking, verifyFailed, probeFailed],
    when: settle(null),
    then: { state: "Direct.restoring", context: { vpn: null, appliedMtu: null, target: null } },
  });

  example("after one failed restore, the next VPN's first retry waits retry.baseMs", {
    input: { retryBaseMs: 1_000 },
    given: [...toRestoreWait, fire("retry"), applyDone(1500), settle(vpnB)],
    when: probeFailed,
    then: {
      state: "Degraded",
      effects: [{ type: "cancelProbe" }, { type: "scheduleTimer", params: { timer: "retry", delayMs: 1_000 } }],
    },
  });
});
