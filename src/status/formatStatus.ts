import { listPrefixes } from "../../machines/cidr.js";
import { describeEvidence } from "../journal/describeEvent.js";
import { inlineText } from "../text/escapeControl.js";
import { describeTunnel, describeTunnels } from "../windows/describeTunnel.js";
import type { AgentStatus, PathStatus } from "./contract.js";

/** Longest piece of agent text (a state, an adapter name, an error) one row shows. */
const TEXT = 200;
/** Names and errors come from Windows and the network: escaped and cut, so a row cannot forge another. */
const text = (s: string): string => inlineText(s, TEXT);

/** The tunnels up; when none carries the target, that too (nothing is done for it). */
function tunnelsRow(s: AgentStatus): string {
  const none = s.vpn !== null ? "" : `; none carries ${s.target === undefined || s.target === null ? "the target" : `${s.target.url} (${s.target.address})`}: nothing applied for it`;
  return text(`${describeTunnels(s.tunnels ?? [])}${none}`);
}

/** Another VPN's path: its VPN, state and what is applied for it. */
function pathRow(p: PathStatus): string {
  const applied = p.routes === null ? "nothing applied" : `routes ${listPrefixes(p.routes.prefixes)} mtu ${p.routes.mtu}${p.appliedMtu === null ? "" : " (verified)"}`;
  return text(`${p.vpn === null ? "(VPN gone)" : p.vpn.name}: ${p.state}, ${applied}${p.target === null ? "" : ` with ${p.target.url}`}${p.lastError === null ? "" : `; last error: ${p.lastError}`}`);
}

/** The `status` text, one row per topic, every string from the agent escaped and cut. Pure. */
export function formatStatus(s: AgentStatus): string {
  const vpn = s.vpn === null ? "none" : `${text(s.vpn.name)} (${text(s.vpn.description)}), Windows MTU ${s.vpn.mtuHint ?? "unknown"}${text(describeTunnel(s.vpn.tunnel))}`;
  const probe = s.lastProbe;
  const probeLine = probe === null ? "none yet" : `${probe.ok ? `found ${probe.mtu}` : `failed: ${text(probe.reason)}`} at ${text(probe.at)} (${describeEvidence(probe.evidence)})`;
  const rows: [string, string][] = [
    ["state", `${text(s.state)}${s.dryRun ? " (dry-run)" : ""}`],
    ["vpn", vpn],
    ...(s.tunnels === undefined || s.tunnels.length === 0 ? [] : [["tunnels", tunnelsRow(s)] as [string, string]]),
    ...(s.paths ?? []).map((p): [string, string] => ["path", pathRow(p)]),
    ["mtu", `${text(s.interface)} ${s.mtu} (baseline ${s.baseline}${s.appliedMtu === null ? "" : `, verified ${s.appliedMtu}`})`],
    ...(s.routes === undefined || s.routes === null ? [] : [["routes", `${text(listPrefixes(s.routes.prefixes))} mtu ${s.routes.mtu} (ip route show proto 158)`] as [string, string]]),
    ...tunnelRoutesRows(s.tunnelRoutes),
    ["last probe", probeLine],
    ["last error", s.lastError === null ? "none" : text(s.lastError)],
    ["watcher", `${s.watcher.running ? "running" : "not running"}${s.watcher.lastError === null ? "" : `, last error: ${text(s.watcher.lastError)}`}`],
    ["counters", `${s.counters.rollbacks} rollbacks, ${s.counters.watcherRestarts} watcher restarts, ${s.counters.badWatcherLines} bad watcher lines, ${s.counters.events} events`],
    ["uptime", `${s.uptimeS} s (pid ${s.pid})`],
    ["journal", text(s.journal)],
  ];
  return `${rows.map(([k, v]) => `${k.padEnd(11)} ${v}`).join("\n")}\n`;
}

/** The tunnel-safe routes, one row per tunnel MTU: said to be the adapters' values, not probed ones. Pure. */
function tunnelRoutesRows(t: AgentStatus["tunnelRoutes"]): [string, string][] {
  if (t === undefined || t === null) return [];
  const groups = new Map<string, { prefixes: string[]; mtu: number; tunnels: readonly string[] }>();
  for (const r of t.routes) {
    const key = JSON.stringify([r.mtu, r.tunnels]);
    const g = groups.get(key) ?? { prefixes: [], mtu: r.mtu, tunnels: r.tunnels };
    g.prefixes.push(r.prefix);
    groups.set(key, g);
  }
  const rows: [string, string][] = [...groups.values()].map((g) => ["safe route", `${text(listPrefixes(g.prefixes))} mtu ${g.mtu} (${text(g.tunnels.join(", "))}: the adapter's Windows MTU, not probed)`]);
  if (t.notOwned.length > 0) rows.push(["safe route", `${text(listPrefixes(t.notOwned))} left alone: someone else's route holds it`]);
  return rows;
}
