/** WSL 2's networking modes as the doctor names them (`VirtioProxy` was renamed `Consomme` in WSL 2.9.0). */
export type NetworkMode = "NAT" | "mirrored" | "VirtioProxy/Consomme" | "bridged" | "none" | "unknown";

/** What the doctor read; each field is null when it could not be read. */
export interface ModeEvidence {
  /** `wslinfo --networking-mode` output, trimmed (WSL 2.0.4 and later). */
  readonly wslinfo: string | null;
  /** Interfaces in /sys/class/net. */
  readonly interfaces: readonly string[];
  /** `DRIVER=` of eth0's device (/sys/class/net/eth0/device/uevent): hv_netvsc (Hyper-V NIC) or virtio_net. */
  readonly eth0Driver: string | null;
  /** The IPv4 default route (/proc/net/route). */
  readonly defaultRoute: { readonly iface: string; readonly gateway: string } | null;
}

const WSLINFO: Readonly<Record<string, NetworkMode>> = { nat: "NAT", mirrored: "mirrored", virtioproxy: "VirtioProxy/Consomme", consomme: "VirtioProxy/Consomme", bridged: "bridged", none: "none" };

/**
 * The mode and the evidence that decided it, in words. `wslinfo` asks WSL's own init and wins; without
 * it: a virtio eth0 is VirtioProxy/Consomme (it also has loopback0, so this comes first), loopback0
 * beside a Hyper-V eth0 is mirrored, a Hyper-V eth0 alone is NAT. Pure.
 */
export function decideMode(e: ModeEvidence): { readonly mode: NetworkMode; readonly evidence: string[] } {
  const has = (i: string): boolean => e.interfaces.includes(i);
  const seen = [
    has("loopback0") ? "loopback0 present" : "no loopback0",
    e.eth0Driver === null ? (has("eth0") ? "eth0 driver unknown" : "no eth0") : `eth0 driver ${e.eth0Driver}`,
    e.defaultRoute === null ? "no IPv4 default route" : `default route via ${e.defaultRoute.gateway} dev ${e.defaultRoute.iface}`,
  ];
  const told = e.wslinfo === null ? undefined : WSLINFO[e.wslinfo.toLowerCase()];
  if (e.wslinfo !== null) return { mode: told ?? "unknown", evidence: [`wslinfo --networking-mode: ${JSON.stringify(e.wslinfo)}`, ...seen] };
  const guess: NetworkMode =
    e.eth0Driver === "virtio_net" ? "VirtioProxy/Consomme" : has("loopback0") ? "mirrored" : e.eth0Driver === "hv_netvsc" ? "NAT" : "unknown";
  return { mode: guess, evidence: ["no wslinfo answer (WSL before 2.0.4, or interop unavailable): from the interfaces", ...seen] };
}

/** The IPv4 default route in /proc/net/route text (hex, little-endian addresses); null if none. Pure. */
export function defaultRouteOf(text: string): ModeEvidence["defaultRoute"] {
  for (const line of text.split("\n").slice(1)) {
    const [iface, dest, gw, , , , metric, mask] = line.trim().split(/\s+/);
    if (iface === undefined || gw === undefined || dest !== "00000000" || mask !== "00000000" || metric === undefined) continue;
    const n = Number.parseInt(gw, 16);
    if (!/^[0-9A-Fa-f]{8}$/.test(gw)) continue;
    return { iface, gateway: [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24].join(".") };
  }
  return null;
}

/** What each mode means for the agent, one sentence. Pure. */
export function modeAdvice(mode: NetworkMode): string {
  switch (mode) {
    case "NAT":
      return "WSL copies the smallest Windows MTU to eth0; the agent manages eth0";
    case "mirrored":
      return "every Windows adapter, the VPN's included, has its own interface here; the one routing to verify.url is the one to manage";
    case "VirtioProxy/Consomme":
      return "WSL's fallback when NAT cannot start; it copies the smallest Windows MTU to eth0 too (black holes there are unverified)";
    case "bridged":
      return "eth0 is bridged to a Windows adapter (legacy mode); the agent manages it as in NAT";
    case "none":
      return "WSL gave this distribution no network: there is nothing to manage";
    case "unknown":
      return "the agent still works on the configured interface";
  }
}
