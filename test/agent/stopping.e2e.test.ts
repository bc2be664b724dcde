import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { anyConnect } from "../support/agentLab.js";
import { cliCommand } from "../support/cli.js";
import { skipE2e } from "../support/root.js";
import { useAgentLab } from "../support/useAgentLab.js";

/** The agent's own `ip -o monitor link` child (its only source of link events). */
async function monitorOf(agentPid: number): Promise<number> {
  const r = await execa("pgrep", ["-P", String(agentPid), "-f", "ip -o monitor link"], { reject: false });
  const [pid] = r.stdout.split("\n").filter((l) => l !== "").map(Number);
  if (pid === undefined) throw new Error(`no \`ip -o monitor link\` child under agent ${agentPid}`);
  return pid;
}

describe.skipIf(skipE2e)("stopping in the middle of things", () => {
  // A profile above the black hole makes the verification hang for its whole (long) timeout.
  const agent = useAgentLab({ prefix: "wvastop", config: { "verify.timeoutMs": 60_000 } });

  it("SIGTERM while a verification hangs: cancelled, baseline restored, exit 0 (not the 5 s deadline's 1)", async () => {
    await agent().start({ windows: null, config: { profiles: [{ match: "anyconnect", mtu: 1450 }] } });
    await agent().waitForState("Direct.idle");
    await agent().setWindows(anyConnect);
    await agent().waitForState("VpnDetected.verifying");
    expect(await agent().linkMtu()).toBe(1450);
    const exit = await agent().stop("SIGTERM");
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.stdout).not.toMatch(/exiting anyway/);
    expect(await agent().linkMtu()).toBe(1500);
    expect(await agent().leftovers()).toEqual([]);
    expect((await agent().replay()).code).toBe(0);
  });

  it("its link monitor dying: exit 69 for systemd to restart it, the applied MTU kept, nothing left", async () => {
    await agent().start({ windows: anyConnect });
    await agent().waitForState("Applied", 60_000, (s) => s.appliedMtu === 1372);
    process.kill(await monitorOf(agent().pid as number), "SIGKILL");
    const exit = await agent().exited();
    expect(exit.code).toBe(69);
    expect(exit.stdout).toMatch(/stopping after a failure: event source failed/);
    // Restoring 1500 with the VPN still up would bring the black hole back until the restart.
    expect(await agent().linkMtu()).toBe(1372);
    expect(await agent().leftovers()).toEqual([]);
    expect((await agent().replay()).code).toBe(0);
  });

  it("the restart after that failure reconciles: Applied at once, and a disconnect restores the baseline", async () => {
    await agent().start();
    await agent().waitForState("Applied", 60_000, (s) => s.appliedMtu === 1372);
    await agent().setWindows(null);
    await agent().waitForState("Direct.idle", 60_000, (s) => s.mtu === 1500);
    expect(await agent().linkMtu()).toBe(1500);
    expect((await agent().stop("SIGTERM")).code).toBe(0);
  });

  it("a second agent with the same config is refused (its state directory is locked) before it touches anything", async () => {
    await agent().start({ windows: anyConnect });
    await agent().waitForState("Applied", 60_000, (s) => s.appliedMtu === 1372);
    const before = (await agent().journal()).length;
    const second = await execa("ip", ["netns", "exec", agent().lab.ns.wsl, ...cliCommand(), "run", "--config", agent().configPath], { reject: false });
    expect(second.exitCode).toBe(75);
    expect(second.stderr).toMatch(/agent\.lock is held by another wsl-vpn-agent \(pid \d+, run\): nothing was changed/);
    expect((await agent().journal()).length).toBe(before);
    expect(await agent().status()).toMatchObject({ state: "Applied.steady" });
    expect((await agent().stop("SIGTERM")).code).toBe(0);
  });

  it("a watcher that ignores stdin closing and whose child holds its output: SIGTERM still exits 0, nothing of it left", async () => {
    // `tail -F` is a child of sh (the trailing `:` keeps sh from exec'ing it) and holds the pipe.
    const watchCommand = ["sh", "-c", `tail -n +1 -F "$0"; :`, agent().winFile];
    await agent().start({ windows: anyConnect, config: { "windows.watchCommand": watchCommand } });
    await agent().waitForState("Applied", 60_000, (s) => s.appliedMtu === 1372);
    const pids = await execa("ip", ["netns", "pids", agent().lab.ns.wsl]);
    const watchers = (await execa("pgrep", ["-f", `tail -n \\+1 -F ${agent().winFile}`], { reject: false })).stdout.split("\n").filter((p) => pids.stdout.split("\n").includes(p));
    expect(watchers.length).toBe(1);
    const exit = await agent().stop("SIGTERM");
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.stdout).not.toMatch(/exiting anyway/);
    expect(await agent().linkMtu()).toBe(1500);
    const left = (await execa("ip", ["netns", "pids", agent().lab.ns.wsl])).stdout.split("\n").filter((p) => p !== "");
    expect(left.filter((p) => watchers.includes(p))).toEqual([]);
  });
});
