import { describe, expect, it } from "vitest";
import type { AgentEvent, ProbeEvidence } from "../../machines/index.js";
import type { ProbeOutcome } from "../../src/probe/index.js";
import { report } from "../../src/runtime/applyOnce.js";

const evidence: ProbeEvidence = { method: "parallel", rounds: 1, durationMs: 10, sizes: [] };
const found: ProbeOutcome = { ok: true, mtu: 1337, iface: "eth0", evidence };
const probeDone: AgentEvent = { type: "probe.done", workId: 1, mtu: 1337, evidence };

describe("probe --apply reads its outcome off the events the machine received", () => {
  it("apply and verification passed", () => {
    const events: AgentEvent[] = [{ type: "network.settled", vpn: null }, probeDone, { type: "apply.done", workId: 2, mtu: 1337 }, { type: "verify.passed", workId: 3 }];
    expect(report(events, "eth0", 1500, found).apply).toEqual({ ok: true, iface: "eth0", previous: 1500, mtu: 1337 });
  });

  it("the apply failed", () => {
    const events: AgentEvent[] = [probeDone, { type: "apply.failed", workId: 2, mtu: 1337, reason: "EPERM" }];
    expect(report(events, "eth0", 1500, found).apply).toEqual({ ok: false, stage: "apply", iface: "eth0", previous: 1500, mtu: 1337, reason: "EPERM" });
  });

  it("the verification failed and the rollback's answer says whether it was rolled back", () => {
    const failed: AgentEvent[] = [probeDone, { type: "apply.done", workId: 2, mtu: 1337 }, { type: "verify.failed", workId: 3, reason: "timeout" }];
    expect(report([...failed, { type: "apply.done", workId: 4, mtu: 1500 }], "eth0", 1500, found).apply).toMatchObject({ stage: "verify", reason: "timeout", rolledBack: true });
    expect(report([...failed, { type: "apply.failed", workId: 4, mtu: 1500, reason: "EBUSY" }], "eth0", 1500, found).apply).toMatchObject({
      stage: "verify",
      rolledBack: false,
      rollbackError: "EBUSY",
    });
  });

  it("nothing is applied when the probe found nothing", () => {
    const failed: ProbeOutcome = { ok: false, kind: "noSizeCarried", reason: "no size carried TLS", iface: "eth0", evidence };
    expect(report([{ type: "probe.failed", workId: 1, reason: "no size carried TLS", evidence }], "eth0", 1500, failed)).toEqual({ probe: failed, apply: undefined });
  });
});
