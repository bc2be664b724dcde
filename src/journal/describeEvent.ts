import type { ProbeEvidence } from "../../machines/index.js";
import { describeTunnel, describeTunnels } from "../windows/describeTunnel.js";
import { listPrefixes } from "../../machines/cidr.js";
import { inlineText } from "../text/escapeControl.js";
import { preview } from "../text/preview.js";
import type { JournalEvent } from "./record.js";

/** Longest piece of journal text (a reason, a name) one description shows. */
const TEXT_CHARS = 200;
/** Distinct failure reasons of a probe listed before the rest is summarised. */
const REASONS = 4;
const text = (s: string): string => inlineText(s, TEXT_CHARS);
const quoted = (s: string): string => preview(s, TEXT_CHARS);

/**
 * A few words on an input: the one describer for the agent's log lines, `replay`'s timeline and
 * the report's rows. Pure. Journal text is untrusted: names are quoted, reasons cut, control
 * characters escaped, so a description is one inert line of bounded length.
 */
export function describeEvent(e: JournalEvent): string {
  // A result or timer of another VPN's path (machines/paths.ts) names that VPN first.
  const path = "path" in e && e.path !== undefined ? `[${quoted(e.path.split("\u0000")[0] ?? e.path)}] ` : "";
  return `${path}${describeOne(e)}`;
}

function describeOne(e: JournalEvent): string {
  switch (e.type) {
    case "xstate.init":
      return `agent started: mtu ${e.input.currentMtu}, baseline ${e.input.baselineMtu}`;
    case "journal.checkpoint":
      return `checkpoint: mtu ${e.snapshot.context.currentMtu}, baseline ${e.snapshot.context.baselineMtu}`;
    case "network.settled":
      return `${e.vpn === null ? noVpn(e) : `VPN ${quoted(e.vpn.name)} (${quoted(e.vpn.description)}), Windows MTU ${e.vpn.mtuHint ?? "unknown"}${describeTunnel(e.vpn.tunnel)}`}${e.iface === undefined ? "" : `; target routed via ${quoted(e.iface.name)} (mtu ${e.iface.mtu})`}${otherTargets(e)}`;
    case "link.mtu":
      return `${e.iface === undefined ? "interface" : quoted(e.iface)} mtu is now ${e.mtu}`;
    case "probe.done":
      return `probe found ${e.mtu}: ${describeEvidence(e.evidence)}`;
    case "probe.failed":
      return `probe failed: ${text(e.reason)}${e.evidence === undefined ? "" : `; ${describeEvidence(e.evidence)}`}`;
    case "apply.done":
      return `${e.iface === undefined ? "" : `${quoted(e.iface)} `}${e.routes === undefined ? `mtu ${e.mtu} set` : describeRoutes(e.routes, e.mtu)}${e.notOwned === undefined ? "" : `; left ${e.notOwned.join(", ")} alone (someone else's route)`} (work ${e.workId})`;
    case "apply.failed":
      return `${e.iface === undefined ? "" : `${quoted(e.iface)}: `}${e.routes === undefined ? `setting mtu ${e.mtu}` : describeRoutes(e.routes, e.mtu)} failed: ${text(e.reason)}`;
    case "verify.passed":
      return `HTTPS verification passed (work ${e.workId})`;
    case "verify.failed":
      return `HTTPS verification failed: ${text(e.reason)}`;
    case "timer.fired":
      return `${e.timer === "health" ? "health check" : "retry"} due (timer ${e.id})`;
    case "agent.stop":
      return "stop requested";
  }
}

/** The other VPNs with a target of their own, each on its own path. */
function otherTargets(e: Extract<JournalEvent, { type: "network.settled" }>): string {
  if (e.targets === undefined || e.targets.length === 0) return "";
  return `; own paths: ${describeTunnels(e.targets.map((t) => t.vpn))}`;
}

/** A network without a VPN for the target: none up, or the tunnels up and that none carries it. */
function noVpn(e: Extract<JournalEvent, { type: "network.settled" }>): string {
  if (e.tunnels === undefined || e.tunnels.length === 0) return "no VPN";
  const target = e.probeTarget === undefined ? "the target" : `${quoted(e.probeTarget.url)} (${e.probeTarget.address})`;
  return `no VPN carries ${target}; tunnels up: ${describeTunnels(e.tunnels)}`;
}

/** What a probe tried and what came of it, in one line: sizes, rounds, the largest pass, why sizes failed. Pure. */
export function describeEvidence(ev: ProbeEvidence): string {
  const passed = ev.sizes.filter((s) => s.pass).map((s) => s.mtu);
  const reasons = new Map<string, number>();
  for (const s of ev.sizes) if (!s.pass) reasons.set(s.reason ?? "no reason", (reasons.get(s.reason ?? "no reason") ?? 0) + 1);
  const listed = [...reasons].slice(0, REASONS).map(([reason, n]) => `${n} ${text(reason)}`);
  const failures = [...listed, ...(reasons.size > REASONS ? [`${reasons.size - REASONS} other reasons`] : [])].join(", ");
  return [
    `${ev.sizes.length} size${ev.sizes.length === 1 ? "" : "s"} in ${ev.rounds} round${ev.rounds === 1 ? "" : "s"}, ${ev.durationMs} ms, ${ev.method}`,
    passed.length === 0 ? "none passed" : `largest pass ${Math.max(...passed)}`,
    ...(failures === "" ? [] : [`failed: ${failures}`]),
  ].join("; ");
}

/** An apply of the agent's routes (apply.scope routes), in a few words. Pure. */
function describeRoutes(routes: readonly string[], mtu: number): string {
  return routes.length === 0 ? "the agent's routes removed" : `routes ${listPrefixes(routes)} mtu ${mtu}`;
}
