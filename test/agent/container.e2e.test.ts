import { describe, expect, it } from "vitest";
import { listClamp } from "../../src/effects/clampMss.js";
import { runCommand } from "../../src/effects/run.js";
import { containerTransfer } from "../../src/lab/topology/containerTransfer.js";
import { anyConnect } from "../support/agentLab.js";
import { skipE2e } from "../support/root.js";
import { useAgentLab } from "../support/useAgentLab.js";

// The lab's path carries 1372 (TCP limit): the agent applies 1372, the clamp fits SYNs to 1332.
const MSS = "tcp option maxseg size set 1332";

describe.skipIf(skipE2e)("containers behind WSL: the forwarded MSS clamp (topology container)", () => {
  const agent = useAgentLab({ prefix: "wvactr", lab: { linkMtu: 1400, tcpLimit: 1372, topology: "container" } });
  const table = (): Promise<string | null> => listClamp({ netns: agent().lab.ns.wsl });
  /** 256 KiB up, 1 MiB down from the container; 4 s bound, so a black hole is a failure, not a hang. */
  const transfer = () => containerTransfer(agent().lab, { upload: 256 * 1024, download: 1024 * 1024, timeoutMs: 4000 });
  /** Docker's tables in the wsl namespace (as iptables-nft writes them). */
  const docker = async (): Promise<string> => {
    const out = await Promise.all(["nat", "filter"].map((t) => runCommand(["nft", "list", "table", "ip", t], { netns: agent().lab.ns.wsl })));
    return out.map((r) => r.stdout).join("\n");
  };

  it("without the agent, a large upload and download from the container are black-holed", async () => {
    const t = await transfer();
    expect(t.ok).toBe(false);
    expect(t.reason).toMatch(/timed out/i);
    expect(await table()).toBeNull();
  });

  it("Applied: the table clamps forwarded SYNs through eth0, the transfer works beside Docker's rules; SIGTERM removes it", async () => {
    await agent().start({ windows: anyConnect });
    await agent().waitForState("Applied", 60_000, (s) => s.appliedMtu === 1372);
    const rules = await table();
    expect(rules).toContain(`oifname "eth0" meta nfproto ipv4 tcp flags syn`);
    expect(rules).toContain(MSS);
    const t = await transfer();
    expect(t, t.reason).toMatchObject({ ok: true, uploaded: 256 * 1024, downloaded: 1024 * 1024 });
    // Both held: Docker's masquerade carried it (its counter moved) and its FORWARD policy is still drop.
    const rulesAfter = (await table()) ?? "";
    expect(Number(/size > 1332 counter packets (\d+)/.exec(rulesAfter)?.[1] ?? 0)).toBeGreaterThan(0);
    const d = await docker();
    expect(d).toMatch(/policy drop/);
    expect(Number(/packets (\d+) bytes \d+ masquerade/.exec(d)?.[1] ?? 0)).toBeGreaterThan(0);

    const exit = await agent().stop("SIGTERM");
    expect(exit.code).toBe(0);
    expect(exit.stdout).toContain("MSS clamp removed");
    expect(await table()).toBeNull();
    expect(await agent().linkMtu()).toBe(1500);
    expect((await transfer()).ok).toBe(false);
  });

  it("SIGKILL while Applied leaves the table; the next start removes it, and sets it again once Applied", async () => {
    await agent().start({ windows: anyConnect });
    await agent().waitForState("Applied", 60_000, (s) => s.appliedMtu === 1372);
    expect(await table()).toContain(MSS);
    expect((await agent().stop("SIGKILL")).signal).toBe("SIGKILL");
    expect(await table()).toContain(MSS);

    // Restarted with the VPN gone: the stale table goes at start-up, the baseline comes back.
    await agent().start({ windows: null });
    await agent().waitForState("Direct.idle", 60_000, (s) => s.mtu === 1500);
    expect(await table()).toBeNull();

    await agent().setWindows(anyConnect);
    await agent().waitForState("Applied", 60_000, (s) => s.appliedMtu === 1372);
    expect(await table()).toContain(MSS);
    expect((await transfer()).ok).toBe(true);
    const exit = await agent().stop("SIGTERM");
    expect(exit.stdout).toContain("removed table inet wsl_vpn_agent left by an earlier run");
    expect(await table()).toBeNull();
    expect((await agent().replay()).code).toBe(0);
  });

  it("apply.scope routes: the clamp covers only the prefixes that carry the MTU, eth0 stays 1500, the container's transfer works", async () => {
    await agent().start({ windows: anyConnect, config: { "apply.scope": "routes" } });
    await agent().waitForState("Applied", 60_000, (s) => s.appliedMtu === 1372);
    expect(await agent().linkMtu()).toBe(1500);
    // A full tunnel under routes scope is 0.0.0.0/1 + 128.0.0.0/1 (WSL's default route stays WSL's); nft lists the pair merged.
    expect(await table()).toMatch(/oifname "eth0" ip daddr \{ (0\.0\.0\.0\/0|0\.0\.0\.0\/1, 128\.0\.0\.0\/1) \} tcp flags syn tcp option maxseg size > 1332 counter/);
    const t = await transfer();
    expect(t, t.reason).toMatchObject({ ok: true });
    expect((await agent().stop("SIGTERM")).code).toBe(0);
    expect(await table()).toBeNull();
  });

  it("forward.clampMss false: Applied without a table, and the container stays black-holed", async () => {
    await agent().start({ windows: anyConnect, config: { "forward.clampMss": false } });
    await agent().waitForState("Applied", 60_000, (s) => s.appliedMtu === 1372);
    expect(await table()).toBeNull();
    const t = await transfer();
    expect(t.ok).toBe(false);
    // The upload crossed (WSL's own ICMP reaches the container); the download's full-size segments did not.
    expect(t.uploaded).toBe(256 * 1024);
    expect((await agent().stop("SIGTERM")).code).toBe(0);
  });
});
