import { BlockList, isIP } from "node:net";

/**
 * Whether a no_proxy value excludes `host` (as the URL names it) on `port`. Honoured forms,
 * comma-separated, case-insensitive, blanks ignored: `*` (every host); a name, which matches
 * itself and its subdomains, with or without a leading `.` or `*.` (`corp.example`,
 * `.corp.example`, `*.corp.example`); an IPv4 address, matching the URL's IPv4 literal; an IPv4
 * CIDR block (`10.0.0.0/8`), matching an IPv4 literal in it; any of these with `:port`, matching
 * only that port. Names are not resolved to match addresses (curl does not either). Pure.
 */
export function noProxyExcludes(value: string, host: string, port: number): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  return value
    .split(",")
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== "")
    .some((entry) => entryMatches(entry, h, port));
}

function entryMatches(entry: string, host: string, port: number): boolean {
  if (entry === "*") return true;
  const withPort = /^(.*):(\d{1,5})$/.exec(entry);
  if (withPort !== null && !entry.includes("/")) {
    if (Number(withPort[2]) !== port) return false;
    entry = withPort[1] ?? "";
  }
  if (entry.includes("/")) return inCidr(entry, host);
  if (isIP(entry) === 4) return entry === host;
  const domain = entry.replace(/^\*?\./, "").replace(/\.$/, "");
  return domain !== "" && (host === domain || host.endsWith(`.${domain}`));
}

function inCidr(entry: string, host: string): boolean {
  const [net = "", bits = ""] = entry.split("/");
  const prefix = Number(bits);
  if (isIP(net) !== 4 || isIP(host) !== 4 || !/^\d{1,2}$/.test(bits) || prefix > 32) return false;
  const list = new BlockList();
  list.addSubnet(net, prefix, "ipv4");
  return list.check(host, "ipv4");
}
