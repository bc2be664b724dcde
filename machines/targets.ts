import type { AgentContext } from "./context.js";
import { rememberKnown, type KnownMtus } from "./known.js";
import { matchProfile } from "./profiles.js";
import { vpnKey } from "./vpn.js";

// Context lookups the machine's actions share. All pure.

/** MTU of the profile matching the current VPN. */
export function profileMtu(c: AgentContext): number {
  return c.vpn === null ? c.currentMtu : (matchProfile(c.input.profiles, c.vpn)?.mtu ?? c.currentMtu);
}

/** The matching profile's URL for probes and verifications; undefined: the runtime's verify.url. */
export function profileUrl(c: AgentContext): string | undefined {
  return c.vpn === null ? undefined : matchProfile(c.input.profiles, c.vpn)?.url;
}

/** Last verified MTU remembered for the current VPN. */
export function knownMtu(c: AgentContext): number {
  return c.vpn === null ? c.currentMtu : (c.known[vpnKey(c.vpn)] ?? c.currentMtu);
}

/** The MTU being applied or verified. */
export function targetMtu(c: AgentContext): number {
  return c.target?.mtu ?? c.currentMtu;
}

/** The known MTUs without the current VPN's. */
export function withoutKey(c: AgentContext): Record<string, number> {
  if (c.vpn === null) return { ...c.known };
  const key = vpnKey(c.vpn);
  return Object.fromEntries(Object.entries(c.known).filter(([k]) => k !== key));
}

/** The known MTUs with the current VPN's verified at the MTU being verified, within the bounds (machines/known.ts). */
export function withTargetKnown(c: AgentContext): KnownMtus {
  return c.vpn === null ? c.known : rememberKnown(c.known, vpnKey(c.vpn), targetMtu(c));
}
