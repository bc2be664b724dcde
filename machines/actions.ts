import { assign, type Assigner, type PropertyAssigner } from "xstate";
import type { AgentContext } from "./context.js";
import type { AgentEvent } from "./events.js";
import { withoutKey } from "./targets.js";

// The machine's context updates, one concern each. Every assign clones the snapshot and replay
// speed matters, so each does all of its one concern at once.

type Args = { context: AgentContext; event: AgentEvent };
type Update = Assigner<AgentContext, AgentEvent, undefined, AgentEvent, never> | PropertyAssigner<AgentContext, AgentEvent, undefined, AgentEvent, never>;
/** `assign` typed for this machine's context and events. */
const set = (update: Update) => assign<AgentContext, AgentEvent, undefined, AgentEvent, never>(update);
/** The interface MTU an event reports: a link change, or an apply of the interface (not of routes). */
const mtuOf = (e: AgentEvent): number | null => (e.type === "link.mtu" || (e.type === "apply.done" && e.routes === undefined) ? e.mtu : null);
/** The agent's routes after an apply of routes answered with success. */
const routesAfter = (e: AgentEvent, c: AgentContext): AgentContext["routes"] =>
  e.type !== "apply.done" || e.routes === undefined ? c.routes : e.routes.length === 0 ? null : { prefixes: e.routes, mtu: e.mtu };

export const actions = {
  /** The one place a new piece of work gets its id: results carrying an older id are stale. */
  nextWork: set({ workId: ({ context }: Args) => context.workId + 1 }),
  /** The interface reports (or an apply set) this MTU. */
  noteMtu: set({ currentMtu: ({ context, event }: Args) => mtuOf(event) ?? context.currentMtu }),
  /** An apply answered with success: its MTU is in force and it is no longer in flight. */
  applyDone: set(({ context, event }: Args) => ({
    currentMtu: mtuOf(event) ?? context.currentMtu,
    routes: routesAfter(event, context),
    pendingApplies: Math.max(0, context.pendingApplies - 1),
  })),
  /** An apply failed: why is the last error, and it is no longer in flight. */
  applyFailed: set(({ context, event }: Args) => ({
    lastError: "reason" in event ? event.reason : context.lastError,
    pendingApplies: Math.max(0, context.pendingApplies - 1),
  })),
  noteError: set({ lastError: ({ context, event }: Args) => ("reason" in event ? event.reason : context.lastError) }),
  noteSettled: set({ settled: true }),
  /** A VPN appeared or changed: its retries start over. */
  adoptVpn: set(({ event }: Args) =>
    event.type === "network.settled" ? { vpn: event.vpn, probeTarget: event.probeTarget ?? null, settled: true, vpnRetries: 0 } : { vpn: null, probeTarget: null, settled: true, vpnRetries: 0 },
  ),
  /** The VPN went away: nothing applied for it holds any more. */
  dropVpn: set({ vpn: null, probeTarget: null, settled: true, target: null, appliedMtu: null, vpnRetries: 0, restoreRetries: 0 }),
  /** With no VPN, someone else set the link: that is the new baseline. */
  followBaseline: set({ baselineMtu: ({ context, event }: Args) => mtuOf(event) ?? context.baselineMtu }),
  beginApply: set(({ context }: Args) => ({ previousMtu: context.currentMtu, pendingApplies: context.pendingApplies + 1 })),
  beginRestore: set({ pendingApplies: ({ context }: Args) => context.pendingApplies + 1 }),
  beginRollback: set(({ context }: Args) => ({ pendingApplies: context.pendingApplies + 1, rollbacks: context.rollbacks + 1, appliedMtu: null })),
  /** No restore is going on: the next one starts its retries from the first. */
  restoreSettled: set({ restoreRetries: 0 }),
  bumpVpnRetry: set(({ context }: Args) => ({ timerIds: { ...context.timerIds, retry: context.timerIds.retry + 1 }, vpnRetries: context.vpnRetries + 1 })),
  bumpRestoreRetry: set(({ context }: Args) => ({ timerIds: { ...context.timerIds, retry: context.timerIds.retry + 1 }, restoreRetries: context.restoreRetries + 1 })),
  forgetKnown: set({ known: ({ context }: Args) => withoutKey(context) }),
  bumpHealthTimer: set({ timerIds: ({ context }: Args) => ({ ...context.timerIds, health: context.timerIds.health + 1 }) }),
};
