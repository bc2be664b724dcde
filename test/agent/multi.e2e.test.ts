import { describe, expect, it } from "vitest";
import { CORP_B, CORP_B_PREFIX, MULTI_ADAPTERS, TAILNET_PREFIXES } from "../../src/lab/topology/multi.js";
import { CORPORATE_PREFIX, INTERNET } from "../../src/lab/topology/split.js";
import { skipE2e } from "../support/root.js";
import { agentRoutes, pathMtu, upload } from "../support/splitLab.js";
import { useAgentLab } from "../support/useAgentLab.js";

const { tailscale, pangp, secondCorp } = MULTI_ADAPTERS;
/** Records of the machine doing something for a VPN: nothing of these may follow a network no VPN of which carries the target. */
const WORK = ["probe.", "apply.", "verify.", "timer."];

// The multi lab: corporate A (198.19.0.2, the base lab's server) behind link 1400 / TCP ≤ 1337,
// corporate B behind link 1360 / TCP ≤ 1300, the tailnet server behind a 1280 path, the internet
// server at 1500. Windows shows the tunnels each test names.
describe.skipIf(skipE2e)("several tunnels at once: the VPN that carries the target gets the exact MTU, each VPN with a target its own", () => {
  const agent = useAgentLab({ prefix: "wvamulti", lab: { linkMtu: 1400, tcpLimit: 1337, topology: "multi" }, config: { "retry.baseMs": 100, "retry.maxMs": 200 } });
  const routes = async (): Promise<Array<[string, number | null]>> => (await agentRoutes(agent().lab)).map((r) => [r.dst.includes("/") ? r.dst : `${r.dst}/32`, r.mtu] as [string, number | null]).sort(([a], [b]) => (a < b ? -1 : 1));
  const corporateA = (): Promise<{ ok: boolean; detail: string }> => upload(agent().lab, agent().lab.url, { caFile: agent().lab.caFile });

  it("Tailscale alone, the target on the corporate network: Direct, nothing probed or applied for it, no retries", async () => {
    await agent().start({ windows: null });
    await agent().waitForState("Direct.idle");
    const seen = (await agent().journal()).length;
    await agent().setWindows([tailscale]);
    const s = await agent().waitFor((st) => (st.tunnels ?? []).length === 1, "the agent to see Tailscale");
    expect(s).toMatchObject({ state: "Direct.idle", vpn: null, appliedMtu: null, routes: null, lastError: null, target: { url: agent().lab.url } });
    expect(s.tunnels?.map((t) => t.name)).toEqual(["Tailscale"]);
    // A while measured by events (WSL rewriting eth0 and back), not a sleep: with retry.baseMs 100 a retry loop would have fired.
    await agent().rewriteMtu(1400);
    await agent().waitForJournal((rs) => rs.slice(seen).some((r) => r.event.type === "link.mtu" && r.event.mtu === 1400), "the agent to see eth0 at 1400");
    await agent().rewriteMtu(1500);
    const records = await agent().waitForJournal((rs) => rs.slice(seen).some((r) => r.event.type === "link.mtu" && r.event.mtu === 1500), "the agent to see eth0 at 1500");
    expect(records.slice(seen).filter((r) => WORK.some((w) => r.event.type.startsWith(w)))).toEqual([]);
    expect(records.slice(seen).every((r) => r.state === "Direct.idle")).toBe(true);
    expect(await agent().linkMtu()).toBe(1500);
    // Nothing for the corporate prefix; Tailscale's own prefixes keep its 1280 (tunnel-safe routes).
    expect((await routes()).map(([p]) => p)).toEqual([...TAILNET_PREFIXES].sort());
  });

  it("a split corporate VPN carrying the target connects beside Tailscale: the corporate prefix gets the exact MTU, eth0 and the internet path untouched, large HTTPS works", async () => {
    expect((await corporateA()).ok).toBe(false);
    await agent().setWindows([tailscale, pangp]);
    const s = await agent().waitForState("Applied", 60_000, (st) => st.appliedMtu !== null);
    expect(s).toMatchObject({ appliedMtu: 1337, mtu: 1500, vpn: { name: pangp.name }, routes: { prefixes: [CORPORATE_PREFIX], mtu: 1337 } });
    expect(await routes()).toEqual([[CORPORATE_PREFIX, 1337], ...[...TAILNET_PREFIXES].sort().map((p) => [p, 1280])].sort(([a], [b]) => (String(a) < String(b) ? -1 : 1)));
    expect(await agent().linkMtu()).toBe(1500);
    expect(await pathMtu(agent().lab, INTERNET.address)).toBe(1500);
    expect(await corporateA()).toMatchObject({ ok: true });
    expect(await upload(agent().lab, INTERNET.url, "insecure")).toMatchObject({ ok: true });
    expect((await agent().stop("SIGTERM")).code).toBe(0);
    expect(await routes()).toEqual([]);
    const replay = await agent().replay();
    expect(replay.code, replay.stderr).toBe(0);
  });

  it("two corporate VPNs, each with a profile URL: both get their exact MTU on their own prefixes, and each is restored on its own when it disconnects", async () => {
    const config = {
      verify: { url: INTERNET.url, caFile: null, insecure: true, timeoutMs: 3000 },
      profiles: [{ match: "PANGP", url: agent().lab.url }, { match: "Juniper", url: CORP_B.url }],
    };
    await agent().start({ windows: null, config });
    await agent().waitForState("Direct.idle");
    await agent().setWindows([pangp, secondCorp]);
    // B (the smaller MTU) is the main path, A a path of its own.
    const both = await agent().waitFor((st) => st.appliedMtu !== null && st.paths?.[0]?.appliedMtu != null, "both VPNs verified");
    expect(both).toMatchObject({ vpn: { name: secondCorp.name }, appliedMtu: 1300, routes: { prefixes: [CORP_B_PREFIX], mtu: 1300 }, mtu: 1500 });
    expect(both.paths).toMatchObject([{ vpn: { name: pangp.name }, state: "Applied.steady", appliedMtu: 1337, routes: { prefixes: [CORPORATE_PREFIX], mtu: 1337 }, target: { url: agent().lab.url } }]);
    expect(await routes()).toEqual([[CORPORATE_PREFIX, 1337], [CORP_B_PREFIX, 1300]]);
    expect(await corporateA()).toMatchObject({ ok: true });
    expect(await upload(agent().lab, CORP_B.url, "insecure")).toMatchObject({ ok: true });

    // A disconnects: its path restores its route alone; B's MTU stays, nothing is done for it again.
    const seen = (await agent().journal()).length;
    await agent().setWindows([secondCorp]);
    const onlyB = await agent().waitFor((st) => (st.paths ?? []).length === 0, "A's path to be retired");
    expect(onlyB).toMatchObject({ state: "Applied.steady", appliedMtu: 1300 });
    expect(await routes()).toEqual([[CORP_B_PREFIX, 1300]]);
    const after = (await agent().journal()).slice(seen);
    expect(after.filter((r) => r.event.type.startsWith("probe.") || (r.event.type === "apply.done" && !("path" in r.event && r.event.path !== undefined)))).toEqual([]);

    // A again, then B disconnects: B's route goes, A keeps its own path and MTU (it is not moved and probed again).
    await agent().setWindows([pangp, secondCorp]);
    await agent().waitFor((st) => st.paths?.[0]?.appliedMtu != null, "A's path verified again");
    await agent().setWindows([pangp]);
    const onlyA = await agent().waitFor((st) => st.vpn === null && (st.routes ?? null) === null, "B restored");
    expect(onlyA.paths).toMatchObject([{ vpn: { name: pangp.name }, state: "Applied.steady", appliedMtu: 1337 }]);
    expect(await routes()).toEqual([[CORPORATE_PREFIX, 1337]]);

    expect((await agent().stop("SIGTERM")).code).toBe(0);
    expect(await routes()).toEqual([]);
    const replay = await agent().replay();
    expect(replay.code, replay.stderr).toBe(0);
  });
});
