import type { AgentContext } from "./context.js";
import type { AgentEvent } from "./events.js";
import { matchProfile } from "./profiles.js";
import { sameVpn, vpnKey } from "./vpn.js";

/** Guards of the agent machine, as plain pure predicates over context and event. */
type Guard = (args: { context: AgentContext; event: AgentEvent }) => boolean;

const inRange = (c: AgentContext, mtu: number): boolean => mtu >= c.input.minMtu && mtu <= c.input.maxMtu;

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
  offBaseline: ({ context }) => context.currentMtu !== context.baselineMtu,
  onBaseline: ({ context }) => context.currentMtu === context.baselineMtu,
  /** With no VPN and none of our applies in flight, a link change is someone setting a new baseline. */
  baselineFollowsLink: ({ context }) =>
    !context.input.baselineFixed && context.settled && context.vpn === null && context.pendingApplies === 0,
  offBaselineNow: ({ context, event }) => event.type === "apply.done" && event.mtu !== context.baselineMtu,
  hasProfile: ({ context }) => context.vpn !== null && matchProfile(context.input.profiles, context.vpn) !== undefined,
  profileInRange: ({ context }) => {
    const profile = context.vpn === null ? undefined : matchProfile(context.input.profiles, context.vpn);
    return profile !== undefined && inRange(context, profile.mtu);
  },
  isKnown: ({ context }) => {
    const mtu = context.vpn === null ? undefined : context.known[vpnKey(context.vpn)];
    return mtu !== undefined && inRange(context, mtu);
  },
  targetFromKnown: ({ context }) => context.target?.source === "known",
  /** The interface left the MTU being applied, verified or kept (target and appliedMtu are the same MTU once Applied). */
  offTarget: ({ context, event }) =>
    (event.type === "link.mtu" || event.type === "apply.done") && context.target !== null && event.mtu !== context.target.mtu,
} satisfies Record<string, Guard>;

/** What a rollback restores: the MTU before the apply, unless that is outside the range and not the baseline. */
export function rollbackTarget(c: AgentContext): number {
  const previous = c.previousMtu ?? c.baselineMtu;
  return inRange(c, previous) || previous === c.baselineMtu ? previous : c.baselineMtu;
}
