import type { AgentContext } from "./context.js";
import type { AgentEvent } from "./events.js";
import { ifaceSwitch } from "./iface.js";
import { matchProfile } from "./profiles.js";
import { outsideTunnel, scopeRoutes } from "./scope.js";
import { sameVpn, vpnKey } from "./vpn.js";

/** Guards of the agent machine, as plain pure predicates over context and event. */
type Guard = (args: { context: AgentContext; event: AgentEvent }) => boolean;

const inRange = (c: AgentContext, mtu: number): boolean => mtu >= c.input.minMtu && mtu <= c.input.maxMtu;
/** The matching profile's fixed MTU; undefined when none matches or it only names a URL. */
const fixedMtu = (c: AgentContext): number | undefined => (c.vpn === null ? undefined : matchProfile(c.input.profiles, c.vpn)?.mtu);
const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

export const guards = {
  /** The event answers the effect the machine is waiting for; anything else is superseded work. */
  isCurrent: ({ context, event }) => "workId" in event && event.workId === context.workId,
  isCurrentTimer: ({ context, event }) => event.type === "timer.fired" && event.id === context.timerIds[event.timer],
  probeInRange: ({ context, event }) => event.type === "probe.done" && inRange(context, event.mtu),
  vpnGone: ({ context, event }) => event.type === "network.settled" && event.vpn === null && context.vpn !== null,
  vpnChanged: ({ context, event }) =>
    event.type === "network.settled" && event.vpn !== null && !sameVpn(context.vpn, event.vpn),
  /** The same VPN (same hint too) settled again. */
  sameVpnAgain: ({ context, event }) => event.type === "network.settled" && event.vpn !== null && sameVpn(context.vpn, event.vpn),
  noVpn: ({ event }) => event.type === "network.settled" && event.vpn === null,
  /** A VPN is up and stays up (the same one: another one is `vpnChanged`). */
  vpnStays: ({ context, event }) => event.type === "network.settled" && event.vpn !== null && context.vpn !== null,
  /** The route to the target now leaves through another interface than the managed one. */
  ifaceChanged: ({ context, event }) => ifaceSwitch(context, event) !== null,
  /** Something of the agent's to undo: the interface off its baseline, or routes of its own. */
  offBaseline: ({ context }) => context.currentMtu !== context.baselineMtu || context.routes !== null,
  onBaseline: ({ context }) => context.currentMtu === context.baselineMtu && context.routes === null,
  /** With no VPN and none of our applies in flight, a link change is someone setting a new baseline. */
  baselineFollowsLink: ({ context }) =>
    !context.input.baselineFixed && context.settled && context.vpn === null && context.pendingApplies === 0,
  /** A late apply moved the interface off the baseline, or put routes back. */
  offBaselineNow: ({ context, event }) =>
    event.type === "apply.done" && (event.routes === undefined ? event.mtu !== context.baselineMtu : event.routes.length > 0),
  /** A profile with a fixed MTU matches (a profile that only names a URL does not count). */
  hasProfile: ({ context }) => fixedMtu(context) !== undefined,
  profileInRange: ({ context }) => {
    const mtu = fixedMtu(context);
    return mtu !== undefined && inRange(context, mtu);
  },
  /** A split tunnel that does not carry the probe target: nothing may be applied for it. */
  targetOutsideTunnel: ({ context }) => outsideTunnel(context) !== null,
  isKnown: ({ context }) => {
    const mtu = context.vpn === null ? undefined : context.known[vpnKey(context.vpn)];
    return mtu !== undefined && inRange(context, mtu);
  },
  targetFromKnown: ({ context }) => context.target?.source === "known",
  /**
   * What the agent applies left the MTU being applied, verified or kept (target and appliedMtu are
   * the same MTU once Applied): the interface in interface scope; in routes scope only a late apply
   * of routes can (the interface is WSL's, so its changes are not ours to undo).
   */
  offTarget: ({ context, event }) => {
    if (context.target === null || (event.type !== "link.mtu" && event.type !== "apply.done")) return false;
    const routes = scopeRoutes(context);
    if (routes === null) return (event.type === "link.mtu" || event.routes === undefined) && event.mtu !== context.target.mtu;
    return event.type === "apply.done" && event.routes !== undefined && (event.mtu !== context.target.mtu || !sameList(event.routes, routes));
  },
} satisfies Record<string, Guard>;

/** What a rollback restores: the MTU before the apply, unless that is outside the range and not the baseline. */
export function rollbackTarget(c: AgentContext): number {
  const previous = c.previousMtu ?? c.baselineMtu;
  return inRange(c, previous) || previous === c.baselineMtu ? previous : c.baselineMtu;
}
