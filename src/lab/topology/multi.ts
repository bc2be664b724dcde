import { dirname } from "node:path";
import type { SimAdapter } from "../simWindows.js";
import type { ShapeBuilder } from "./index.js";
import { addServerPath, serverPathCaFile, type ServerPath } from "./serverPath.js";
import { CORPORATE_PREFIX, INTERNET } from "./split.js";

/** A second corporate network behind its own, narrower black hole (ICMP passes to 1360, TCP only to 1300). */
export const CORP_B = { name: "corpb", address: "198.19.1.2", router: "198.19.1.1", routerDev: "to-corpb", linkMtu: 1360, tcpLimit: 1300, url: "https://198.19.1.2/" } as const satisfies ServerPath & { url: string };
/** The second corporate VPN's prefix: CORP_B's side. */
export const CORP_B_PREFIX = "198.19.1.0/24";

/** A tailnet peer behind a 1280 path: Tailscale's inner MTU, and not a byte more. */
export const TAILNET = { name: "tnet", address: "198.19.64.2", router: "198.19.64.1", routerDev: "to-tnet", linkMtu: 1280, url: "https://198.19.64.2/" } as const satisfies ServerPath & { url: string };

/**
 * Tailscale's real routes and where the lab puts them (only 198.18.0.0/15 may carry lab traffic):
 * the CGNAT range 100.64.0.0/10 becomes 198.19.64.0/18, and 100.100.100.100/32 (MagicDNS, inside
 * it) becomes 198.19.100.100/32, still inside it; each peer is a /32, here the tailnet server's.
 */
export const TAILNET_PREFIX_MAP = { "100.64.0.0/10": "198.19.64.0/18", "100.100.100.100/32": "198.19.100.100/32" } as const;
export const TAILNET_PREFIXES: readonly string[] = [...Object.values(TAILNET_PREFIX_MAP), `${TAILNET.address}/32`];

/** The adapters the simulated Windows can show beside Wi-Fi in the multi lab, in any combination (snapshotLine). */
export const MULTI_ADAPTERS = {
  /** Always-on overlay: its own prefixes (lab-mapped), MTU 1280. */
  tailscale: { name: "Tailscale", description: "Tailscale Tunnel", mtu: 1280, routes: TAILNET_PREFIXES },
  /** GlobalProtect as a split tunnel carrying the base lab's corporate server (A). */
  pangp: { name: "Ethernet 4", description: "PANGP Virtual Ethernet Adapter Secure", mtu: 1400, routes: [CORPORATE_PREFIX] },
  /** AnyConnect as a full tunnel (it owns the default route). */
  fullTunnel: { name: "Ethernet 3", description: "Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter", mtu: 1400 },
  /** A second corporate client, split, carrying CORP_B. */
  secondCorp: { name: "Ethernet 5", description: "Juniper Networks Virtual Adapter", mtu: 1360, routes: [CORP_B_PREFIX] },
} as const satisfies Record<string, SimAdapter>;

/** The CA file of one of the multi lab's extra servers, from the lab's own CA file (same directory). Pure. */
export function multiCaFile(lab: { readonly caFile: string }, path: Pick<ServerPath, "name">): string {
  return serverPathCaFile(dirname(lab.caFile), path);
}

/**
 * The `multi` topology, several tunnels at once: the base lab's corporate server A behind its
 * black hole, corporate server B behind a narrower one, a tailnet server behind a 1280 path, and
 * the split lab's internet server at 1500. Each extra path's rules come before the base lab's TCP
 * limit, so that limit stays A's.
 */
export const buildMulti: ShapeBuilder = async (ctx) => {
  const stops: Array<() => Promise<void>> = [];
  const stop = async (): Promise<void> => {
    for (const s of stops.splice(0)) await s();
  };
  try {
    for (const path of [INTERNET, CORP_B, TAILNET]) stops.push(await addServerPath(ctx, path));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    stop,
    notes: [
      `corporate B ${CORP_B.url} (link ${CORP_B.linkMtu}, TCP ≤ ${CORP_B.tcpLimit}; CA ${serverPathCaFile(ctx.dir, CORP_B)})`,
      `tailnet ${TAILNET.url} (link ${TAILNET.linkMtu}; CA ${serverPathCaFile(ctx.dir, TAILNET)}); 100.64.0.0/10 is ${TAILNET_PREFIX_MAP["100.64.0.0/10"]} here`,
      `internet ${INTERNET.url} (link 1500)`,
    ],
  };
};
