import { describe, expect, it } from "vitest";
import { vpnKey, type VpnInfo } from "../../machines/index.js";
import { tunnelSafeRoutes } from "../../src/runtime/tunnelSafeRoutes.js";

const tailscale: VpnInfo = { name: "Tailscale", description: "Tailscale Tunnel", mtuHint: 1280, tunnel: { kind: "split", prefixes: ["100.100.100.100/32", "100.64.0.0/10"] } };
const anyConnect: VpnInfo = { name: "Ethernet 3", description: "Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter", mtuHint: 1400, tunnel: { kind: "full" } };
const pangp: VpnInfo = { name: "Ethernet 4", description: "PANGP Virtual Ethernet Adapter Secure", mtuHint: 1400, tunnel: { kind: "split", prefixes: ["10.0.0.0/8"] } };

describe("routes that keep tunnels without a probe target at their Windows MTU", () => {
  it("Tailscale beside a probed full tunnel, eth0 at the corporate 1337: the tailnet's prefixes at 1280, the full tunnel's none", () => {
    expect(tunnelSafeRoutes({ tunnels: [anyConnect, tailscale], targets: new Set([vpnKey(anyConnect)]), ifaceMtu: 1337 })).toEqual([
      { prefix: "100.100.100.100/32", mtu: 1280, tunnels: ["Tailscale"] },
      { prefix: "100.64.0.0/10", mtu: 1280, tunnels: ["Tailscale"] },
    ]);
  });

  it("nothing when the interface is not above the tunnel's MTU (WSL copied Tailscale's 1280 to eth0)", () => {
    expect(tunnelSafeRoutes({ tunnels: [anyConnect, tailscale], targets: new Set([vpnKey(anyConnect)]), ifaceMtu: 1280 })).toEqual([]);
  });

  it("a full tunnel without a target gets none (it may carry nothing: its 0.0.0.0/0 can lose to Wi-Fi's), nor one whose routes were not reported", () => {
    expect(tunnelSafeRoutes({ tunnels: [anyConnect, pangp], targets: new Set([vpnKey(pangp)]), ifaceMtu: 1500 })).toEqual([]);
    const { tunnel: _unreported, ...noRoutes } = pangp;
    expect(tunnelSafeRoutes({ tunnels: [noRoutes, anyConnect], targets: new Set([vpnKey(anyConnect)]), ifaceMtu: 1500 })).toEqual([]);
  });

  it("two tunnels reporting one prefix: the lower MTU, naming the tunnel it comes from", () => {
    const wg: VpnInfo = { name: "wg0", description: "WireGuard Tunnel", mtuHint: 1420, tunnel: { kind: "split", prefixes: ["10.0.0.0/8"] } };
    expect(tunnelSafeRoutes({ tunnels: [wg, pangp], targets: new Set(), ifaceMtu: 1500 })).toEqual([{ prefix: "10.0.0.0/8", mtu: 1400, tunnels: ["Ethernet 4"] }]);
  });

  it("no tunnel up, or only the probed one: nothing", () => {
    expect(tunnelSafeRoutes({ tunnels: [], targets: new Set(), ifaceMtu: 1500 })).toEqual([]);
    expect(tunnelSafeRoutes({ tunnels: [pangp], targets: new Set([vpnKey(pangp)]), ifaceMtu: 1500 })).toEqual([]);
  });
});
