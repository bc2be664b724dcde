import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TAILNET_PREFIXES } from "../../src/lab/topology/multi.js";
import { CORPORATE_PREFIX } from "../../src/lab/topology/split.js";
import { pwshPath, skipPwsh, writeFixture, writeWrapper, type FixtureAdapter } from "../support/pwsh.js";
import { agentRoutes } from "../support/splitLab.js";
import { pwshWindows } from "../support/pwshWindows.js";
import { useAgentLab } from "../support/useAgentLab.js";

// The multi lab with the real watcher.ps1 in real PowerShell (the Get-Net* stand-ins return the
// fixture): Windows shows Tailscale with its own prefixes beside GlobalProtect as a split tunnel
// carrying corporate A (the probe target, behind link 1400 / TCP ≤ 1337).
const wifi: FixtureAdapter = { name: "Wi-Fi", description: "Intel(R) Wi-Fi 6 AX201 160MHz", ifIndex: 12, mtu: 1500, interfaceType: 71, routeMetric: 0 };
const tailscale: FixtureAdapter = { name: "Tailscale", description: "Tailscale Tunnel", ifIndex: 40, mtu: 1280, virtual: true, interfaceType: 53, routes: TAILNET_PREFIXES.map((prefix) => ({ prefix, metric: 5 })) };
const pangp: FixtureAdapter = { name: "Ethernet 4", description: "PANGP Virtual Ethernet Adapter Secure", ifIndex: 41, mtu: 1400, virtual: true, interfaceType: 53, routes: [{ prefix: CORPORATE_PREFIX, metric: 1 }] };

describe.skipIf(skipPwsh)(`several tunnels through the real PowerShell watcher (pwsh ${pwshPath ?? "missing"})`, () => {
  const agent = useAgentLab({ prefix: "wvamps", lab: { linkMtu: 1400, tcpLimit: 1337, topology: "multi" }, config: { "retry.baseMs": 100, "retry.maxMs": 200 } });
  /** Windows shows `adapters` now: the fixture rewritten, then a real address change in the agent's namespace. */
  const { fixture, shows: windowsShows } = pwshWindows(agent);
  const corporateRoute = async () => (await agentRoutes(agent().lab)).filter((r) => r.dst === CORPORATE_PREFIX).map((r) => r.mtu);

  it("Tailscale + a split GlobalProtect carrying the target: the corporate prefix gets the exact MTU; GlobalProtect goes: Direct, Tailscale named, nothing retried", async () => {
    const wrapper = join(agent().dir, "powershell.exe");
    await writeFixture(fixture(), { adapters: [wifi] });
    await writeWrapper(wrapper, fixture());
    await agent().start({ config: { "windows.watchCommand": null, "windows.powershell": wrapper } });
    await agent().waitForState("Direct.idle", 60_000, (s) => s.watcher.snapshots >= 1);

    await windowsShows([wifi, tailscale, pangp]);
    const s = await agent().waitForState("Applied", 60_000, (st) => st.appliedMtu !== null);
    expect(s).toMatchObject({ appliedMtu: 1337, mtu: 1500, vpn: { name: "Ethernet 4", tunnel: { kind: "split", prefixes: [CORPORATE_PREFIX] } } });
    expect(s.tunnels?.map((t) => t.name).sort()).toEqual(["Ethernet 4", "Tailscale"]);
    expect(await corporateRoute()).toEqual([1337]);
    expect(await agent().linkMtu()).toBe(1500);

    await windowsShows([wifi, tailscale]);
    const direct = await agent().waitForState("Direct.idle", 60_000, (st) => st.vpn === null && (st.routes ?? null) === null && (st.tunnels ?? []).length === 1);
    expect(direct).toMatchObject({ appliedMtu: null, lastError: null, target: { url: agent().lab.url } });
    expect(await corporateRoute()).toEqual([]);
    const seen = (await agent().journal()).length;
    // Windows changes something else (a further address event), measured by the watcher's snapshots, not a sleep.
    const snapshots = direct.watcher.snapshots;
    await windowsShows([wifi, tailscale]);
    await agent().waitFor((st) => st.watcher.snapshots > snapshots, "the watcher's next snapshot");
    expect((await agent().journal()).slice(seen).filter((r) => ["probe.", "apply.", "verify.", "timer."].some((w) => r.event.type.startsWith(w)))).toEqual([]);
    expect((await agent().stop("SIGTERM")).code).toBe(0);
    expect((await agent().replay()).code).toBe(0);
  });
});
