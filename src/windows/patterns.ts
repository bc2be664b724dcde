import { ConfigError } from "../errors.js";
import { preview } from "../text/preview.js";

/**
 * Default `windows.vpnPatterns`: case-insensitive substrings of an adapter's name or description.
 * Each entry names the vendor it is for, so a missing client is easy to spot and add.
 */
export const defaultVpnPatterns: readonly string[] = [
  "AnyConnect", // Cisco AnyConnect: "Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter"
  "Cisco Secure Client", // its successor
  "PANGP", // Palo Alto GlobalProtect: "PANGP Virtual Ethernet Adapter"
  "GlobalProtect",
  "Fortinet", // FortiClient: "Fortinet SSL VPN Virtual Ethernet Adapter", "Fortinet Virtual Ethernet Adapter (NDIS 6.30)"
  "FortiClient",
  "TAP-Windows", // OpenVPN classic: "TAP-Windows Adapter V9"
  "Wintun", // OpenVPN 2.5+/WireGuard userspace: "Wintun Userspace Tunnel"
  "OpenVPN", // "OpenVPN Data Channel Offload", "OpenVPN Wintun"
  "Data Channel Offload",
  "ovpn-dco",
  "WireGuard", // "WireGuard Tunnel"
  "Zscaler", // "Zscaler Network Adapter 1.0.2.0"
  "Juniper", // "Juniper Networks Virtual Adapter"
  "Pulse Secure", // "Pulse Secure Virtual Adapter"
  "Ivanti", // "Ivanti Secure Access Virtual Adapter"
  "Check Point", // "Check Point Virtual Network Adapter For Endpoint VPN Client"
  "SonicWall", // "SonicWall NetExtender" / "SonicWALL Virtual NIC"
  "NetExtender",
  "F5 Networks", // "F5 Networks VPN Adapter"
  "F5 VPN",
  "BIG-IP Edge", // F5 BIG-IP Edge Client
  "WAN Miniport", // Windows' built-in VPN (IKEv2, SSTP, L2TP, PPTP)
  // Added for issue 11, each name confirmed in public material (docs/windows.md lists the ones that could not be):
  "CloudflareWARP", // Cloudflare WARP: adapter "CloudflareWARP" in ipconfig (cloudflare/cloudflare-docs PR #9756, WARP architecture page)
  "Tailscale", // adapter "Tailscale", description "Tailscale Tunnel" (ipconfig and route print in tailscale/tailscale #524, #1327)
  "NordLynx", // NordVPN's WireGuard adapter: "NordLynx Tunnel" in the NordVPN app's own adapter log (NetworkAdapterInformationService)
  "NordVPN", // NordVPN's OpenVPN adapter: "TAP-NordVPN Windows Adapter V9", same log
  "Mullvad", // Mullvad VPN: adapter "Mullvad GotaTun", adapter type "Mullvad" that ends up in the description (mullvad/mullvadvpn-app source)
  "ProtonVPN", // Proton VPN: "ProtonVPN TUN Tunnel" and "TAP-ProtonVPN Windows Adapter V9" (ProtonVPN/win-app source and tests)
  "Sophos SSL VPN Adapter", // Sophos SSL VPN client: description "Sophos SSL VPN Adapter" (deployment scripts matching it in Get-NetAdapter/NetworkInterface)
  "Citrix Virtual Adapter", // Citrix Secure Access / Gateway plug-in: "Citrix Virtual Adapter" (Get-NetAdapter output and adapter checks in public code)
];

/** Adapters never taken for a VPN even when a pattern matches: WSL's own switch, Hyper-V, loopback. */
export const defaultExclusions: readonly string[] = ["vEthernet", "Hyper-V", "Loopback"];

/** A compiled list of patterns; `matches` is case-insensitive substring search on each text. */
export interface PatternSet {
  readonly patterns: readonly string[];
  matches(...texts: readonly string[]): boolean;
}

const MAX_PATTERN = 200;

/**
 * Validates and compiles patterns. A pattern is a plain substring (no wildcards, no regex), so
 * "Cisco (AnyConnect)" matches those characters literally. Throws ConfigError naming every bad
 * pattern: not a string, empty or blank (it would match every adapter), too long, or containing
 * control characters. Pure.
 */
export function compilePatterns(patterns: readonly unknown[], key = "windows.vpnPatterns"): PatternSet {
  const problems: string[] = [];
  const clean: string[] = [];
  for (const [i, p] of patterns.entries()) {
    const where = `${key}[${i}]`;
    if (typeof p !== "string") problems.push(`${where}: must be a string, got ${preview(p)}`);
    else if (p.trim() === "") problems.push(`${where}: must not be empty or blank (it would match every adapter)`);
    else if (p.length > MAX_PATTERN) problems.push(`${where}: longer than ${MAX_PATTERN} characters`);
    // eslint-disable-next-line no-control-regex -- control characters are exactly what we reject
    else if (/[\u0000-\u001f\u007f]/.test(p)) problems.push(`${where}: contains a control character: ${preview(p)}`);
    else clean.push(p);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const lowered = clean.map((p) => p.toLowerCase());
  return {
    patterns: clean,
    matches: (...texts) => texts.some((t) => { const lt = t.toLowerCase(); return lowered.some((p) => lt.includes(p)); }),
  };
}
