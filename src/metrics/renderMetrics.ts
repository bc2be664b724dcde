import { agentMachine } from "../../machines/index.js";
import type { AgentStatus } from "../status/contract.js";
import type { Family, Sample } from "./families.js";
import { exposition, numberText } from "./families.js";
import { boundLabel } from "./labelValue.js";
import type { StatusMetrics } from "./statusMetrics.js";

const P = "wsl_vpn_agent_";
/** The machine's top-level states, from the machine itself: one gauge each. */
export const TOP_STATES: readonly string[] = Object.keys(agentMachine.config.states ?? {});

/** What the metrics are computed from: the status the agent serves (`status --json`), with its `metrics`. */
export type MetricsSource = AgentStatus & { readonly metrics: StatusMetrics };

/**
 * Every metric the agent writes, from the status it serves: the one place a metric is defined, so
 * `status --json` and the textfile never disagree. Pure.
 */
export function renderMetrics(s: MetricsSource): string {
  const m = s.metrics;
  const top = s.state.split(".")[0] ?? s.state;
  const iface = boundLabel(s.interface);
  const mtu: Sample[] = [{ labels: { interface: iface, scope: "interface" }, value: s.mtu }];
  if (s.routes !== undefined && s.routes !== null) mtu.push({ labels: { interface: iface, scope: "routes" }, value: s.routes.mtu });
  const families: Family[] = [
    { name: `${P}info`, type: "gauge", help: "Always 1: the agent's version, WSL's networking mode and the interface it manages.", samples: [{ labels: { version: boundLabel(m.version), networking_mode: boundLabel(m.networkingMode), interface: iface }, value: 1 }] },
    { name: `${P}start_time_seconds`, type: "gauge", help: "When this agent process started (Unix time); counters start from 0 then.", samples: [{ value: Date.parse(s.startedAt) / 1000 }] },
    { name: `${P}state`, type: "gauge", help: "1 for the machine's current top-level state, 0 for the others.", samples: TOP_STATES.map((state) => ({ labels: { state }, value: state === top ? 1 : 0 })) },
    { name: `${P}mtu_bytes`, type: "gauge", help: "MTU in force: on the interface (scope interface) and on the agent's routes (scope routes, while it holds any).", samples: mtu },
    { name: `${P}baseline_mtu_bytes`, type: "gauge", help: "The interface's MTU without a VPN, restored when the VPN goes away.", samples: [{ labels: { interface: iface, scope: "interface" }, value: s.baseline }] },
    { name: `${P}vpn_mtu_bytes`, type: "gauge", help: "The exact MTU the last probe found per VPN adapter description (the 16 most recent VPNs).", samples: m.vpnMtus.map((v) => ({ labels: { vpn: v.vpn }, value: v.mtu })) },
    {
      name: `${P}probe_duration_seconds`,
      type: "histogram",
      help: "How long probes for the largest MTU carrying TLS took.",
      samples: [
        ...m.probeSeconds.buckets.map((b) => ({ suffix: "_bucket", labels: { le: numberText(b.le) }, value: b.count })),
        { suffix: "_bucket", labels: { le: "+Inf" }, value: m.probeSeconds.count },
        { suffix: "_sum", value: m.probeSeconds.sum },
        { suffix: "_count", value: m.probeSeconds.count },
      ],
    },
    { name: `${P}probes_total`, type: "counter", help: "Probes that ended, by result (found an MTU, or failed).", samples: [{ labels: { result: "found" }, value: m.probes.found }, { labels: { result: "failed" }, value: m.probes.failed }] },
    { name: `${P}verifications_total`, type: "counter", help: "HTTPS verifications of an applied MTU, by result.", samples: [{ labels: { result: "passed" }, value: m.verifications.passed }, { labels: { result: "failed" }, value: m.verifications.failed }] },
    { name: `${P}rollbacks_total`, type: "counter", help: "Rollbacks to the MTU in force before an apply whose verification failed, on every VPN's path.", samples: [{ value: m.rollbacks }] },
    { name: `${P}restores_total`, type: "counter", help: "Restores of the baseline MTU asked for (VPN gone, agent stopping; retries included).", samples: [{ value: m.restores }] },
    { name: `${P}watcher_bad_lines_total`, type: "counter", help: "Lines from the Windows watcher that were not a valid snapshot.", samples: [{ value: s.counters.badWatcherLines }] },
    { name: `${P}watcher_restarts_total`, type: "counter", help: "Restarts of the Windows watcher.", samples: [{ value: s.counters.watcherRestarts }] },
  ];
  if (m.lastVerifiedAt !== null) families.push({ name: `${P}last_verification_success_timestamp_seconds`, type: "gauge", help: "When a verification last passed (Unix time).", samples: [{ value: Date.parse(m.lastVerifiedAt) / 1000 }] });
  return exposition(families);
}
