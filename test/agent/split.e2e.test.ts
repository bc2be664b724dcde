import { describe, expect, it } from "vitest";
import { FULL_TUNNEL_ROUTES } from "../../machines/index.js";
import { CORPORATE_PREFIX, INTERNET } from "../../src/lab/topology/split.js";
import { anyConnect } from "../support/agentLab.js";
import { skipE2e } from "../support/root.js";
import { agentRoutes, defaultRoute, pathMtu, splitAnyConnect, upload } from "../support/splitLab.js";
import { useAgentLab } from "../support/useAgentLab.js";

// The split lab: the corporate server (198.19.0.2) behind the narrow link (1400, TCP ≤ 1372), the
// internet server (198.19.128.2) on a link at 1500. One lab; each part starts its own agent.
describe.skipIf(skipE2e)("a split tunnel: the MTU goes on routes for the VPN's prefix, nothing else changes", () => {
  const agent = useAgentLab({ prefix: "wvasplit", lab: { linkMtu: 1400, tcpLimit: 1372, topology: "split" }, config: { "retry.baseMs": 600_000, "retry.maxMs": 600_000 } });
  const corporate = (): Promise<{ ok: boolean; detail: string }> => upload(agent().lab, agent().lab.url, { caFile: agent().lab.caFile });
  const internet = (): Promise<{ ok: boolean; detail: string }> => upload(agent().lab, INTERNET.url, "insecure");

  it("before the agent: a large upload to the corporate server is black-holed, to the internet server it works", async () => {
    expect((await corporate()).ok).toBe(false);
    expect(await internet()).toMatchObject({ ok: true });
  });

  it("VPN connects as a split tunnel → probed, the corporate prefix gets the MTU as a route, eth0 and the internet stay at 1500", async () => {
    await agent().start({ windows: null });
    await agent().waitForState("Direct.idle");
    await agent().setWindows(splitAnyConnect);
    const s = await agent().waitForState("Applied", 60_000, (st) => st.appliedMtu !== null);
    expect(s).toMatchObject({ appliedMtu: 1372, mtu: 1500, routes: { prefixes: [CORPORATE_PREFIX], mtu: 1372 }, vpn: { tunnel: { kind: "split", prefixes: [CORPORATE_PREFIX] } } });
    expect(await agentRoutes(agent().lab)).toEqual([{ dst: CORPORATE_PREFIX, gateway: agent().lab.addresses.routerWsl, dev: "eth0", mtu: 1372 }]);
    expect(await agent().linkMtu()).toBe(1500);
    expect(await pathMtu(agent().lab, agent().lab.addresses.server)).toBe(1372);
    expect(await pathMtu(agent().lab, INTERNET.address)).toBe(1500);
    expect(await corporate()).toMatchObject({ ok: true });
    expect(await internet()).toMatchObject({ ok: true });
  });

  it("WSL rewriting eth0's MTU changes nothing of the agent's: the route stays, nothing is applied again", async () => {
    const seen = (await agent().journal()).length;
    await agent().rewriteMtu(1400);
    await agent().waitFor((s) => s.mtu === 1400, "the agent to see eth0 at 1400");
    await agent().rewriteMtu(1500);
    const s = await agent().waitFor((st) => st.mtu === 1500, "the agent to see eth0 at 1500 again");
    expect(s.state).toBe("Applied.steady");
    expect((await agent().journal()).slice(seen).filter((r) => r.event.type === "apply.done")).toEqual([]);
    expect((await agentRoutes(agent().lab)).map((r) => [r.dst, r.mtu])).toEqual([[CORPORATE_PREFIX, 1372]]);
  });

  it("VPN disconnects → the agent's route is removed", async () => {
    await agent().setWindows(null);
    const s = await agent().waitForState("Direct.idle", 60_000, (st) => st.vpn === null && (st.routes ?? null) === null);
    expect(s.mtu).toBe(1500);
    expect(await agentRoutes(agent().lab)).toEqual([]);
    expect(await pathMtu(agent().lab, agent().lab.addresses.server)).toBe(1500);
  });

  it("SIGKILL while the route is in place, then a restart: no stale route is left", async () => {
    await agent().setWindows(splitAnyConnect);
    await agent().waitForState("Applied", 60_000, (st) => st.appliedMtu === 1372);
    expect(await agentRoutes(agent().lab)).toHaveLength(1);
    await agent().stop("SIGKILL");
    expect(await agentRoutes(agent().lab)).toHaveLength(1);
    await agent().start({ windows: null });
    await agent().waitForState("Direct.idle");
    expect(await agentRoutes(agent().lab)).toEqual([]);
    expect(await agent().leftovers()).toEqual([]);
  });

  it("stops on SIGTERM and its journal replays", async () => {
    expect((await agent().stop("SIGTERM")).code).toBe(0);
    const replay = await agent().replay();
    expect(replay.code, replay.stderr).toBe(0);
  });

  it("a probe target outside the VPN's prefixes → Direct for it: nothing probed or applied, no retries, status names the tunnel that does not carry it", async () => {
    // verify.url names the internet server: a split tunnel carrying only the corporate prefix does not reach it.
    const config = { verify: { url: INTERNET.url, caFile: null, insecure: true, timeoutMs: 3000 }, "retry.baseMs": 100, "retry.maxMs": 100 };
    await agent().start({ windows: null, config });
    await agent().waitForState("Direct.idle");
    const seen = (await agent().journal()).length;
    await agent().setWindows(splitAnyConnect);
    const s = await agent().waitFor((st) => (st.tunnels ?? []).length === 1, "the agent to see the split tunnel");
    expect(s).toMatchObject({ state: "Direct.idle", vpn: null, lastError: null, target: { url: INTERNET.url, address: INTERNET.address } });
    expect(s.tunnels).toMatchObject([{ name: "Ethernet 3", tunnel: { kind: "split", prefixes: [CORPORATE_PREFIX] } }]);
    // Later inputs (WSL rewriting eth0 and back) measure a while with events, not a sleep: a retry loop would have fired by then.
    await agent().rewriteMtu(1400);
    await agent().waitFor((st) => st.mtu === 1400, "the agent to see eth0 at 1400");
    await agent().rewriteMtu(1500);
    // The tunnel it does not probe keeps its adapter's 1400 on its prefix while eth0 is above it (a safe route, not an apply).
    const back = await agent().waitFor((st) => st.mtu === 1500 && (st.tunnelRoutes ?? null) !== null, "the agent to see eth0 at 1500 again");
    expect(back.tunnelRoutes).toEqual({ source: "adapter", routes: [{ prefix: CORPORATE_PREFIX, mtu: 1400, tunnels: ["Ethernet 3"] }], notOwned: [] });
    const records = (await agent().journal()).slice(seen);
    expect(records.map((r) => r.event.type).filter((t) => t !== "network.settled" && t !== "link.mtu")).toEqual([]);
    expect(records.every((r) => r.state === "Direct.idle")).toBe(true);
    expect(await agentRoutes(agent().lab)).toEqual([{ dst: CORPORATE_PREFIX, gateway: agent().lab.addresses.routerWsl, dev: "eth0", mtu: 1400 }]);
    expect(await agent().linkMtu()).toBe(1500);
    const exit = await agent().stop("SIGTERM");
    expect(exit.stdout.split("\n").some((l) => l.includes("none carries") && l.includes(INTERNET.url))).toBe(true);
    expect(await agentRoutes(agent().lab)).toEqual([]);
  });

  it("profiles[].url points a split tunnel at a host inside it: Applied on the route", async () => {
    const config = { verify: { url: INTERNET.url, caFile: null, insecure: true, timeoutMs: 3000 }, profiles: [{ match: "anyconnect", url: agent().lab.url }] };
    await agent().start({ windows: splitAnyConnect, config });
    const s = await agent().waitForState("Applied", 60_000, (st) => st.appliedMtu !== null);
    expect(s.routes).toEqual({ prefixes: [CORPORATE_PREFIX], mtu: 1372 });
    expect((await agent().stop("SIGTERM")).code).toBe(0);
    expect(await agentRoutes(agent().lab)).toEqual([]);
  });

  it('apply.scope "interface" on a split tunnel lowers eth0 as before, and puts no route', async () => {
    await agent().start({ windows: null, config: { apply: { scope: "interface" } } });
    await agent().waitForState("Direct.idle");
    await agent().setWindows(splitAnyConnect);
    const s = await agent().waitForState("Applied", 60_000, (st) => st.appliedMtu !== null);
    expect(s).toMatchObject({ mtu: 1372, appliedMtu: 1372, routes: null });
    expect(await agent().linkMtu()).toBe(1372);
    expect(await agentRoutes(agent().lab)).toEqual([]);
    expect((await agent().stop("SIGTERM")).code).toBe(0);
    expect(await agent().linkMtu()).toBe(1500);
  });

  it('apply.scope "routes" on a full tunnel puts the MTU on the default path (0/1 + 128/1), leaving the default route and eth0 alone', async () => {
    const before = await defaultRoute(agent().lab);
    await agent().start({ windows: null, config: { apply: { scope: "routes" } } });
    await agent().waitForState("Direct.idle");
    await agent().setWindows(anyConnect);
    const s = await agent().waitForState("Applied", 60_000, (st) => st.appliedMtu !== null);
    expect(s).toMatchObject({ mtu: 1500, appliedMtu: 1372, routes: { prefixes: FULL_TUNNEL_ROUTES, mtu: 1372 } });
    expect((await agentRoutes(agent().lab)).map((r) => [r.dst, r.mtu])).toEqual(FULL_TUNNEL_ROUTES.map((p) => [p, 1372]));
    expect(await defaultRoute(agent().lab)).toEqual(before);
    expect(await pathMtu(agent().lab, agent().lab.addresses.server)).toBe(1372);
    expect(await pathMtu(agent().lab, INTERNET.address)).toBe(1372);
    expect(await agent().linkMtu()).toBe(1500);
    expect((await agent().stop("SIGTERM")).code).toBe(0);
    expect(await agentRoutes(agent().lab)).toEqual([]);
    expect(await defaultRoute(agent().lab)).toEqual(before);
  });
});
