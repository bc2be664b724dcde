import { describe, expect, it } from "vitest";
import { proxyEndpoints } from "../../src/lab/topology/proxy.js";
import { anyConnect, type SimVpn } from "../support/agentLab.js";
import { skipE2e } from "../support/root.js";
import { useAgentLab } from "../support/useAgentLab.js";

const proxy = proxyEndpoints();
// A VPN the agent has not seen yet, so each start probes (a known VPN's MTU is applied without one).
const vpn = (n: number): SimVpn => ({ ...anyConnect, name: `Ethernet ${10 + n}`, description: `${anyConnect.description} #${n}` });

// The corporate server answers HTTPS only through the proxy beside it (lab: link 1400, TCP ≤ 1372).
describe.skipIf(skipE2e)("the agent behind a corporate proxy (lab topology proxy)", () => {
  const agent = useAgentLab({ prefix: "wvapxy", lab: { linkMtu: 1400, tcpLimit: 1372, topology: "proxy" } });

  it("verify.proxy: probes and verifies through the proxy, applies the exact MTU, restores it on stop", async () => {
    await agent().start({ windows: vpn(1), config: { "verify.proxy": proxy.tunnel } });
    const s = await agent().waitForState("Applied", 60_000, (st) => st.appliedMtu !== null);
    expect(s).toMatchObject({ mtu: 1372, appliedMtu: 1372, lastError: null });
    expect(s.lastProbe?.evidence.notes).toContain(`through proxy ${proxy.address}:3128 (from verify.proxy): the MTU measured is that of the path to the proxy`);
    expect(await agent().linkMtu()).toBe(1372);
    expect((await agent().journal()).map((r) => r.event.type)).toContain("verify.passed");
    expect((await agent().stop()).code).toBe(0);
    expect(await agent().linkMtu()).toBe(1500);
    expect(await agent().leftovers()).toEqual([]);
  });

  it("https_proxy in the agent's environment instead of the key: the same", async () => {
    await agent().start({ windows: vpn(2), env: { https_proxy: proxy.tunnel } });
    const s = await agent().waitForState("Applied", 60_000, (st) => st.appliedMtu !== null);
    expect(s).toMatchObject({ mtu: 1372, appliedMtu: 1372 });
    expect(s.lastProbe?.evidence.notes).toContain(`through proxy ${proxy.address}:3128 (from https_proxy): the MTU measured is that of the path to the proxy`);
    expect(await agent().linkMtu()).toBe(1372);
    expect((await agent().stop()).code).toBe(0);
  });

  it.each([
    ["auth", 3, "407 Proxy Authentication Required"],
    ["forbid", 4, "403 Forbidden"],
  ] as const)("a proxy answering %s: Degraded with that reason, nothing applied, the journal replays it", async (which, n, answer) => {
    const reason = `proxy ${proxy[which].slice("http://".length)} answered ${answer}`;
    await agent().start({ windows: vpn(n), config: { "verify.proxy": proxy[which] } });
    const s = await agent().waitForState("Degraded", 60_000, (st) => st.lastError !== null);
    expect(s).toMatchObject({ lastError: reason, appliedMtu: null, mtu: 1500 });
    expect(await agent().linkMtu()).toBe(1500);
    const records = await agent().journal();
    const failed = records.filter((r) => r.event.type === "probe.failed").at(-1);
    expect(failed?.event).toMatchObject({ reason, evidence: { sizes: [] } });
    expect(records.slice(records.indexOf(failed ?? records[0]!)).some((r) => r.event.type === "apply.done")).toBe(false);
    expect((await agent().stop()).code).toBe(0);
    const replay = await agent().replay();
    expect(replay.code, replay.stderr).toBe(0);
    expect(replay.stdout).toContain(reason);
  });
});
