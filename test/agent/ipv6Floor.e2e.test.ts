import { describe, expect, it } from "vitest";
import type { InitEvent } from "../../src/journal/record.js";
import type { Lab } from "../../src/lab/createLab.js";
import { anyConnect } from "../support/agentLab.js";
import { pollUntil } from "../support/pollUntil.js";
import { skipE2e } from "../support/root.js";
import { useAgentLab } from "../support/useAgentLab.js";

/** The IPv6 addresses on the WSL side's eth0, as the kernel lists them. */
async function ipv6Addresses(lab: Lab): Promise<string[]> {
  const r = await lab.exec("wsl", ["ip", "-j", "-6", "addr", "show", "dev", "eth0"]);
  const links = JSON.parse(r.stdout || "[]") as Array<{ addr_info?: Array<{ local: string }> }>;
  return links.flatMap((l) => (l.addr_info ?? []).map((a) => a.local));
}

describe.skipIf(skipE2e)("the IPv6 floor covers restoring the baseline (real kernel)", () => {
  // A configured baseline below 1280: restoring it as is would remove eth0's IPv6 addresses.
  const agent = useAgentLab({ prefix: "wvav6", config: { interface: "eth0", baselineMtu: 1000 } });

  it("restores 1280, not 1000, at start and after the VPN goes; eth0 keeps its IPv6 address; the log says why", async () => {
    const lab = agent().lab;
    // The link-local address the kernel gives every IPv6 interface (no traffic, nothing routable).
    const before = await pollUntil(() => ipv6Addresses(lab), (a) => a.length > 0, { timeoutMs: 10_000, intervalMs: 100, failure: (a, why) => `eth0 has no IPv6 address: ${why} (${JSON.stringify(a)})` });
    expect(await agent().linkMtu()).toBe(1500);

    await agent().start({ windows: null });
    // Off its baseline with no VPN: the start restores it.
    await agent().waitForState("Direct.idle", 60_000, (s) => s.mtu === 1280);
    expect(await agent().linkMtu()).toBe(1280);
    expect(await ipv6Addresses(lab)).toEqual(before);
    const init = (await agent().journal()).find((r) => r.event.type === "xstate.init")?.event as InitEvent;
    expect(init.input.baselineMtu).toBe(1280);

    await agent().setWindows(anyConnect);
    await agent().waitForState("Applied", 60_000, (s) => s.appliedMtu === 1372);
    await agent().setWindows(null);
    await agent().waitForState("Direct.idle", 60_000, (s) => s.vpn === null && s.mtu === 1280);
    expect(await agent().linkMtu()).toBe(1280);
    expect(await ipv6Addresses(lab)).toEqual(before);

    const exit = await agent().stop("SIGTERM");
    expect(exit.code).toBe(0);
    expect(await agent().linkMtu()).toBe(1280);
    expect(await ipv6Addresses(lab)).toEqual(before);
    expect(exit.stdout + exit.stderr).toContain("eth0 carries IPv6 addresses, which Linux removes below MTU 1280: baseline 1000 raised to 1280, restored instead of it");
    expect((await agent().replay()).code).toBe(0);
  });
});
