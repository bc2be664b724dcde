import { describe, expect, it } from "vitest";
import { anyConnect, probeCycles } from "../support/agentLab.js";
import { skipE2e } from "../support/root.js";
import { useAgentLab } from "../support/useAgentLab.js";

describe.skipIf(skipE2e)("a wrong fixed profile (MTU above the black hole)", () => {
  // A long retry delay keeps the agent in Degraded while the test looks at it.
  const agent = useAgentLab({ prefix: "wvaprof", config: { profiles: [{ match: "anyconnect", mtu: 1450 }], "retry.baseMs": 600_000, "retry.maxMs": 600_000 } }, async () => {
    await agent().start({ windows: null });
    await agent().waitForState("Direct.idle");
  });

  it("applies the profile without probing, fails verification, rolls back to the previous MTU and goes Degraded", async () => {
    await agent().setWindows(anyConnect);
    const s = await agent().waitForState("Degraded", 60_000, (st) => st.mtu === 1500 && st.counters.rollbacks >= 1);
    expect(s.appliedMtu).toBeNull();
    expect(s.lastError).not.toBeNull();
    expect(await agent().linkMtu()).toBe(1500);
    // The link watcher may report the rollback's 1500 before the rollback's own answer is journaled.
    const records = await agent().waitForJournal(
      (r) => r.some((x, i) => x.event.type === "apply.done" && x.event.mtu === 1500 && r.slice(0, i).some((y) => y.event.type === "verify.failed")),
      "the rollback's apply.done",
    );
    const applied = records.findIndex((r) => r.event.type === "apply.done" && r.event.mtu === 1450);
    const failed = records.findIndex((r) => r.event.type === "verify.failed");
    const rolledBack = records.findIndex((r) => r.event.type === "apply.done" && r.event.mtu === 1500);
    expect(applied).toBeGreaterThan(-1);
    expect(failed).toBeGreaterThan(applied);
    expect(rolledBack).toBeGreaterThan(failed);
    expect(probeCycles(records)).toEqual([]);
  });

  it("stops cleanly and its journal replays", async () => {
    expect((await agent().stop("SIGTERM")).code).toBe(0);
    expect(await agent().linkMtu()).toBe(1500);
    expect((await agent().replay()).code).toBe(0);
  });
});
