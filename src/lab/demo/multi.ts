import type { ResultPromise } from "execa";
import { writeFile } from "node:fs/promises";
import { APPLIED_ROUTE_PROTO } from "../../effects/agentRoutes.js";
import type { AgentStatus } from "../../status/contract.js";
import type { Lab } from "../createLab.js";
import { waitForStatus, type DemoOptions } from "../demo.js";
import { snapshotLine, type SimAdapter } from "../simWindows.js";
import { CORP_B, MULTI_ADAPTERS, TAILNET } from "../topology/multi.js";
import { INTERNET } from "../topology/split.js";
import { wslUpload } from "../topology/splitUpload.js";
import { runAgentDemo } from "./agentRun.js";
import type { Story } from "./stories.js";

const UPLOAD = 512 * 1024;
const { tailscale, pangp, secondCorp } = MULTI_ADAPTERS;

/** One large upload to each server, told as lines; which worked. */
async function tellUploads(lab: Lab, o: DemoOptions, when: string): Promise<Record<string, boolean>> {
  const servers = [["corporate A", lab.url], ["corporate B", CORP_B.url], ["tailnet", TAILNET.url], ["internet", INTERNET.url]] as const;
  const results: Record<string, boolean> = {};
  for (const [which, url] of servers) {
    // The story is about sizes, not trust: the extra servers have their own CAs.
    const r = await wslUpload(lab, url, which === "corporate A" ? { caFile: lab.caFile } : "insecure", UPLOAD, 4000);
    o.out(`${UPLOAD / 1024} KiB HTTPS upload to ${which} ${url} (${when}): ${r.ok ? `works (${r.ms} ms)` : `fails (${r.reason})`}`);
    results[which] = r.ok;
  }
  return results;
}

/** The agent's routes as `ip route show proto 158` lists them. */
async function showRoutes(lab: Lab, o: DemoOptions): Promise<void> {
  const r = await lab.exec("wsl", ["ip", "route", "show", "proto", APPLIED_ROUTE_PROTO]);
  const lines = r.stdout.split("\n").filter((l) => l.trim() !== "");
  o.out(`$ ip route show proto ${APPLIED_ROUTE_PROTO}`);
  for (const line of lines.length === 0 ? ["(none)"] : lines) o.out(`  ${line}`);
}

/**
 * The `multi` story, several tunnels at once: Tailscale alone does not carry the target (Direct,
 * nothing probed); two corporate VPNs with a profile URL each connect beside it and each gets its
 * exact MTU on its own prefixes; one disconnects and only its route goes; all go, nothing is left.
 */
export const multiStory: Story = async (lab, o) => {
  o.out(`lab: wsl (eth0 1500) ─ router ─┬─ link ${o.linkMtu}${o.tcpLimit === undefined ? "" : `, TCP ≤ ${o.tcpLimit}`} ─ corporate A ${lab.url}`);
  o.out(`                               ├─ link ${CORP_B.linkMtu}, TCP ≤ ${CORP_B.tcpLimit} ─ corporate B ${CORP_B.url}`);
  o.out(`                               ├─ link ${TAILNET.linkMtu} ─ tailnet ${TAILNET.url}`);
  o.out(`                               └─ link 1500 ─ internet ${INTERNET.url}`);
  await tellUploads(lab, o, "before the agent");
  return runAgentDemo(lab, o, {
    label: "multi",
    firstSnapshot: `${snapshotLine([tailscale])}\n`,
    config: { profiles: [{ match: "PANGP", url: lab.url }, { match: "Juniper", url: CORP_B.url }] },
    verify: { url: INTERNET.url, caFile: null, insecure: true },
    intro: `── the whole agent; verify.url ${INTERNET.url}, a profile URL for each corporate VPN; Windows shows Tailscale (MTU 1280)`,
    tell: (files, agent) => tell(lab, o, files, agent),
  });
};

async function tell(lab: Lab, o: DemoOptions, files: { windows: string; socket: string }, agent: ResultPromise): Promise<void> {
  const ended: Promise<number | string> = agent.then((r) => r.exitCode ?? r.signal ?? "none");
  const until = (what: string, check: (s: AgentStatus) => boolean): Promise<AgentStatus> => waitForStatus(files.socket, what, check, ended);
  const show = (adapters: readonly SimAdapter[]): Promise<void> => writeFile(files.windows, `${snapshotLine(adapters)}\n`);

  const alone = await until("Tailscale seen", (s) => s.state === "Direct.idle" && (s.tunnels ?? []).length === 1);
  o.out(`✓ Tailscale alone: ${alone.state}, no VPN carries ${INTERNET.url}; nothing probed, nothing retried`);

  o.out(`Windows: GlobalProtect (${pangp.routes.join(", ")}) and Juniper (${secondCorp.routes.join(", ")}) connect beside Tailscale`);
  await show([tailscale, pangp, secondCorp]);
  const both = await until("both VPNs verified", (s) => s.appliedMtu !== null && (s.paths ?? []).length === 1 && s.paths?.[0]?.appliedMtu !== null);
  const other = both.paths?.[0];
  o.out(`✓ ${both.vpn?.name ?? "?"}: routes ${both.routes?.prefixes.join(", ") ?? "none"} mtu ${both.appliedMtu ?? "?"}; ${other?.vpn?.name ?? "?"} (its own path): routes ${other?.routes?.prefixes.join(", ") ?? "none"} mtu ${other?.appliedMtu ?? "?"}; eth0 stays ${both.mtu}`);
  await showRoutes(lab, o);
  const up = await tellUploads(lab, o, "both Applied");
  if (!Object.values(up).every(Boolean)) throw new Error("an upload still fails while every path is Applied");
  o.out("✓ each corporate path fits its own black hole; the tailnet keeps 1280; the internet 1500");

  o.out("Windows: GlobalProtect disconnects");
  await show([tailscale, secondCorp]);
  const one = await until("GlobalProtect's path restored", (s) => (s.paths ?? []).length === 0 && s.appliedMtu !== null);
  o.out(`✓ GlobalProtect's route removed on its own; ${one.vpn?.name ?? "?"} keeps mtu ${one.appliedMtu ?? "?"}, nothing probed again`);
  await showRoutes(lab, o);

  o.out("Windows: every tunnel disconnects");
  await show([]);
  await until("Direct with nothing left", (s) => s.state === "Direct.idle" && s.vpn === null && (s.routes ?? null) === null && (s.paths ?? []).length === 0);
  await showRoutes(lab, o);
  o.out("✓ nothing of the agent's is left");

  agent.kill("SIGTERM");
  const code = await ended;
  if (code !== 0) throw new Error(`the agent exited with ${code} on SIGTERM`);
  o.out("✓ agent stopped on SIGTERM, exit 0");
}
