import type { LabNames } from "../names.js";
import type { ShapeBuilder } from "./index.js";
import { addServerPath, serverPathNs, type ServerPath } from "./serverPath.js";

/**
 * The internet beside the corporate network: a second HTTPS server on a router link at 1500 that
 * no size limit touches. The VPN (the narrow link) carries only the corporate prefix, where the
 * base lab's server is.
 */
export const INTERNET = { name: "inet", address: "198.19.128.2", router: "198.19.128.1", url: "https://198.19.128.2/", routerDev: "to-inet" } as const satisfies ServerPath & { url: string };
/** The corporate prefix the split tunnel carries: the base lab's server side (198.19.0.2). */
export const CORPORATE_PREFIX = "198.19.0.0/24";

/** The internet server's namespace in a lab with these names. Pure. */
export function internetNs(names: Pick<LabNames, "prefix">): string {
  return serverPathNs(names, INTERNET);
}

/**
 * The `split` topology: the base lab (wsl ─ router ─ narrow link ─ corporate server) plus an
 * internet server behind its own router link at 1500. The router's TCP size limit and ICMP drops
 * stay on the corporate path only: traffic to and from the internet link is accepted first.
 */
export const buildSplit: ShapeBuilder = async (ctx) => ({ stop: await addServerPath(ctx, INTERNET) });
