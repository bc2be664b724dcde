import { describeFailure, runCommand } from "../../effects/run.js";
import { EnvironmentError } from "../../errors.js";
import { makeCertificate, spawnServer, type ServerChild } from "../labServer.js";
import type { LabNames } from "../names.js";
import type { ShapeBuilder } from "./index.js";

/**
 * The internet beside the corporate network: a second HTTPS server on a router link at 1500 that
 * no size limit touches. The VPN (the narrow link) carries only the corporate prefix, where the
 * base lab's server is.
 */
export const INTERNET = { address: "198.19.128.2", router: "198.19.128.1", url: "https://198.19.128.2/", routerDev: "to-inet" } as const;
/** The corporate prefix the split tunnel carries: the base lab's server side (198.19.0.2). */
export const CORPORATE_PREFIX = "198.19.0.0/24";

/** The internet server's namespace in a lab with these names. Pure. */
export function internetNs(names: Pick<LabNames, "prefix">): string {
  return `${names.prefix}-inet`;
}

/**
 * The `split` topology: the base lab (wsl ─ router ─ narrow link ─ corporate server) plus an
 * internet server behind its own router link at 1500. The router's TCP size limit and ICMP drops
 * stay on the corporate path only: traffic to and from the internet link is accepted first.
 */
export const buildSplit: ShapeBuilder = async ({ names, dir, addNamespace }) => {
  const inet = internetNs(names);
  const router = names.ns.router;
  const i = INTERNET;
  await addNamespace(inet);
  const steps: string[][] = [
    ["ip", "-n", inet, "link", "add", "eth0", "type", "veth", "peer", "name", i.routerDev, "netns", router],
    ["ip", "-n", router, "addr", "add", `${i.router}/24`, "dev", i.routerDev],
    ["ip", "-n", inet, "addr", "add", `${i.address}/24`, "dev", "eth0"],
    ...[[router, i.routerDev], [inet, "eth0"], [inet, "lo"]].map(([ns = "", dev = ""]) => ["ip", "-n", ns, "link", "set", "dev", dev, "up"]),
    ["ip", "-n", inet, "route", "add", "default", "via", i.router],
    // Before the base lab's size limit: the internet path is not black-holed.
    ["ip", "netns", "exec", router, "nft", "insert", "rule", "inet", "lab", "lab_forward", "iifname", i.routerDev, "accept"],
    ["ip", "netns", "exec", router, "nft", "insert", "rule", "inet", "lab", "lab_forward", "oifname", i.routerDev, "accept"],
  ];
  for (const step of steps) {
    const r = await runCommand(step, { timeoutMs: 10_000 });
    if (!r.ok) throw new EnvironmentError(`lab setup (split): ${describeFailure(r)}`);
  }
  // Offloads off, as on the base lab's veths.
  for (const [ns, dev] of [[router, i.routerDev], [inet, "eth0"]] as const) {
    await runCommand(["ip", "netns", "exec", ns, "ethtool", "-K", dev, "tso", "off", "gso", "off", "gro", "off"], { timeoutMs: 10_000 });
  }
  const files = await makeCertificate(`${dir}`, i.address, "internet");
  let server: ServerChild | null = (await spawnServer(inet, files)).child;
  return {
    stop: async () => {
      server?.kill("SIGTERM");
      await server;
      server = null;
    },
  };
};
