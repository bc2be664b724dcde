// IPv4 prefixes as the watcher reports them (canonical "a.b.c.d/n"), without node:net: the machine stays pure.

/** The address as a 32-bit unsigned number, or null when it is not dotted-quad IPv4. Pure. */
export function ipv4Number(address: string): number | null {
  const parts = address.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

/** True when `address` lies inside `prefix` ("10.0.0.0/8"); false for anything malformed. Pure. */
export function prefixContains(prefix: string, address: string): boolean {
  const [net, lenText] = prefix.split("/");
  const len = Number(lenText);
  const base = ipv4Number(net ?? "");
  const addr = ipv4Number(address);
  if (base === null || addr === null || !Number.isInteger(len) || len < 0 || len > 32) return false;
  const size = 2 ** (32 - len);
  return Math.floor(addr / size) === Math.floor(base / size);
}

/** Prefixes named in a line before the rest is counted. */
const LISTED = 4;

/** `10.0.0.0/8, 172.16.0.0/12, … and 3 more`: a bounded list for messages; "no prefixes" when empty. Pure. */
export function listPrefixes(prefixes: readonly string[]): string {
  const more = prefixes.length > LISTED ? ` and ${prefixes.length - LISTED} more` : "";
  return `${prefixes.slice(0, LISTED).join(", ") || "no prefixes"}${more}`;
}
