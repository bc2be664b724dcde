import { isPlainIfaceName } from "../link/ifaceName.js";
import { inMtuBounds, MTU_BOUNDS } from "../link/mtuBounds.js";
import { isIPv4, isIPv6 } from "node:net";
import { prefixContains } from "../../machines/cidr.js";

/** The nftables table the agent owns (family inet): created while an MTU is applied, removed with everything in it. */
export const CLAMP_TABLE = "wsl_vpn_agent";
export const CLAMP_CHAIN = "clamp_mss";
/** IPv4 + TCP headers, and IPv6 + TCP: the MSS that fits an MTU is the MTU minus these. */
export const HEADERS = { ipv4: 40, ipv6: 60 } as const;

/** What the clamp fits forwarded connections to. */
export interface ClampSpec {
  /** The managed interface (from the config or the kernel, never from Windows). */
  readonly iface: string;
  /** The MTU applied to it (or to the routes of `prefixes`). */
  readonly mtu: number;
  /** Only connections to these destinations (a split tunnel's routes); absent: every destination. */
  readonly prefixes?: readonly string[];
}

/** Why `spec` cannot become rules, or null. Pure. */
export function clampProblem(spec: ClampSpec): string | null {
  // nft strings have no escapes: a `"` or `}` in a name would end the rule early. Linux allows
  // more; such an interface is refused rather than quoted wrongly.
  if (!isPlainIfaceName(spec.iface)) return `interface name ${JSON.stringify(spec.iface)} cannot be written into an nftables rule (letters, digits and _ . @ + - only)`;
  const { min, max } = MTU_BOUNDS.clamp;
  if (!inMtuBounds(spec.mtu, MTU_BOUNDS.clamp)) return `MTU ${String(spec.mtu)} is not an integer in ${min}..${max}`;
  const bad = (spec.prefixes ?? []).find((p) => prefixFamily(p) === null);
  return bad === undefined ? null : `${JSON.stringify(bad)} is not an IPv4 or IPv6 prefix (address/length)`;
}

/** "ipv4" or "ipv6" for a prefix such as 10.0.0.0/8 or fd00::/8 (a bare address is a /32 or /128); null otherwise. Pure. */
export function prefixFamily(prefix: string): "ipv4" | "ipv6" | null {
  const [address = "", length, extra] = prefix.split("/");
  if (extra !== undefined) return null;
  const family = isIPv4(address) ? "ipv4" : isIPv6(address) ? "ipv6" : null;
  if (family === null || length === undefined) return family;
  const n = /^\d{1,3}$/.test(length) ? Number(length) : -1;
  return n >= 0 && n <= (family === "ipv4" ? 32 : 128) ? family : null;
}

/**
 * The nft script that replaces the table with the clamp for `spec`, in one transaction (`table`
 * then `delete table` makes the delete safe when the table is absent). Throws on a spec
 * `clampProblem` refuses. Pure.
 *
 * The MSS option of a forwarded SYN (or SYN-ACK) is lowered to the applied MTU minus the headers,
 * both ways through the interface: leaving it, so the far side sends segments that fit; arriving
 * through it, so the local side (a container) sends segments that fit without relying on ICMP.
 * An MSS already below the value is left alone. The chain never accepts or drops anything, so
 * another table's verdicts (Docker's FORWARD policy drop) still decide.
 */
export function clampScript(spec: ClampSpec): string {
  const problem = clampProblem(spec);
  if (problem !== null) throw new RangeError(`MSS clamp: ${problem}`);
  return [...clampReset(), `table inet ${CLAMP_TABLE} {`, `  chain ${CLAMP_CHAIN} {`,
    // -150 is the mangle priority (iptables' TCPMSS runs there): before every filter chain, Docker's included.
    "    type filter hook forward priority -150; policy accept;",
    ...clampRules(spec).map((r) => `    ${r}`), "  }", "}", ""].join("\n");
}

/** The script that removes the table if it exists (one transaction; no error when absent). Pure. */
export function clampRemoveScript(): string {
  return [...clampReset(), ""].join("\n");
}

function clampReset(): string[] {
  return [`table inet ${CLAMP_TABLE}`, `delete table inet ${CLAMP_TABLE}`];
}

/** The chain's rules for `spec` (already checked). Pure. */
export function clampRules(spec: ClampSpec): string[] {
  const rules: string[] = [];
  for (const family of ["ipv4", "ipv6"] as const) {
    const mss = spec.mtu - HEADERS[family];
    // The counter shows in `nft list table` how many SYNs were clamped.
    const set = `tcp flags syn tcp option maxseg size > ${mss} counter tcp option maxseg size set ${mss}`;
    const ip = family === "ipv4" ? "ip" : "ip6";
    if (spec.prefixes === undefined) {
      rules.push(`oifname "${spec.iface}" meta nfproto ${family} ${set}`, `iifname "${spec.iface}" meta nfproto ${family} ${set}`);
      continue;
    }
    const mine = uncovered(spec.prefixes.filter((p) => prefixFamily(p) === family));
    if (mine.length === 0) continue;
    const list = `{ ${mine.join(", ")} }`;
    rules.push(`oifname "${spec.iface}" ${ip} daddr ${list} ${set}`, `iifname "${spec.iface}" ${ip} saddr ${list} ${set}`);
  }
  return rules;
}

/** `q` covers `p` (IPv4; a bare address is a /32). Pure. */
function covers(q: string, p: string): boolean {
  const [net = "", len = "32"] = p.split("/");
  const qLen = Number(q.split("/")[1] ?? "32");
  return qLen <= Number(len) && prefixContains(q.includes("/") ? q : `${q}/32`, net);
}

/** The IPv4 prefixes no other one covers (and no repeats): nft before 0.9.4 refuses overlapping set elements. Pure. */
export function uncovered(prefixes: readonly string[]): string[] {
  return prefixes.filter((p, i) => !prefixes.some((q, j) => j !== i && covers(q, p) && (!covers(p, q) || j < i)));
}
