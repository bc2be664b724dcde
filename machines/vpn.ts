/** What the machine knows about the VPN Windows reports: the adapter chosen by classification. */
export interface VpnInfo {
  readonly name: string;
  readonly description: string;
  /** The Windows adapter's IPv4 MTU: a hint for probing, never applied as is. */
  readonly mtuHint: number | null;
}

/** Key under which a VPN's last verified MTU is remembered. Pure. */
export function vpnKey(vpn: VpnInfo): string {
  return `${vpn.name}\u0000${vpn.description}`;
}

/** True when two snapshots describe the same VPN with the same hint. Pure. */
export function sameVpn(a: VpnInfo | null, b: VpnInfo | null): boolean {
  if (a === null || b === null) return a === b;
  return a.name === b.name && a.description === b.description && a.mtuHint === b.mtuHint;
}
