import { firstValueFrom, from, toArray } from "rxjs";
import { describe, expect, it } from "vitest";
import type { Profile } from "../../machines/index.js";
import { createLogger } from "../../src/log/index.js";
import { withProbeTarget } from "../../src/runtime/probeTarget.js";
import type { NetworkSettledEvent } from "../../src/sources/settledNetwork.js";
import { createClassifier, type AdapterSnapshot } from "../../src/windows/index.js";
import { viewOf } from "../../src/windows/view.js";

const up = (name: string, description: string, extra: Partial<AdapterSnapshot>): AdapterSnapshot => ({ name, description, status: "Up", mtu: 1500, ...extra });
const wifi = up("Wi-Fi", "Intel(R) Wi-Fi", { defaultRoute: true, metric: 35 });
const tailscale = up("Tailscale", "Tailscale Tunnel", { mtu: 1280, defaultRoute: false, routes: [{ prefix: "100.64.0.0/10", metric: 5 }] });
const corp = up("Ethernet 3", "Cisco AnyConnect Secure Mobility Client", { mtu: 1400, defaultRoute: false, routes: [{ prefix: "198.19.0.0/24", metric: 1 }] });
const full = up("Ethernet 4", "PANGP Virtual Ethernet Adapter", { mtu: 1420, defaultRoute: true, metric: 1 });
const view = (...adapters: AdapterSnapshot[]) => viewOf({ adapters }, createClassifier());
const addresses: Record<string, string> = { "https://corp.example/": "198.19.0.2", "https://www.example/": "198.19.128.2" };
const resolve = (url: string): Promise<string> => (url in addresses ? Promise.resolve(addresses[url] as string) : Promise.reject(new Error("ENOTFOUND")));

async function run(views: ReturnType<typeof view>[], verifyUrl = "https://corp.example/", profiles: Profile[] = []): Promise<NetworkSettledEvent[]> {
  const log = createLogger({ level: "silent" });
  return firstValueFrom(withProbeTarget(from(views), { profiles, verifyUrl, log, resolve }).pipe(toArray()));
}

describe("withProbeTarget: the VPN Windows routes the target through", () => {
  it("no tunnel up: no VPN, nothing resolved", async () => {
    expect(await run([view(wifi)], "https://nowhere.example/")).toEqual([{ type: "network.settled", vpn: null }]);
  });

  it("Tailscale alone does not carry the corporate target: no VPN, the tunnels up and the target it does not carry", async () => {
    const [e] = await run([view(wifi, tailscale)]);
    expect(e).toMatchObject({ vpn: null, probeTarget: { url: "https://corp.example/", address: "198.19.0.2" } });
    expect(e?.tunnels?.map((t) => t.name)).toEqual(["Tailscale"]);
  });

  it("a split VPN carrying the target is the VPN, with the target's address, beside Tailscale", async () => {
    const [e] = await run([view(tailscale, wifi, corp)]);
    expect(e?.vpn).toMatchObject({ name: "Ethernet 3", tunnel: { kind: "split", prefixes: ["198.19.0.0/24"] } });
    expect(e?.probeTarget).toEqual({ url: "https://corp.example/", address: "198.19.0.2" });
    expect(e?.tunnels?.map((t) => t.name)).toEqual(["Tailscale", "Ethernet 3"]);
  });

  it("a split VPN outside the target is no VPN for it (not a failure)", async () => {
    const [e] = await run([view(wifi, corp)], "https://www.example/");
    expect(e?.vpn).toBeNull();
  });

  it("a profile URL inside a split VPN makes it the VPN when verify.url goes elsewhere", async () => {
    const [e] = await run([view(wifi, corp)], "https://www.example/", [{ match: "anyconnect", url: "https://corp.example/" }]);
    expect(e?.vpn?.name).toBe("Ethernet 3");
    expect(e?.probeTarget).toEqual({ url: "https://corp.example/", address: "198.19.0.2" });
  });

  it("a target that does not resolve goes by the default route: a full tunnel takes it, without an address", async () => {
    const [e] = await run([view(wifi, full)], "https://nowhere.example/");
    expect(e?.vpn?.name).toBe("Ethernet 4");
    expect(e?.probeTarget).toBeUndefined();
  });

  it("two corporate VPNs, each with a profile URL routed through it: verify.url's VPN is the VPN, the other a target of its own", async () => {
    const zscaler = up("Zscaler", "Zscaler Network Adapter", { mtu: 1360, defaultRoute: false, routes: [{ prefix: "198.19.128.0/24", metric: 1 }] });
    const [e] = await run([view(wifi, zscaler, tailscale, corp)], "https://corp.example/", [{ match: "zscaler", url: "https://www.example/" }]);
    expect(e?.vpn?.name).toBe("Ethernet 3");
    expect(e?.targets).toEqual([{ vpn: expect.objectContaining({ name: "Zscaler" }), probeTarget: { url: "https://www.example/", address: "198.19.128.2" } }]);
  });

  it("a profile URL that Windows routes elsewhere gives its VPN no target", async () => {
    const [e] = await run([view(wifi, tailscale, corp)], "https://corp.example/", [{ match: "tailscale", url: "https://www.example/" }]);
    expect(e?.vpn?.name).toBe("Ethernet 3");
    expect(e?.targets).toBeUndefined();
  });

  it("main does not jump between VPNs: when its VPN goes, one already on its own path stays there", async () => {
    const zscaler = up("Zscaler", "Zscaler Network Adapter", { mtu: 1360, defaultRoute: false, routes: [{ prefix: "198.19.128.0/24", metric: 1 }] });
    const profiles = [{ match: "zscaler", url: "https://www.example/" }, { match: "anyconnect", url: "https://corp.example/" }];
    const events = await run([view(wifi, corp, zscaler), view(wifi, zscaler), view(wifi, corp, zscaler)], "https://nowhere.example/", profiles);
    // Zscaler (smallest MTU) is main's; AnyConnect its own path.
    expect([events[0]?.vpn?.name, events[0]?.targets?.map((t) => t.vpn.name)]).toEqual(["Zscaler", ["Ethernet 3"]]);
    expect([events[1]?.vpn?.name, events[1]?.targets]).toEqual(["Zscaler", undefined]);
    const first = await run([view(wifi, corp, zscaler), view(wifi, corp)], "https://nowhere.example/", profiles);
    // Zscaler goes: AnyConnect keeps its own path, main has no VPN.
    expect([first[1]?.vpn, first[1]?.targets?.map((t) => t.vpn.name)]).toEqual([null, ["Ethernet 3"]]);
  });
});
