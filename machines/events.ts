import type { ProbeTarget } from "./context.js";
import type { ProbeEvidence } from "./evidence.js";
import type { IfaceInfo } from "./iface.js";
import type { VpnInfo } from "./vpn.js";

/**
 * Every input the agent machine accepts. Effect results carry the `workId` they answer. `iface`
 * (absent in older journals) names the interface: on `network.settled` the one routing to the
 * target then; on link and apply events the one they are about (absent: the managed one). `path`
 * (absent: the target's VPN, main) names the VPN path a result or timer belongs to, as its effect did.
 */
export type AgentEvent =
  // `vpn`: the VPN Windows routes the probe target through (null: none); `probeTarget`: that target and its address, as the
  // runtime resolved it (absent: not resolved, or older journals, where only split tunnels had one); `tunnels`: every VPN
  // up, the one carrying the target or not (absent: none up, or journals before it).
  | { readonly type: "network.settled"; readonly vpn: VpnInfo | null; readonly probeTarget?: ProbeTarget; readonly iface?: IfaceInfo; readonly tunnels?: readonly VpnInfo[];
      // Every other VPN with a probe target of its own (a profile URL routed through it): each gets its own path (machines/paths.ts).
      readonly targets?: readonly PathTarget[] }
  | { readonly type: "link.mtu"; readonly mtu: number; readonly iface?: string }
  | { readonly type: "probe.done"; readonly workId: number; readonly mtu: number; readonly evidence: ProbeEvidence; readonly path?: string }
  // `evidence`: what the probe tried before it failed (absent in journals of format 1).
  | { readonly type: "probe.failed"; readonly workId: number; readonly reason: string; readonly evidence?: ProbeEvidence; readonly path?: string }
  // `routes`: an apply of the agent's routes (as in the effect's params); absent: the interface MTU.
  // `notOwned`: those of `routes` someone else's main-table route holds, left alone (absent: none).
  | { readonly type: "apply.done"; readonly workId: number; readonly mtu: number; readonly routes?: readonly string[]; readonly iface?: string; readonly path?: string; readonly notOwned?: readonly string[] }
  | { readonly type: "apply.failed"; readonly workId: number; readonly mtu: number; readonly reason: string; readonly routes?: readonly string[]; readonly iface?: string; readonly path?: string }
  | { readonly type: "verify.passed"; readonly workId: number; readonly path?: string }
  | { readonly type: "verify.failed"; readonly workId: number; readonly reason: string; readonly path?: string }
  | { readonly type: "timer.fired"; readonly timer: TimerName; readonly id: number; readonly path?: string }
  | { readonly type: "agent.stop" };

/** Another VPN with a probe target, as `network.settled` names it: its VPN and its target's address (absent: not resolved). */
export interface PathTarget {
  readonly vpn: VpnInfo;
  readonly probeTarget?: ProbeTarget;
}

export type TimerName = "health" | "retry";

export type AgentEventType = AgentEvent["type"];

/** All event types, in a stable order (tests, the visualizer and the journal reader use it). */
export const agentEventTypes: readonly AgentEventType[] = [
  "network.settled",
  "link.mtu",
  "probe.done",
  "probe.failed",
  "apply.done",
  "apply.failed",
  "verify.passed",
  "verify.failed",
  "timer.fired",
  "agent.stop",
];
