import { describe, expect, it } from "vitest";
import { MULTI_ADAPTERS, TAILNET, TAILNET_PREFIXES, multiCaFile } from "../../src/lab/topology/multi.js";
import { skipE2e } from "../support/root.js";
import { agentRoutes, pathMtu, upload } from "../support/splitLab.js";
import { useAgentLab } from "../support/useAgentLab.js";

const { tailscale, fullTunnel } = MULTI_ADAPTERS;
const TAILNET_ROUTES = [...TAILNET_PREFIXES].sort().map((p) => [p, 1280]);

// The multi lab: corporate A (the probe target) behind link 1400 / TCP ≤ 1337, the tailnet server
// behind a 1280 path. Windows shows Tailscale (its prefixes, MTU 1280) beside a full-tunnel VPN.
describe.skipIf(skipE2e)("tunnels without a target keep a safe MTU: Tailscale beside a full tunnel whose exact MTU goes on eth0", () => {
  const agent = useAgentLab({ prefix: "wvasafe", lab: { linkMtu: 1400, tcpLimit: 1337, topology: "multi" }, config: { "retry.baseMs": 600_000, "retry.maxMs": 600_000 } });
  const tailnet = (): Promise<{ ok: boolean; detail: string }> => upload(agent().lab, TAILNET.url, { caFile: multiCaFile(agent().lab, TAILNET) });
  const routes = async (): Promise<Array<[string, number | null]>> => (await agentRoutes(agent().lab)).map((r) => [r.dst.includes("/") ? r.dst : `${r.dst}/32`, r.mtu] as [string, number | null]).sort(([a], [b]) => (a < b ? -1 : 1));
  const applied = () => agent().waitForState("Applied", 60_000, (s) => s.appliedMtu === 1337 && (s.tunnelRoutes?.routes.length ?? 0) > 0);

  it("connect: eth0 gets the corporate 1337, the tailnet's prefixes 1280 routes, and large HTTPS to the tailnet works", async () => {
    await agent().start({ windows: null });
    await agent().waitForState("Direct.idle");
    await agent().setWindows([tailscale, fullTunnel]);
    const s = await applied();
    expect(s.mtu).toBe(1337);
    expect(s.tunnelRoutes).toEqual({ source: "adapter", routes: [...TAILNET_PREFIXES].sort().map((prefix) => ({ prefix, mtu: 1280, tunnels: ["Tailscale"] })), notOwned: [] });
    expect(await routes()).toEqual(TAILNET_ROUTES);
    expect(await pathMtu(agent().lab, TAILNET.address)).toBe(1280);
    expect(await tailnet()).toMatchObject({ ok: true });
    expect(await upload(agent().lab, agent().lab.url, { caFile: agent().lab.caFile })).toMatchObject({ ok: true });
  });

  it("without the safe routes eth0's 1337 black-holes the tailnet: the routes are what carries it", async () => {
    // Taken away behind the agent's back for one upload, then put back as they were.
    for (const p of TAILNET_PREFIXES) await agent().lab.exec("wsl", ["ip", "route", "del", p, "proto", "158"]);
    try {
      expect((await tailnet()).ok).toBe(false);
    } finally {
      for (const p of TAILNET_PREFIXES) await agent().lab.exec("wsl", ["ip", "route", "add", p, "via", agent().lab.addresses.routerWsl, "dev", "eth0", "mtu", "1280", "proto", "158"]);
    }
    expect(await routes()).toEqual(TAILNET_ROUTES);
  });

  it("Tailscale disconnects while the full tunnel stays: its routes go, eth0 keeps 1337", async () => {
    await agent().setWindows([fullTunnel]);
    const s = await agent().waitFor((st) => (st.tunnelRoutes ?? null) === null && st.state.startsWith("Applied"), "the safe routes to go");
    expect(s.mtu).toBe(1337);
    expect(await routes()).toEqual([]);
    await agent().setWindows([tailscale, fullTunnel]);
    await applied();
    expect(await routes()).toEqual(TAILNET_ROUTES);
  });

  it("Tailscale's prefixes change (a peer joins, then the MagicDNS route goes): the routes follow, nothing is probed again", async () => {
    const seen = (await agent().journal()).length;
    const peer = "198.19.64.3/32";
    await agent().setWindows([{ ...tailscale, routes: [...TAILNET_PREFIXES, peer] }, fullTunnel]);
    await agent().waitFor((st) => st.tunnelRoutes?.routes.some((r) => r.prefix === peer) === true, "the new peer's route");
    expect(await routes()).toEqual([...TAILNET_ROUTES, [peer, 1280]].sort(([a], [b]) => (String(a) < String(b) ? -1 : 1)));
    const fewer = TAILNET_PREFIXES.filter((p) => p !== "198.19.100.100/32");
    await agent().setWindows([{ ...tailscale, routes: fewer }, fullTunnel]);
    await agent().waitFor((st) => st.tunnelRoutes?.routes.length === fewer.length, "the MagicDNS route to go");
    expect(await routes()).toEqual([...fewer].sort().map((p) => [p, 1280]));
    expect((await agent().journal()).slice(seen).filter((r) => r.event.type.startsWith("probe.") || r.event.type.startsWith("apply."))).toEqual([]);
    await agent().setWindows([tailscale, fullTunnel]);
    await agent().waitFor((st) => st.tunnelRoutes?.routes.length === TAILNET_PREFIXES.length, "Tailscale's usual prefixes");
  });

  it("WSL rewrites eth0 to Tailscale's 1280: no route is needed at 1280, and they are back once the agent re-applies 1337", async () => {
    const seen = (await agent().journal()).length;
    await agent().rewriteMtu(1280);
    // The journal, not the status: the agent may set 1337 again before a status poll sees 1280.
    await agent().waitForJournal((rs) => rs.slice(seen).some((r) => r.event.type === "link.mtu" && r.event.mtu === 1280), "the agent to see eth0 at 1280");
    await agent().waitForJournal((rs) => rs.slice(seen).some((r) => r.event.type === "apply.done" && r.event.mtu === 1337), "the agent to apply 1337 again");
    const s = await agent().waitFor((st) => st.mtu === 1337 && (st.tunnelRoutes?.routes.length ?? 0) > 0, "eth0 back at 1337 with the safe routes");
    expect(s.state.startsWith("Applied")).toBe(true);
    expect(await routes()).toEqual(TAILNET_ROUTES);
  });

  it("both disconnect: eth0 back to 1500 and no route left", async () => {
    await agent().setWindows(null);
    const s = await agent().waitForState("Direct.idle", 60_000, (st) => st.vpn === null && (st.tunnelRoutes ?? null) === null && st.mtu === 1500);
    expect(s.mtu).toBe(1500);
    expect(await routes()).toEqual([]);
  });

  it("stop removes them", async () => {
    await agent().setWindows([tailscale, fullTunnel]);
    await applied();
    expect((await agent().stop("SIGTERM")).code).toBe(0);
    expect(await routes()).toEqual([]);
  });

  it("SIGKILL leaves them, the next start removes them", async () => {
    await agent().start({ windows: [tailscale, fullTunnel] });
    await applied();
    await agent().stop("SIGKILL");
    expect(await routes()).toEqual(TAILNET_ROUTES);
    await agent().start({ windows: null });
    await agent().waitForState("Direct.idle");
    expect(await routes()).toEqual([]);
    expect(await agent().leftovers()).toEqual([]);
    expect((await agent().stop("SIGTERM")).code).toBe(0);
    const replay = await agent().replay();
    expect(replay.code, replay.stderr).toBe(0);
  });
});
