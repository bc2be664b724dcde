/**
 * Longest adapter name, description or status accepted from the watcher (src/windows/snapshot.ts).
 * Windows keeps them to 256 characters; the bound keeps a journal record that carries them far
 * below the journal's line limit, and bounds the keys of the known MTUs (machines/known.ts).
 */
export const MAX_ADAPTER_TEXT = 1024;

/** Where the VPN carries traffic: everything, or only these IPv4 prefixes (CIDR, e.g. "10.0.0.0/8"). */
export type Tunnel = { readonly kind: "full" } | { readonly kind: "split"; readonly prefixes: readonly string[] };

/** What the machine knows about the VPN Windows reports: the adapter chosen by classification. */
export interface VpnInfo {
  readonly name: string;
  readonly description: string;
  /** The Windows adapter's IPv4 MTU: a hint for probing, never applied as is. */
  readonly mtuHint: number | null;
  /**
   * Absent in journals before routes were reported and for watchers that send no routes: a full tunnel.
   * Split prefixes are canonical (network address, sorted, deduplicated: src/windows/prefix.ts).
   */
  readonly tunnel?: Tunnel;
}

const FULL: Tunnel = { kind: "full" };

/** The VPN's tunnel, a full one when none was reported. Pure. */
export function tunnelOf(vpn: VpnInfo): Tunnel {
  return vpn.tunnel ?? FULL;
}

/** Key under which a VPN's last verified MTU is remembered: the adapter, not its routes. Pure. */
export function vpnKey(vpn: VpnInfo): string {
  return `${vpn.name}\u0000${vpn.description}`;
}

/**
 * True when two snapshots describe the same VPN with the same hint and the same tunnel (prefixes
 * compared as sets), so a change of prefixes while connected is a VPN change. Pure.
 */
export function sameVpn(a: VpnInfo | null, b: VpnInfo | null): boolean {
  if (a === null || b === null) return a === b;
  return a.name === b.name && a.description === b.description && a.mtuHint === b.mtuHint && sameTunnel(tunnelOf(a), tunnelOf(b));
}

function sameTunnel(a: Tunnel, b: Tunnel): boolean {
  if (a.kind === "full" || b.kind === "full") return a.kind === b.kind;
  const left = new Set(a.prefixes);
  const right = new Set(b.prefixes);
  return left.size === right.size && [...left].every((p) => right.has(p));
}
