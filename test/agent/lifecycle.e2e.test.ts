import { describe, expect, it } from "vitest";
import { anyConnect, type SimVpn } from "../support/agentLab.js";
import { skipE2e } from "../support/root.js";
import { useAgentLab } from "../support/useAgentLab.js";
import { pollUntil } from "../support/pollUntil.js";

// Distinct VPNs, so each start probes instead of re-applying an MTU remembered in the state dir.
const paloAlto: SimVpn = { name: "Ethernet 4", description: "PANGP Virtual Ethernet Adapter", mtu: 1400 };
const fortinet: SimVpn = { name: "Ethernet 5", description: "Fortinet SSL VPN Virtual Ethernet Adapter", mtu: 1400 };

describe.skipIf(skipE2e)("agent lifecycle: VPN up at start, SIGTERM, SIGKILL mid-probe", () => {
  // Long probe timeouts keep the agent in Probing long enough to be interrupted there.
  const agent = useAgentLab({ prefix: "wvalife", config: { "probe.timeoutMs": 3000 } });

  /** Waits until a probe is under way with its rules and tables installed. */
  const probingWithRules = async (): Promise<string[]> => {
    await agent().waitForState("Probing");
    return pollUntil(() => agent().leftovers(), (left) => left.length > 0, { timeoutMs: 30_000, intervalMs: 20, failure: () => "the probe never installed its rules" });
  };

  /** A rule and a route in the agent's first table and priority (config defaults 52000 / 30000). */
  const plantStaleProbeState = async (): Promise<void> => {
    const lab = agent().lab;
    for (const argv of [
      ["ip", "route", "add", `${lab.addresses.server}/32`, "via", lab.addresses.routerWsl, "dev", "eth0", "mtu", "1300", "table", "52000"],
      ["ip", "rule", "add", "priority", "30000", "ipproto", "6", "sport", "28000", "lookup", "52000"],
    ]) {
      const r = await lab.exec("wsl", argv);
      if (!r.ok) throw new Error(`${argv.join(" ")}: ${r.stderr}`);
    }
  };

  it("a VPN already up at start is handled: Applied, then SIGTERM restores the baseline and exits 0", async () => {
    await agent().start({ windows: anyConnect });
    await agent().waitForState("Applied", 60_000, (s) => s.appliedMtu === 1372);
    expect(await agent().linkMtu()).toBe(1372);
    // run's own stop deadline exits 1 after 4.5 s, so exit 0 also means "within 5 s".
    const exit = await agent().stop("SIGTERM");
    expect(exit.code).toBe(0);
    expect(exit.stdout).toContain("agent stopped");
    expect(await agent().linkMtu()).toBe(1500);
    expect(await agent().leftovers()).toEqual([]);
    expect((await agent().replay()).code).toBe(0);
  });

  it("SIGTERM during a probe cancels it: no rules or tables left, baseline kept, exit 0", async () => {
    await agent().start({ windows: paloAlto });
    await probingWithRules();
    const exit = await agent().stop("SIGTERM");
    expect(exit.code).toBe(0);
    expect(await agent().leftovers()).toEqual([]);
    expect(await agent().linkMtu()).toBe(1500);
    expect((await agent().replay()).code).toBe(0);
  });

  it("SIGKILL during a probe, then restart: stale rules removed, the probe redone, Applied; disconnect restores 1500", async () => {
    await agent().start({ windows: fortinet });
    await probingWithRules();
    const killed = await agent().stop("SIGKILL");
    expect(killed.signal).toBe("SIGKILL");
    expect((await agent().journal()).at(-1)?.state).toBe("Probing");
    // A kill can land while a round's own `ip rule del` is in flight, leaving nothing; then plant
    // what a crash leaves, so the restart's cleanup is always what is being tested.
    if ((await agent().leftovers()).length === 0) await plantStaleProbeState();
    expect((await agent().leftovers()).length).toBeGreaterThan(0);

    await agent().start();
    const s = await agent().waitForState("Applied", 60_000, (st) => st.appliedMtu === 1372);
    expect(s).toMatchObject({ baseline: 1500, vpn: { name: fortinet.name } });
    expect(await agent().linkMtu()).toBe(1372);
    expect(await agent().leftovers()).toEqual([]);

    await agent().setWindows(null);
    await agent().waitForState("Direct.idle", 60_000, (st) => st.mtu === 1500);
    expect(await agent().linkMtu()).toBe(1500);
    expect((await agent().stop("SIGTERM")).code).toBe(0);
    expect((await agent().replay()).code).toBe(0);
  });
});
