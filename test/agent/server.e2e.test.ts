import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentLab, anyConnect } from "../support/agentLab.js";
import { skipE2e } from "../support/root.js";

describe.skipIf(skipE2e)("the verification server goes away and comes back", () => {
  let a: AgentLab | undefined;
  const agent = (): AgentLab => a as AgentLab;
  beforeAll(async () => {
    a = await AgentLab.create({ prefix: "wvasrv", config: { "healthCheck.intervalMs": 1000, "retry.baseMs": 500, "retry.maxMs": 2000, "verify.timeoutMs": 1500 } });
    await agent().start({ windows: anyConnect });
    await agent().waitForState("Applied", 60_000, (s) => s.appliedMtu === 1372);
  });
  afterAll(async () => {
    await a?.lab.startServer();
    await a?.destroy();
  });

  it("server gone → the health check fails → the agent probes again", async () => {
    const seen = (await agent().journal()).length;
    await agent().lab.stopServer();
    await agent().waitForJournal(
      (r) => r.slice(seen).some((x, i, rest) => x.event.type === "verify.failed" && rest[i - 1]?.state === "Applied.checking" && x.state.startsWith("Probing")),
      "a failed health check leading to Probing",
    );
    const s = await agent().waitFor((st) => !st.state.startsWith("Applied"), "leaving Applied");
    expect(s.lastError).not.toBeNull();
  });

  it("server back → Applied again at the right MTU", async () => {
    await agent().lab.startServer();
    const s = await agent().waitForState("Applied", 90_000, (st) => st.appliedMtu === 1372);
    expect(s.mtu).toBe(1372);
    expect(await agent().linkMtu()).toBe(1372);
  });

  it("stops cleanly and its journal replays", async () => {
    expect((await agent().stop("SIGTERM")).code).toBe(0);
    expect(await agent().linkMtu()).toBe(1500);
    expect((await agent().replay()).code).toBe(0);
  });
});
