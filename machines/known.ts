import { MAX_ADAPTER_TEXT } from "./vpn.js";

/**
 * Bounds of the verified MTU per VPN (`known`). The map goes into state.json, into each start's
 * `xstate.init` and twice into every journal checkpoint (the context's and the input's), all of
 * which must stay far below the journal's 1 MiB line; and VPN names come from Windows, so they are
 * hostile input. A laptop meets a handful of VPNs: 32 is plenty, and 64 KiB of JSON holds 32
 * ordinary entries or five of the longest (a 1024-character name and description of control
 * characters, 6 JSON bytes each).
 */
export const KNOWN_LIMITS = {
  entries: 32,
  bytes: 64 * 1024,
  /** Longest key: a name and a description as long as the watcher accepts, and the NUL between them (`vpnKey`). */
  keyChars: 2 * MAX_ADAPTER_TEXT + 1,
} as const;

/** Last verified MTU per VPN key, least recently verified first (object keys keep insertion order; a VPN key, holding a NUL, is never an array index). */
export type KnownMtus = Readonly<Record<string, number>>;

const utf8 = new TextEncoder();

/** Bytes an entry takes in the JSON of the map: `"key":mtu,`. Pure. */
function entryBytes(key: string, mtu: number): number {
  return utf8.encode(`${JSON.stringify(key)}:${mtu},`).length;
}

/** True when `key` can be a VPN's: no longer than the watcher lets a name and a description be. Pure. */
export function knownKeyFits(key: string): boolean {
  return key.length <= KNOWN_LIMITS.keyChars;
}

/**
 * The map within KNOWN_LIMITS: keys no VPN can have are dropped, then the least recently verified
 * entries until at most `entries` are left whose JSON is at most `bytes`. Pure.
 */
export function boundKnown(known: KnownMtus): KnownMtus {
  const kept: [string, number][] = [];
  let bytes = 2; // the braces
  for (const [key, mtu] of Object.entries(known).filter(([k]) => knownKeyFits(k)).reverse()) {
    const cost = entryBytes(key, mtu);
    if (kept.length === KNOWN_LIMITS.entries || bytes + cost > KNOWN_LIMITS.bytes) break;
    kept.push([key, mtu]);
    bytes += cost;
  }
  return Object.fromEntries(kept.reverse());
}

/** The map with `key` verified at `mtu` just now (the most recent entry), within KNOWN_LIMITS. Pure. */
export function rememberKnown(known: KnownMtus, key: string, mtu: number): KnownMtus {
  if (!knownKeyFits(key)) return known;
  const rest = Object.entries(known).filter(([k]) => k !== key);
  return boundKnown(Object.fromEntries([...rest, [key, mtu]]));
}
