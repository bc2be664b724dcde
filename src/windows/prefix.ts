/** An IPv4 prefix as numbers: the address as an unsigned 32-bit integer and the prefix length. */
export interface Prefix {
  readonly address: number;
  readonly length: number;
}

// Decimal octets without leading zeros: "010" would mean 8 to some parsers and 10 to others.
const OCTET = "(0|[1-9]\\d{0,2})";
const CIDR = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}/(0|[1-9]\\d?)$`);

/** Parses "a.b.c.d/n" (host bits may be set), or returns what is wrong with it. Pure. */
export function parsePrefix(text: string): Prefix | string {
  const m = CIDR.exec(text);
  if (m === null) return "is not an IPv4 prefix like 10.0.0.0/8";
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return "has an octet above 255";
  const length = Number(m[5]);
  if (length > 32) return "has a prefix length above 32";
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  return { address, length };
}

/** The prefix with its host bits cleared. Pure. */
export function networkOf(p: Prefix): Prefix {
  const mask = p.length === 0 ? 0 : (0xffffffff << (32 - p.length)) >>> 0;
  return { address: (p.address & mask) >>> 0, length: p.length };
}

/** "a.b.c.d/n". Pure. */
export function formatPrefix(p: Prefix): string {
  const a = p.address;
  return `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}/${p.length}`;
}

/** True when `text` is a prefix in canonical form: valid, network address, no leading zeros. Pure. */
export function isCanonicalPrefix(text: string): boolean {
  const p = parsePrefix(text);
  return typeof p !== "string" && formatPrefix(networkOf(p)) === text;
}

/**
 * The canonical list of prefixes: network addresses, deduplicated, sorted by address then length,
 * so two reports of the same routes in any order compare equal. Pure.
 */
export function canonicalPrefixes(prefixes: readonly Prefix[]): string[] {
  const unique = new Map<string, Prefix>();
  for (const p of prefixes) {
    const n = networkOf(p);
    unique.set(formatPrefix(n), n);
  }
  return [...unique.values()].sort((a, b) => a.address - b.address || a.length - b.length).map(formatPrefix);
}
