import type { JournalRecord } from "../../src/journal/record.js";
import { describe, expect, it } from "vitest";
import { anyConnect, probeCycles } from "../support/agentLab.js";
import { skipE2e } from "../support/root.js";
import { useAgentLab } from "../support/useAgentLab.js";

// One agent for the whole story; each test waits for the state it starts from.
describe.skipIf(skipE2e)("the agent connects, follows WSL's rewrites and disconnects (lab: link 1400, TCP ≤ 1372)", () => {
  const agent = useAgentLab({ prefix: "wvaconn" }, async () => {
    await agent().start({ windows: null });
    await agent().waitForState("Direct");
  });

  it("stays on the baseline while no VPN is up", async () => {
    const s = await agent().waitForState("Direct.idle");
    expect(s).toMatchObject({ vpn: null, mtu: 1500, baseline: 1500 });
    expect(await agent().linkMtu()).toBe(1500);
  });

  it("VPN connects → probe → apply → verify → Applied at the largest MTU carrying TLS", async () => {
    await agent().setWindows(anyConnect);
    const s = await agent().waitForState("Applied", 60_000, (st) => st.appliedMtu !== null);
    expect(s).toMatchObject({ mtu: 1372, appliedMtu: 1372, baseline: 1500, vpn: { name: anyConnect.name, description: anyConnect.description } });
    expect(await agent().linkMtu()).toBe(1372);
    const types = (await agent().journal()).map((r) => r.event.type);
    expect(types.indexOf("probe.done")).toBeGreaterThan(types.indexOf("network.settled"));
    expect(types.indexOf("verify.passed")).toBeGreaterThan(types.indexOf("probe.done"));
  });

  it("WSL rewriting eth0's MTU → the agent re-applies its value", async () => {
    const seen = (await agent().journal()).length;
    await agent().rewriteMtu(1400);
    const reapplied = (records: JournalRecord[]): boolean => {
      const rewrite = records.findIndex((r, i) => i >= seen && r.event.type === "link.mtu" && r.event.mtu === 1400);
      return rewrite >= 0 && records.slice(rewrite).some((r) => r.event.type === "apply.done" && r.event.mtu === 1372);
    };
    await agent().waitForJournal(reapplied, "link.mtu 1400 then apply.done 1372");
    await agent().waitForState("Applied", 60_000, (s) => s.mtu === 1372);
    expect(await agent().linkMtu()).toBe(1372);
  });

  it("VPN disconnects → baseline restored", async () => {
    await agent().setWindows(null);
    const s = await agent().waitForState("Direct.idle", 60_000, (st) => st.mtu === 1500);
    expect(s.vpn).toBeNull();
    expect(await agent().linkMtu()).toBe(1500);
  });

  it("the same VPN again → its known MTU is applied and verified without a probe", async () => {
    const probesBefore = probeCycles(await agent().journal()).length;
    await agent().setWindows(anyConnect);
    await agent().waitForState("Applied", 60_000, (st) => st.appliedMtu === 1372);
    expect(await agent().linkMtu()).toBe(1372);
    expect(probeCycles(await agent().journal())).toHaveLength(probesBefore);
  });

  it("stops on SIGTERM with the baseline back, and its journal replays", async () => {
    const exit = await agent().stop("SIGTERM");
    expect(exit.code).toBe(0);
    expect(await agent().linkMtu()).toBe(1500);
    expect(await agent().leftovers()).toEqual([]);
    const replay = await agent().replay();
    expect(replay.code, replay.stderr).toBe(0);

    // Its log (pino JSON, not a TTY): one line per state change with old, new and reason; one per probe.
    const lines = exit.stdout.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>);
    const records = await agent().journal();
    const changes = records.filter((r, i) => r.state !== (records[i - 1]?.state ?? "")).map((r) => ({ to: r.state, event: r.event.type, seq: r.seq }));
    const logged = lines.filter((l) => typeof l.to === "string").map((l) => ({ to: l.to, event: l.input, seq: l.seq }));
    expect(logged).toEqual(changes);
    expect(lines.filter((l) => typeof l.to === "string").every((l) => typeof l.from === "string" && typeof l.msg === "string" && l.msg.includes("→"))).toBe(true);
    const probeLines = lines.filter((l) => l.probe !== undefined);
    expect(probeLines).toHaveLength(records.filter((r) => r.event.type === "probe.done" || r.event.type === "probe.failed").length);
    expect(probeLines[0]?.msg).toMatch(/^probe: largest MTU carrying TLS is 1372 \(\d+ rounds, \d+ sizes, \d+ ms, parallel\)$/);

    // For fleets' log pipelines: every line names its event and this start (one run id, the version); lines about the VPN name it.
    expect(lines.filter((l) => typeof l.event !== "string" || !/^[a-z_]+\.[a-z_]+$/.test(l.event))).toEqual([]);
    expect(new Set(lines.map((l) => l.run)).size).toBe(1);
    expect(lines[0]?.run).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.every((l) => typeof l.version === "string" && l.version !== "")).toBe(true);
    expect(lines.find((l) => l.event === "probe.found")).toMatchObject({ vpn: anyConnect.description, iface: "eth0", mtu: 1372 });
    expect(lines.find((l) => l.event === "state.changed" && String(l.to).startsWith("Applied"))).toMatchObject({ vpn: anyConnect.description, iface: "eth0", mtu: 1372 });
  });
});
