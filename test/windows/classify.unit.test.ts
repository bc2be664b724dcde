import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { classify, createClassifier, type AdapterSnapshot } from "../../src/windows/index.js";

const c = createClassifier();
const up = (name: string, description: string, mtu = 1400, extra: Partial<AdapterSnapshot> = {}): AdapterSnapshot => ({
  name, description, status: "Up", mtu, ...extra,
});
const ethernet = up("Ethernet", "Intel(R) Ethernet Connection I219-LM", 1500, { defaultRoute: true, metric: 25 });
const wsl = up("vEthernet (WSL (Hyper-V firewall))", "Hyper-V Virtual Ethernet Adapter", 1500);

// Real adapter names and descriptions as each client installs them.
const vendors: readonly [string, string, string][] = [
  ["Cisco AnyConnect", "Ethernet 3", "Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter for Windows x64"],
  ["Cisco Secure Client", "Ethernet 4", "Cisco Secure Client Virtual Miniport Adapter for Windows x64"],
  ["GlobalProtect", "Ethernet 2", "PANGP Virtual Ethernet Adapter Secure"],
  ["Fortinet SSL", "Ethernet 5", "Fortinet SSL VPN Virtual Ethernet Adapter"],
  ["Fortinet IPsec", "Ethernet 6", "Fortinet Virtual Ethernet Adapter (NDIS 6.30)"],
  ["OpenVPN TAP", "OpenVPN TAP-Windows6", "TAP-Windows Adapter V9"],
  ["OpenVPN Wintun", "OpenVPN Wintun", "Wintun Userspace Tunnel"],
  ["OpenVPN DCO", "OpenVPN Data Channel Offload", "OpenVPN Data Channel Offload"],
  ["WireGuard", "wg0", "WireGuard Tunnel"],
  ["Zscaler", "Ethernet 7", "Zscaler Network Adapter 1.0.2.0"],
  ["Juniper", "Ethernet 8", "Juniper Networks Virtual Adapter"],
  ["Pulse", "Ethernet 9", "Pulse Secure Virtual Adapter"],
  ["Ivanti", "Ethernet 10", "Ivanti Secure Access Virtual Adapter"],
  ["Check Point", "Ethernet 11", "Check Point Virtual Network Adapter For Endpoint VPN Client"],
  ["SonicWall", "Ethernet 12", "SonicWall NetExtender Adapter"],
  ["F5", "Ethernet 13", "F5 Networks VPN Adapter"],
  ["Windows built-in (IKEv2)", "Corp VPN", "WAN Miniport (IKEv2)"],
  ["Windows built-in (SSTP)", "Home VPN", "WAN Miniport (SSTP)"],
  // Names as the sources in src/windows/patterns.ts show them.
  ["Cloudflare WARP", "CloudflareWARP", "(description not confirmed)"],
  ["Tailscale", "Tailscale", "Tailscale Tunnel"],
  ["NordLynx", "NordLynx", "NordLynx Tunnel"],
  ["NordVPN OpenVPN", "Ethernet 14", "TAP-NordVPN Windows Adapter V9"],
  ["Mullvad", "Mullvad GotaTun", "Mullvad Tunnel"],
  ["Proton VPN", "ProtonVPN", "ProtonVPN TUN Tunnel"],
  ["Proton VPN TAP", "Ethernet 15", "TAP-ProtonVPN Windows Adapter V9"],
  ["Sophos", "Ethernet 16", "Sophos SSL VPN Adapter"],
  ["Citrix", "Citrix Virtual Adapter", "Citrix Virtual Adapter"],
];

describe("classify", () => {
  it.each(vendors)("detects %s", (_vendor, name, description) => {
    const snapshot = { adapters: [ethernet, wsl, up(name, description, 1406)] };
    expect(classify(snapshot, c)).toEqual({ name, description, mtuHint: 1406 });
  });

  it.each(vendors)("ignores %s when it is not Up", (_vendor, name, description) => {
    const snapshot = { adapters: [ethernet, { ...up(name, description), status: "Disconnected" }] };
    expect(classify(snapshot, c)).toBeNull();
  });

  it("matches case-insensitively on name or description", () => {
    expect(classify({ adapters: [up("my wireguard tunnel", "x")] }, c)?.name).toBe("my wireguard tunnel");
    expect(classify({ adapters: [{ ...up("x", "pangp virtual"), status: "UP" }] }, c)?.name).toBe("x");
  });

  it("finds no VPN on a plain network, WSL's switch, Hyper-V or loopback", () => {
    const loopback = up("Loopback Pseudo-Interface 1", "Software Loopback Interface 1", 1500);
    expect(classify({ adapters: [ethernet, wsl, loopback] }, c)).toBeNull();
    expect(classify({ adapters: [] }, c)).toBeNull();
  });

  it("never takes an excluded adapter even when its name matches a VPN pattern", () => {
    expect(classify({ adapters: [up("vEthernet (WireGuard)", "Hyper-V Virtual Ethernet Adapter")] }, c)).toBeNull();
  });

  it("prefers the VPN owning the default route, lowest metric first", () => {
    const a = up("wg0", "WireGuard Tunnel", 1420, { defaultRoute: true, metric: 5 });
    const b = up("Ethernet 2", "PANGP Virtual Ethernet Adapter", 1400, { defaultRoute: true, metric: 1 });
    const d = up("Ethernet 3", "Zscaler Network Adapter", 1200);
    expect(classify({ adapters: [a, b, d] }, c)?.name).toBe("Ethernet 2");
    expect(classify({ adapters: [a, d] }, c)?.name).toBe("wg0");
  });

  it("falls back to the smallest MTU, independent of adapter order", () => {
    const a = up("wg0", "WireGuard Tunnel", 1420);
    const b = up("Ethernet 2", "PANGP Virtual Ethernet Adapter", 1400);
    expect(classify({ adapters: [a, b] }, c)?.name).toBe("Ethernet 2");
    expect(classify({ adapters: [b, a] }, c)?.name).toBe("Ethernet 2");
  });

  it("uses user patterns instead of the defaults", () => {
    const custom = createClassifier(["Acme Tunnel"]);
    expect(classify({ adapters: [up("x", "ACME TUNNEL driver")] }, custom)?.name).toBe("x");
    expect(classify({ adapters: [up("wg0", "WireGuard Tunnel")] }, custom)).toBeNull();
  });

  it("treats pattern characters literally (substring, not regex)", () => {
    const custom = createClassifier(["Corp (VPN)*"]);
    expect(classify({ adapters: [up("Corp (VPN)* 2", "d")] }, custom)?.name).toBe("Corp (VPN)* 2");
    expect(classify({ adapters: [up("Corp VPN", "d")] }, custom)).toBeNull();
  });

  it("rejects invalid user patterns with one clear problem each", () => {
    const attempt = () => createClassifier(["ok", "", "  ", 7, "a\nb", "x".repeat(201)]);
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (e) {
      expect((e as ConfigError).problems).toEqual([
        "windows.vpnPatterns[1]: must not be empty or blank (it would match every adapter)",
        "windows.vpnPatterns[2]: must not be empty or blank (it would match every adapter)",
        "windows.vpnPatterns[3]: must be a string, got 7",
        'windows.vpnPatterns[4]: contains a control character: "a\\nb"',
        "windows.vpnPatterns[5]: longer than 200 characters",
      ]);
    }
  });
});
