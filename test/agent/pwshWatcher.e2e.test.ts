import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pwshWindows } from "../support/pwshWindows.js";
import { useAgentLab } from "../support/useAgentLab.js";
import { pwshPath, skipPwsh, writeFixture, writeWrapper, type FixtureAdapter } from "../support/pwsh.js";

// The whole agent in the lab, its watcher the real watcher.ps1 in real PowerShell: the config's
// windows.powershell is a wrapper that starts pwsh with the Get-Net* stand-ins. Windows "changes"
// by rewriting the fixture and adding an address in the agent's namespace (NetworkChange fires).
// A full tunnel carries traffic when its default route wins Windows' choice: AnyConnect's metric is below Wi-Fi's, as on a real laptop.
const wifi: FixtureAdapter = { name: "Wi-Fi", description: "Intel(R) Wi-Fi 6 AX201 160MHz", ifIndex: 12, mtu: 1500, interfaceType: 71, routeMetric: 35 };
const anyConnect: FixtureAdapter = { name: "Ethernet 3", description: "Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter", ifIndex: 31, mtu: 1400, virtual: true, routeMetric: 1 };

describe.skipIf(skipPwsh)(`the agent with the real PowerShell watcher (pwsh ${pwshPath ?? "missing"})`, () => {
  const agent = useAgentLab({ prefix: "wvapsa" });
  /** Windows shows `adapters` now: the fixture rewritten, then a real address change in the agent's namespace. */
  const { fixture, shows: windowsShows } = pwshWindows(agent);
  /** Processes running the watcher text in the agent's namespace (the pwsh tool shim and its `dotnet`). */
  const watcherProcesses = async (): Promise<string[]> => {
    const inNs = new Set((await agent().lab.exec("wsl", ["ip", "netns", "pids", agent().lab.ns.wsl])).stdout.split("\n"));
    return (await agent().lab.exec("wsl", ["pgrep", "-f", "--", "-EncodedCommand"])).stdout.split("\n").filter((p) => /^\d+$/.test(p) && inNs.has(p));
  };
  /** The watcher process the agent started (its child). */
  const watcherPid = async (): Promise<number> => {
    const pids = (await agent().lab.exec("wsl", ["pgrep", "-P", String(agent().pid), "-f", "--", "-EncodedCommand"])).stdout.split("\n").filter((p) => /^\d+$/.test(p));
    if (pids.length !== 1) throw new Error(`expected one watcher child of the agent, found ${pids.length}`);
    return Number(pids[0]);
  };

  it("connect → Applied, watcher killed → restarted, disconnect → baseline", async () => {
    const wrapper = join(agent().dir, "powershell.exe");
    await writeFixture(fixture(), { adapters: [wifi] });
    await writeWrapper(wrapper, fixture());
    await agent().start({ config: { "windows.watchCommand": null, "windows.powershell": wrapper } });
    await agent().waitForState("Direct.idle", 60_000, (s) => s.watcher.snapshots >= 1);

    await windowsShows([wifi, anyConnect]);
    const applied = await agent().waitForState("Applied", 60_000, (s) => s.appliedMtu === 1372);
    expect(applied.vpn).toMatchObject({ name: "Ethernet 3", mtuHint: 1400 });
    expect(await agent().linkMtu()).toBe(1372);

    const first = await watcherPid();
    const before = applied.watcher.snapshots;
    process.kill(first, "SIGKILL");
    await agent().waitFor((s) => s.watcher.restarts === 1 && s.watcher.running && s.watcher.snapshots > before, "the watcher restarted and printing again");
    expect(await watcherPid()).not.toBe(first);
    // Nothing of the killed one is left: the shim's `dotnet` child went with it.
    const now = await watcherProcesses();
    const groups = new Set(now.map((p) => Number((readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1] ?? "").split(" ")[2])));
    expect(groups.size).toBe(1);
    expect((await agent().status())?.state).toMatch(/^Applied/);

    await windowsShows([wifi]);
    await agent().waitForState("Direct.idle", 60_000, (s) => s.mtu === 1500 && s.vpn === null);
    expect(await agent().linkMtu()).toBe(1500);
    const exit = await agent().stop("SIGTERM");
    expect(exit.code).toBe(0);
    expect(await agent().leftovers()).toEqual([]);
    expect((await agent().replay()).code).toBe(0);
  });
});
