import type { AgentContext } from "./context.js";
import type { AgentEvent } from "./events.js";

/**
 * The interface routing to the probe target when a network snapshot settled, as the runtime read
 * it (`ip route get`): an input, because it depends on the live routing table, so replay sees the
 * same choice the agent made.
 */
export interface IfaceInfo {
  readonly name: string;
  /** Its MTU when it was chosen: the baseline of an interface the agent starts managing. */
  readonly mtu: number;
}

/**
 * True when the event is about an interface the machine does not manage (a link change or the
 * result of a restore of an interface it left): such an event changes nothing. Applies of routes
 * are never about another interface. An untagged event,
 * or a machine that does not know its interface's name (journals before interfaces were chosen),
 * means the managed interface. Pure.
 */
export function aboutOtherIface(context: AgentContext, event: AgentEvent): boolean {
  if (event.type !== "link.mtu" && event.type !== "apply.done" && event.type !== "apply.failed") return false;
  // The agent's routes are its own, in the main table, whichever interface they leave through.
  if (event.type !== "link.mtu" && event.routes !== undefined) return false;
  return event.iface !== undefined && context.iface !== null && event.iface !== context.iface;
}

/**
 * The interface a `network.settled` moves the machine to, or null when it stays where it is. A
 * machine that does not know its interface's name (started from an input without one) stays: it
 * could not say what to give back on the one it leaves. Pure.
 */
export function ifaceSwitch(context: AgentContext, event: AgentEvent): IfaceInfo | null {
  if (event.type !== "network.settled" || event.iface === undefined || context.iface === null) return null;
  return event.iface.name === context.iface ? null : event.iface;
}
