import { describe, expect, it } from "vitest";
import { type AgentLab, anyConnect, probeCycles, type SimVpn } from "../support/agentLab.js";
import { skipE2e } from "../support/root.js";
import { useAgentLab } from "../support/useAgentLab.js";

/**
 * 20 snapshots as fast as the agent reads them (about 2 s), alternating VPN variants and no VPN,
 * ending with `last`. Each is written once the agent counted the one before it, so none is
 * coalesced by the simulated watcher.
 */
async function flap(agent: AgentLab, last: SimVpn | null): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const seen = (await agent.status())?.watcher.snapshots ?? 0;
    await agent.setWindows(i === 19 ? last : i % 2 === 0 ? { ...anyConnect, name: `Ethernet ${i}`, mtu: 1350 + i } : null);
    await agent.waitFor((s) => s.watcher.snapshots > seen, `snapshot ${i + 1} of the burst read by the agent`, 10_000, 20);
  }
}

describe.skipIf(skipE2e)("a flapping VPN (20 snapshots in about 2 s)", () => {
  // The shipped settle defaults: the burst must be absorbed by them, not by a test-only setting.
  const agent = useAgentLab({ prefix: "wvaflap", config: { "settle.quietMs": 750, "settle.maxWaitMs": 5000 } }, async () => {
    await agent().start({ windows: null });
    await agent().waitForState("Direct.idle");
  });

  it("ending connected: at most 2 probe cycles, then Applied for the last VPN", async () => {
    const before = probeCycles(await agent().journal()).length;
    const last: SimVpn = { ...anyConnect, name: "Ethernet final" };
    await flap(agent(), last);
    const s = await agent().waitForState("Applied", 60_000, (st) => st.vpn?.name === last.name && st.appliedMtu !== null);
    expect(s).toMatchObject({ mtu: 1372, appliedMtu: 1372 });
    expect(await agent().linkMtu()).toBe(1372);
    expect(probeCycles(await agent().journal()).length - before).toBeLessThanOrEqual(2);
  });

  it("ending disconnected: at most 2 probe cycles, then Direct on the baseline", async () => {
    const before = probeCycles(await agent().journal()).length;
    await flap(agent(), null);
    const s = await agent().waitForState("Direct.idle", 60_000, (st) => st.vpn === null && st.mtu === 1500);
    expect(s.vpn).toBeNull();
    expect(await agent().linkMtu()).toBe(1500);
    expect(probeCycles(await agent().journal()).length - before).toBeLessThanOrEqual(2);
  });

  it("stops cleanly and its journal replays", async () => {
    expect((await agent().stop("SIGTERM")).code).toBe(0);
    expect((await agent().replay()).code).toBe(0);
  });
});
