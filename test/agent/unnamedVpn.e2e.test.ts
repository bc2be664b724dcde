import { describe, expect, it } from "vitest";
import type { JournalRecord } from "../../src/journal/record.js";
import { probeCycles } from "../support/agentLab.js";
import { skipE2e } from "../support/root.js";
import { useAgentLab } from "../support/useAgentLab.js";

// A VPN client no default pattern names (issue 11): the real CLI `run` in the lab (link 1400,
// TCP ≤ 1372), Windows simulated by `lab windows` printing these lines.
const wifi = (ownsDefault: boolean) => ({
  name: "Wi-Fi", description: "Intel(R) Wi-Fi 6 AX201 160MHz", status: "Up", mtu: 1500, defaultRoute: ownsDefault, metric: 35, interfaceType: 71, virtual: false,
  routes: [...(ownsDefault ? [{ prefix: "0.0.0.0/0", metric: 35 }] : []), { prefix: "198.18.200.0/24", metric: 291 }],
});
const edge = { name: "Ethernet 9", description: "Acme ZeroTrust Edge Adapter", status: "Up", mtu: 1400, interfaceType: 6, virtual: true };
/** The unnamed client: owning the default route (metric 1 beats Wi-Fi's 35), or only its own subnet. */
const edgeLine = (ownsDefault: boolean): string =>
  JSON.stringify({
    adapters: [
      wifi(!ownsDefault),
      ownsDefault
        ? { ...edge, defaultRoute: true, metric: 1, routes: [{ prefix: "0.0.0.0/0", metric: 1 }, { prefix: "198.18.210.0/24", metric: 257 }] }
        : { ...edge, defaultRoute: false, routes: [{ prefix: "198.18.210.0/24", metric: 257 }] },
    ],
  });
const settledVpns = (records: JournalRecord[]) => records.flatMap((r) => (r.event.type === "network.settled" ? [r.event.vpn] : []));

describe.skipIf(skipE2e)("a VPN client no pattern names: virtual, owning the default route (lab: link 1400, TCP ≤ 1372)", () => {
  const agent = useAgentLab({ prefix: "wvaunnamed" }, async () => {
    await agent().setWindowsLines([JSON.stringify({ adapters: [wifi(true)] })]);
    await agent().start();
    await agent().waitForState("Direct.idle");
  });

  it("is detected as a full-tunnel VPN, and the MTU is probed, applied and verified", async () => {
    await agent().setWindowsLines([edgeLine(true)]);
    const s = await agent().waitForState("Applied", 60_000, (st) => st.appliedMtu !== null);
    expect(s).toMatchObject({ mtu: 1372, appliedMtu: 1372, vpn: { name: "Ethernet 9", description: edge.description, mtuHint: 1400, tunnel: { kind: "full" } } });
    expect(await agent().linkMtu()).toBe(1372);
    const records = await agent().journal();
    expect(settledVpns(records)).toContainEqual({ name: "Ethernet 9", description: edge.description, mtuHint: 1400, tunnel: { kind: "full" } });
    expect(probeCycles(records)).toHaveLength(1);
    const types = records.map((r) => r.event.type);
    expect(types.lastIndexOf("verify.passed")).toBeGreaterThan(types.indexOf("probe.done"));
  });

  it("the same adapter without the default route is not taken for a VPN: baseline back", async () => {
    await agent().setWindowsLines([edgeLine(false)]);
    const s = await agent().waitForState("Direct.idle", 60_000, (st) => st.mtu === 1500);
    expect(s.vpn).toBeNull();
    expect(await agent().linkMtu()).toBe(1500);
    expect(settledVpns(await agent().journal()).at(-1)).toBeNull();
  });

  it("its journal replays", async () => {
    expect((await agent().stop("SIGTERM")).code).toBe(0);
    const r = await agent().replay();
    expect(r.code, r.stderr).toBe(0);
  });
});
