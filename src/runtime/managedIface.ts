import { concatMap, type Observable } from "rxjs";
import type { IfaceInfo, Profile } from "../../machines/index.js";
import { probeUrl } from "../../machines/profiles.js";
import { runCommand, describeFailure } from "../effects/run.js";
import { errorMessage } from "../errors.js";
import type { Logger } from "../log/index.js";
import { pathTo } from "../probe/index.js";
import type { NetworkSettledEvent } from "../sources/settledNetwork.js";
import { withTimeout } from "./withTimeout.js";

/** Interfaces the agent never manages, whatever routes through them: Linux's and mirrored WSL's loopback. */
export const NEVER_MANAGED: ReadonlySet<string> = new Set(["lo", "loopback0"]);

/** A link as `ip -j link show dev IF` describes it. */
export interface LinkState {
  readonly mtu: number;
  /** Administratively up (the UP flag): a down interface carries nothing, so it is never chosen. */
  readonly up: boolean;
}

/** Parses `ip -j link show dev IF` output. Pure; null when it holds no link with an MTU. */
export function parseLinkState(json: string): LinkState | null {
  try {
    const first = (JSON.parse(json) as Array<{ mtu?: unknown; flags?: unknown }>)[0];
    if (typeof first?.mtu !== "number") return null;
    return { mtu: first.mtu, up: Array.isArray(first.flags) && first.flags.includes("UP") };
  } catch {
    return null;
  }
}

/** Reads a link's MTU and state; the reason as text when it cannot. */
export async function readLink(name: string): Promise<LinkState | { problem: string }> {
  const r = await runCommand(["ip", "-j", "link", "show", "dev", name], { timeoutMs: 5000 });
  const link = r.ok ? parseLinkState(r.stdout) : null;
  return link ?? { problem: r.ok ? `no MTU in \`${r.command.join(" ")}\` output` : describeFailure(r) };
}

/** Why the agent may not manage `name` (loopback, down), or null when it may. Pure. */
export function refusal(name: string, link: LinkState): string | null {
  if (NEVER_MANAGED.has(name)) return `${name} is a loopback interface, never managed`;
  return link.up ? null : `${name} is down`;
}

/** The interface the kernel routes `address` through, when the agent may manage it (`ip route get`). */
export async function routeIface(address: string): Promise<IfaceInfo | { problem: string }> {
  const path = await pathTo(address);
  if ("error" in path) return { problem: `no route to ${address}: ${path.error}` };
  const link = await readLink(path.dev);
  if ("problem" in link) return { problem: `${path.dev} (routing ${address}): ${link.problem}` };
  const refused = refusal(path.dev, link);
  return refused === null ? { name: path.dev, mtu: link.mtu } : { problem: `${address} is routed through ${path.dev}, but ${refused}` };
}

export interface IfaceSourceOptions {
  readonly profiles: readonly Profile[];
  readonly verifyUrl: string;
  /** The URL's address as probes reach it (the proxy's through a proxy). */
  readonly resolve: (url: string) => Promise<string>;
  readonly log: Logger;
  readonly timeoutMs?: number;
}

/**
 * `interface: "auto"`: adds to each settled network the interface routing to its probe target now
 * (the VPN's URL, else verify.url), so the machine sees the choice in the journal and replay makes
 * it again. Nothing is added when the target does not resolve or routes through an interface the
 * agent may not manage: the machine then keeps the one it has, and the log says why.
 */
export function withManagedIface(network$: Observable<NetworkSettledEvent>, o: IfaceSourceOptions): Observable<NetworkSettledEvent> {
  return network$.pipe(
    concatMap(async (e): Promise<NetworkSettledEvent> => {
      const url = e.vpn === null ? o.verifyUrl : probeUrl(o.profiles, e.vpn, o.verifyUrl);
      const address = e.probeTarget?.address ?? (await withTimeout(o.resolve(url), o.timeoutMs ?? 5000).catch((error: unknown) => errorMessage(error)));
      const iface = /^\d+\.\d+\.\d+\.\d+$/.test(address) ? await routeIface(address) : { problem: `cannot resolve ${url}: ${address}` };
      if ("problem" in iface) {
        o.log.warn({ event: "iface.kept", url }, `interface "auto": keeping the interface managed so far: ${iface.problem}`);
        return e;
      }
      return { ...e, iface };
    }),
  );
}

/** The default route's interface (`ip -j -4 route show default`), or null. */
async function defaultRouteIface(): Promise<string | null> {
  const r = await runCommand(["ip", "-j", "-4", "route", "show", "default"], { timeoutMs: 5000 });
  try {
    const dev = r.ok ? (JSON.parse(r.stdout) as Array<{ dev?: unknown }>)[0]?.dev : undefined;
    return typeof dev === "string" ? dev : null;
  } catch {
    return null;
  }
}

/**
 * The interface managed at start. A named one as configured (it must exist). "auto": the one routing
 * to verify.url's address; when that cannot be told (no DNS yet, no route), the default route's,
 * then eth0; never a loopback or a down interface. The first settled network decides again.
 */
export async function startIface(configured: string, verifyUrl: string, resolve: (url: string) => Promise<string>): Promise<IfaceInfo | { problem: string }> {
  if (configured !== "auto") {
    const link = await readLink(configured);
    return "problem" in link ? { problem: `cannot read the MTU of ${configured}: ${link.problem}` } : { name: configured, mtu: link.mtu };
  }
  const problems: string[] = [];
  const address = await withTimeout(resolve(verifyUrl), 5000).catch((error: unknown) => {
    problems.push(`cannot resolve ${verifyUrl}: ${errorMessage(error)}`);
    return null;
  });
  if (address !== null) {
    const routed = await routeIface(address);
    if (!("problem" in routed)) return routed;
    problems.push(routed.problem);
  }
  for (const name of [await defaultRouteIface(), "eth0"]) {
    if (name === null) continue;
    const link = await readLink(name);
    const refused = "problem" in link ? link.problem : refusal(name, link);
    if (refused === null && !("problem" in link)) return { name, mtu: link.mtu };
    problems.push(`${name}: ${refused}`);
  }
  return { problem: `interface "auto" found no interface to manage: ${problems.join("; ")}` };
}
