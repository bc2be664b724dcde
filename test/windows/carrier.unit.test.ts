import { describe, expect, it } from "vitest";
import { carrierOf, createClassifier, tunnelsUp, type AdapterSnapshot } from "../../src/windows/index.js";

const c = createClassifier();
const up = (name: string, description: string, extra: Partial<AdapterSnapshot> = {}): AdapterSnapshot => ({ name, description, status: "Up", mtu: 1500, ...extra });
const wifi = up("Wi-Fi", "Intel(R) Wi-Fi 6 AX201 160MHz", { defaultRoute: true, metric: 35, routes: [{ prefix: "0.0.0.0/0", metric: 35 }, { prefix: "192.168.1.0/24", metric: 35 }] });
const tailscale = up("Tailscale", "Tailscale Tunnel", { mtu: 1280, defaultRoute: false, routes: [{ prefix: "100.64.0.0/10", metric: 5 }, { prefix: "100.100.100.100/32", metric: 5 }] });
const pangp = (routes: { prefix: string; metric: number }[]) => up("Ethernet 2", "PANGP Virtual Ethernet Adapter", { mtu: 1400, defaultRoute: false, routes });
const corp = pangp([{ prefix: "10.0.0.0/8", metric: 1 }]);
const fullTunnel = up("Ethernet 3", "Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter", { mtu: 1406, routes: [{ prefix: "0.0.0.0/1", metric: 9000 }, { prefix: "128.0.0.0/1", metric: 9000 }] });
const carrier = (adapters: AdapterSnapshot[], address: string | null) => carrierOf({ adapters }, c, address)?.name ?? null;

describe("carrierOf: the VPN Windows routes the target through", () => {
  it("Tailscale alone does not carry a target outside its prefixes: no VPN for it", () => {
    expect(carrier([wifi, tailscale], "10.1.2.3")).toBeNull();
    expect(carrier([wifi, tailscale], null)).toBeNull();
    expect(tunnelsUp({ adapters: [wifi, tailscale] }, c).map((t) => t.name)).toEqual(["Tailscale"]);
  });

  it("Tailscale carries what its own prefixes name", () => {
    expect(carrier([wifi, tailscale], "100.101.0.7")).toBe("Tailscale");
    expect(carrier([wifi, tailscale], "100.100.100.100")).toBe("Tailscale");
  });

  it("a split corporate VPN carrying the target wins over Tailscale's smaller MTU", () => {
    expect(carrier([tailscale, wifi, corp], "10.1.2.3")).toBe("Ethernet 2");
    expect(carrierOf({ adapters: [tailscale, wifi, corp] }, c, "10.1.2.3")?.tunnel).toEqual({ kind: "split", prefixes: ["10.0.0.0/8"] });
  });

  it("the longest prefix wins, whatever the metrics", () => {
    const zscaler = up("Zscaler", "Zscaler Network Adapter 1.0.2.0", { mtu: 1460, defaultRoute: false, routes: [{ prefix: "10.1.0.0/16", metric: 9000 }] });
    expect(carrier([wifi, corp, zscaler], "10.1.2.3")).toBe("Zscaler");
    expect(carrier([wifi, corp, zscaler], "10.2.0.1")).toBe("Ethernet 2");
  });

  it("on equal prefixes the lowest effective metric wins", () => {
    const other = up("wg0", "WireGuard Tunnel", { mtu: 1420, defaultRoute: false, routes: [{ prefix: "10.0.0.0/8", metric: 0 }] });
    expect(carrier([wifi, corp, other], "10.1.2.3")).toBe("wg0");
  });

  it("a full tunnel's 0/1 + 128/1 pair beats the default route, and a longer split prefix beats the pair", () => {
    expect(carrier([wifi, fullTunnel], "198.18.0.1")).toBe("Ethernet 3");
    expect(carrier([wifi, fullTunnel], null)).toBe("Ethernet 3");
    expect(carrier([wifi, fullTunnel, corp], "10.1.2.3")).toBe("Ethernet 2");
    expect(carrier([wifi, fullTunnel, tailscale], "100.101.0.7")).toBe("Tailscale");
  });

  it("a more specific route of a physical adapter keeps the target off the full tunnel", () => {
    expect(carrier([wifi, fullTunnel], "192.168.1.20")).toBeNull();
  });

  it("a disconnected adapter's routes carry nothing", () => {
    expect(carrier([wifi, { ...corp, status: "Disconnected" }], "10.1.2.3")).toBeNull();
  });

  it("a VPN whose line reports no routing at all is read as a full tunnel, as before routes were reported", () => {
    const bare = up("Ethernet 7", "Zscaler Network Adapter 1.0.2.0", { mtu: 1400 });
    expect(carrier([wifi, bare], "10.1.2.3")).toBe("Ethernet 7");
    // ...but a reported route that gives the target to another VPN decides.
    expect(carrier([wifi, bare, corp], "10.1.2.3")).toBe("Ethernet 2");
  });
});
