import { describe, expect, it } from "vitest";
import type { Effect } from "../../machines/index.js";
import { initialTally, tallyStep } from "../../src/metrics/tally.js";

const at = "2026-01-01T00:00:00.000Z";
const apply = (reason: "apply" | "rollback" | "restore", path?: string): Effect => ({
  type: "applyMtu",
  params: { workId: 1, mtu: 1300, reason, iface: "eth0", ...(path === undefined ? {} : { path }) },
});

describe("tallyStep", () => {
  it("counts rollbacks and restores on every VPN's path, not only the target VPN's", () => {
    const step = tallyStep(initialTally, { at, event: { type: "verify.failed", workId: 1, reason: "timeout", path: "B" }, before: null, effects: [apply("rollback", "B"), apply("restore"), apply("apply", "C")] });
    expect(step.rollbacks).toBe(1);
    expect(step.restores).toBe(1);
    const next = tallyStep(step, { at, event: { type: "verify.failed", workId: 2, reason: "timeout" }, before: null, effects: [apply("rollback")] });
    expect(next.rollbacks).toBe(2);
    expect(next.verifications.failed).toBe(2);
  });
});
