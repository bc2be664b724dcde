import { APPLIED_ROUTE_PROTO } from "../../effects/agentRoutes.js";
import type { Lab } from "../createLab.js";
import { runAgentStory, type DemoOptions } from "../demo.js";
import { CORPORATE_PREFIX, INTERNET } from "../topology/split.js";
import { wslUpload } from "../topology/splitUpload.js";
import type { Story } from "./stories.js";

const UPLOAD = 512 * 1024;

/** One large upload to each server, told as lines; the corporate one's result. */
async function tellUploads(lab: Lab, o: DemoOptions, when: string): Promise<{ corporate: boolean; internet: boolean }> {
  const results = { corporate: false, internet: false };
  for (const [which, url, trust] of [["corporate", lab.url, { caFile: lab.caFile }], ["internet", INTERNET.url, "insecure"]] as const) {
    const r = await wslUpload(lab, url, trust, UPLOAD, 4000);
    o.out(`${UPLOAD / 1024} KiB HTTPS upload to the ${which} server ${url} (${when}): ${r.ok ? `works (${r.ms} ms)` : `fails (${r.reason})`}`);
    results[which] = r.ok;
  }
  return results;
}

/** The agent's routes as `ip route show proto 158` lists them, printed under the story. */
async function showRoutes(lab: Lab, o: DemoOptions): Promise<string[]> {
  const r = await lab.exec("wsl", ["ip", "route", "show", "proto", APPLIED_ROUTE_PROTO]);
  const lines = r.stdout.split("\n").filter((l) => l.trim() !== "");
  o.out(`$ ip route show proto ${APPLIED_ROUTE_PROTO}`);
  for (const line of lines.length === 0 ? ["(none)"] : lines) o.out(`  ${line}`);
  return lines;
}

/**
 * The `split` story: the VPN carries only the corporate prefix. Before the agent, uploads to the
 * corporate server are black-holed while the internet works; the whole agent puts the MTU on a route
 * for the corporate prefix only (eth0 and the internet stay at 1500), keeps it when WSL rewrites
 * eth0, and removes it when the VPN disconnects.
 */
export const splitStory: Story = async (lab, o) => {
  const limit = o.tcpLimit === undefined ? "" : `, TCP ≤ ${o.tcpLimit}`;
  o.out(`lab: wsl (eth0 1500) ─ router ─ VPN link ${o.linkMtu}${limit} ─ corporate ${lab.url} (${CORPORATE_PREFIX})`);
  o.out(`                        └─ link 1500 ─ internet ${INTERNET.url}`);
  await tellUploads(lab, o, "before the agent");
  return runAgentStory(lab, o, {
    routes: [CORPORATE_PREFIX],
    applied: async () => {
      if ((await showRoutes(lab, o)).length !== 1) throw new Error(`Applied, but not exactly one route under proto ${APPLIED_ROUTE_PROTO}`);
      const up = await tellUploads(lab, o, "Applied on the route");
      if (!up.corporate || !up.internet) throw new Error("an upload still fails while the route carries the MTU");
      o.out("✓ corporate traffic fits the VPN; the internet keeps 1500");
    },
    restored: async () => {
      if ((await showRoutes(lab, o)).length !== 0) throw new Error(`the VPN is gone, but routes under proto ${APPLIED_ROUTE_PROTO} are left`);
      o.out("✓ the agent's route went with the VPN");
    },
  });
};
