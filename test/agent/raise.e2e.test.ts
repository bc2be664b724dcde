import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateConfig } from "../../src/config/index.js";
import { pinSlot } from "../../src/probe/config.js";
import { probeRanges } from "../../src/runtime/probeRanges.js";
import { anyConnect, type SimVpn } from "../support/agentLab.js";
import { countOversize } from "../support/oversize.js";
import { pollUntil } from "../support/pollUntil.js";
import { skipE2e } from "../support/root.js";
import { useAgentLab } from "../support/useAgentLab.js";

const defaults = validateConfig({});
if (!defaults.ok) throw new Error(defaults.problems.join("; "));
const ranges = probeRanges(defaults.config);
const tailscaleToo: SimVpn = { name: "Ethernet 6", description: "PANGP Virtual Ethernet Adapter", mtu: 1400 };

// WSL set eth0 to 1280 (Tailscale installed on Windows) while the VPN path carries 1372 (TCP).
describe.skipIf(skipE2e)("WSL's MTU too low: the agent raises it (lab: raise, eth0 1280, path TCP ≤ 1372)", () => {
  const agent = useAgentLab({ prefix: "wvaraise", lab: { linkMtu: 1400, tcpLimit: 1372, topology: "raise" } }, async () => {
    await agent().start({ windows: null });
    await agent().waitForState("Direct.idle");
  });
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "wva-raise-agent-"));
    await writeFile(join(dir, "upload"), Buffer.alloc(2 * 1024 * 1024, "u"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("VPN connects → 1280 becomes exactly 1372, and the user's traffic never uses the raised MTU while it probes", async () => {
    const lab = agent().lab;
    expect(await agent().linkMtu()).toBe(1280);
    // The upload outlasts the probe and goes on at the applied 1372 afterwards, so what must never be
    // seen is a user packet above 1372: one using the raised 1500 (test/probe/raise.e2e.test.ts, with
    // no apply after the probe, shows that nothing above 1280 passes while probing).
    const counter = await countOversize(lab, 1372, ranges.ports);
    try {
      const upload = lab.spawn("wsl", ["curl", "-sk", "--local-port", "40000-40100", "--limit-rate", "1M", "--data-binary", `@${join(dir, "upload")}`, "-o", "/dev/null", "-w", "%{http_code}", lab.url]);
      const pings = lab.spawn("wsl", ["ping", "-n", "-q", "-M", "do", "-s", String(1400 - 28), "-i", "0.2", "-c", "10", lab.addresses.server]);
      await agent().setWindows(anyConnect);
      const s = await agent().waitForState("Applied", 60_000, (st) => st.appliedMtu !== null);
      const [up] = await Promise.all([upload, pings]);
      expect(s).toMatchObject({ mtu: 1372, appliedMtu: 1372, baseline: 1280 });
      expect(up.stdout).toBe("200");
      const seen = await counter.read();
      expect(seen.probe, "the probes' own packets above 1372 reached the router").toBeGreaterThan(0);
      expect(seen.other, "user packets above 1372").toBe(0);
    } finally {
      await counter.remove();
    }
    expect(await agent().linkMtu()).toBe(1372);
    // The temporary raise is the probe's own business: the machine (and the journal) never saw it.
    const records = await agent().journal();
    expect(records.filter((r) => r.event.type === "link.mtu" && r.event.mtu === 1500)).toEqual([]);
    const probe = records.find((r) => r.event.type === "probe.done");
    expect(probe?.event.type === "probe.done" && probe.event.evidence.notes).toContainEqual(expect.stringMatching(/^eth0 MTU is 1280: raised to 1500 while probing/));
  });

  it("VPN disconnects → 1280 restored, nothing pinned", async () => {
    await agent().setWindows(null);
    await agent().waitForState("Direct.idle", 60_000, (st) => st.mtu === 1280);
    expect(await agent().linkMtu()).toBe(1280);
    expect(await agent().leftovers()).toEqual([]);
  });

  it("SIGKILL while a probe has eth0 raised → the restart puts 1280 back and drops the pin", async () => {
    await agent().setWindows(tailscaleToo);
    await pollUntil(() => agent().linkMtu(), (mtu) => mtu === 1500, { timeoutMs: 30_000, intervalMs: 10, failure: (mtu) => `eth0 never raised (mtu ${mtu})` });
    await agent().stop("SIGKILL");
    expect(await agent().linkMtu()).toBe(1500);
    expect(await agent().leftovers()).toContain(`rule ${pinSlot(ranges).priority}`);
    await agent().setWindows(null);
    await agent().start();
    await agent().waitForState("Direct.idle", 60_000, (st) => st.mtu === 1280);
    expect(await agent().linkMtu()).toBe(1280);
    expect(await agent().leftovers()).toEqual([]);
    const exit = await agent().stop("SIGTERM");
    expect(exit.stdout).toContain("eth0 was left raised to mtu 1500 by an interrupted probe: put back to 1280");
  });
});
