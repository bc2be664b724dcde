import type { Lab } from "../../src/lab/createLab.js";
import { APPLIED_ROUTE_PROTO } from "../../src/effects/agentRoutes.js";
import { CORPORATE_PREFIX } from "../../src/lab/topology/split.js";
import { wslUpload } from "../../src/lab/topology/splitUpload.js";
import { anyConnect, type SimVpn } from "./agentLab.js";

/** AnyConnect as a split tunnel carrying only the corporate prefix (the lab's server side). */
export const splitAnyConnect: SimVpn = { ...anyConnect, routes: [CORPORATE_PREFIX] };

/** One main-table route of the agent's (`ip -j route show proto 158`). */
export interface AgentRoute {
  readonly dst: string;
  readonly gateway?: string;
  readonly dev: string;
  readonly mtu: number | null;
}

/** The agent's routes in the wsl namespace, as the kernel lists them. */
export async function agentRoutes(lab: Lab): Promise<AgentRoute[]> {
  const r = await lab.exec("wsl", ["ip", "-j", "-4", "route", "show", "table", "main", "proto", APPLIED_ROUTE_PROTO]);
  const routes = JSON.parse(r.stdout || "[]") as Array<{ dst: string; gateway?: string; dev: string; metrics?: Array<{ mtu?: number }> }>;
  return routes.map((x) => ({ dst: x.dst, ...(x.gateway === undefined ? {} : { gateway: x.gateway }), dev: x.dev, mtu: x.metrics?.find((m) => m.mtu !== undefined)?.mtu ?? null }));
}

/** The MTU the kernel uses towards `address` from the wsl namespace: the route's, else the device's. */
export async function pathMtu(lab: Lab, address: string): Promise<number> {
  const got = JSON.parse((await lab.exec("wsl", ["ip", "-j", "-4", "route", "get", address])).stdout) as Array<{ dev: string; metrics?: Array<{ mtu?: number }> }>;
  const route = got[0];
  const mtu = route?.metrics?.find((m) => m.mtu !== undefined)?.mtu;
  if (mtu !== undefined) return mtu;
  const link = JSON.parse((await lab.exec("wsl", ["ip", "-j", "link", "show", "dev", route?.dev ?? "eth0"])).stdout) as Array<{ mtu: number }>;
  return link[0]?.mtu ?? -1;
}

/** The default route of the wsl namespace, as listed (it must survive the agent's routes). */
export async function defaultRoute(lab: Lab): Promise<{ gateway?: string; protocol?: string } | undefined> {
  const routes = JSON.parse((await lab.exec("wsl", ["ip", "-j", "-4", "route", "show", "default"])).stdout) as Array<{ gateway?: string; protocol?: string }>;
  return routes[0];
}

/** A 512 KiB HTTPS upload from the wsl side (src/lab/topology/splitUpload.ts), with curl's words when it fails. */
export async function upload(lab: Lab, url: string, trust: { caFile: string } | "insecure"): Promise<{ ok: boolean; detail: string }> {
  const r = await wslUpload(lab, url, trust, 512 * 1024, 5000);
  return { ok: r.ok, detail: r.reason };
}
