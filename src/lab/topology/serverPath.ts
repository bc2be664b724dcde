import { describeFailure, runCommand } from "../../effects/run.js";
import { EnvironmentError } from "../../errors.js";
import { makeCertificate, spawnServer, type ServerChild } from "../labServer.js";
import type { LabNames } from "../names.js";
import type { ShapeContext } from "./index.js";

/** One more HTTPS server behind its own router link, beside the base lab's server. */
export interface ServerPath {
  /** Suffix of its namespace (`<prefix>-<suffix>`) and the name of its certificate files. */
  readonly name: string;
  readonly address: string;
  /** The router's address on this link (the server's gateway); the link is a /24. */
  readonly router: string;
  /** The router's end of the link. At most 15 characters. */
  readonly routerDev: string;
  /** The link's MTU at the router (the black hole); absent: 1500, untouched. */
  readonly linkMtu?: number;
  /** The router drops TCP packets above this size on this path only (ICMP still passes up to linkMtu). */
  readonly tcpLimit?: number;
}

/** The namespace of a path's server in a lab with these names. Pure. */
export function serverPathNs(names: Pick<LabNames, "prefix">, path: Pick<ServerPath, "name">): string {
  return `${names.prefix}-${path.name}`;
}

/** The CA file of a path's server (its self-signed certificate) in the lab's directory. Pure. */
export function serverPathCaFile(dir: string, path: Pick<ServerPath, "name">): string {
  return `${dir}/${path.name}.crt`;
}

/**
 * The router's forward rules of one path, in the order they must stand at the head of the chain:
 * its own TCP limit, then accept, so the base lab's limit (which only the base server's path may
 * have) never applies to it. Pure.
 */
export function pathForwardRules(path: Pick<ServerPath, "routerDev" | "tcpLimit">): string[][] {
  const dirs = ["iifname", "oifname"] as const;
  return [
    ...(path.tcpLimit === undefined ? [] : dirs.map((d) => [d, path.routerDev, "meta", "l4proto", "tcp", "ip", "length", ">", String(path.tcpLimit), "drop"])),
    ...dirs.map((d) => [d, path.routerDev, "accept"]),
  ];
}

async function run(steps: readonly (readonly string[])[], what: string): Promise<void> {
  for (const step of steps) {
    const r = await runCommand(step, { timeoutMs: 10_000 });
    if (!r.ok) throw new EnvironmentError(`lab setup (${what}): ${describeFailure(r)}`);
  }
}

/**
 * Adds the path to a built base lab: its namespace (owned by the lab), the veth to the router,
 * addresses, the link MTU, the router's rules, offloads off, a certificate and the server.
 * Returns how to stop the server (the namespace goes with the lab).
 */
export async function addServerPath(ctx: ShapeContext, path: ServerPath): Promise<() => Promise<void>> {
  const ns = serverPathNs(ctx.names, path);
  const router = ctx.names.ns.router;
  const dev = path.routerDev;
  await ctx.addNamespace(ns);
  const rules = pathForwardRules(path);
  await run(
    [
      ["ip", "-n", ns, "link", "add", "eth0", "type", "veth", "peer", "name", dev, "netns", router],
      ["ip", "-n", router, "addr", "add", `${path.router}/24`, "dev", dev],
      ["ip", "-n", ns, "addr", "add", `${path.address}/24`, "dev", "eth0"],
      ...(path.linkMtu === undefined ? [] : [["ip", "-n", router, "link", "set", "dev", dev, "mtu", String(path.linkMtu)]]),
      ...[[router, dev], [ns, "eth0"], [ns, "lo"]].map(([n = "", d = ""]) => ["ip", "-n", n, "link", "set", "dev", d, "up"]),
      ["ip", "-n", ns, "route", "add", "default", "via", path.router],
      // `insert` puts a rule first: inserted last to first, they stand in pathForwardRules' order.
      ...rules.reverse().map((r) => ["ip", "netns", "exec", router, "nft", "insert", "rule", "inet", "lab", "lab_forward", ...r]),
    ],
    path.name,
  );
  // Offloads off, as on the base lab's veths: GSO super-packets would cross whole and size limits misfire.
  for (const [n, d] of [[router, dev], [ns, "eth0"]] as const) {
    await runCommand(["ip", "netns", "exec", n, "ethtool", "-K", d, "tso", "off", "gso", "off", "gro", "off"], { timeoutMs: 10_000 });
  }
  const files = await makeCertificate(ctx.dir, path.address, path.name);
  let server: ServerChild | null = (await spawnServer(ns, files)).child;
  return async () => {
    server?.kill("SIGTERM");
    await server;
    server = null;
  };
}
