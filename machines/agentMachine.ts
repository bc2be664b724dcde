import { and, assign, enqueueActions, setup } from "xstate";
import { actions } from "./actions.js";
import { backoffDelay } from "./backoff.js";
import type { AgentContext, AgentInput } from "./context.js";
import type { EffectName, EffectParams } from "./effects.js";
import type { AgentEvent } from "./events.js";
import { guards, rollbackTarget } from "./guards.js";
import { ifaceSwitch } from "./iface.js";
import { initialContext } from "./initialContext.js";
import { outsideTunnel, scopeRoutes } from "./scope.js";
import { knownMtu, profileMtu, profileUrl, targetMtu, withTargetKnown } from "./targets.js";

/** Effects are only named here: the runtime takes them from `transition()` and runs them in `src/effects`. */
function named<K extends EffectName>(): (_: unknown, params: EffectParams[K]) => void {
  return () => undefined;
}

type Ctx = { context: AgentContext };
type ApplyParams = EffectParams["applyMtu"];
/** The apply for the work just numbered by `nextWork`: what (interface MTU or routes) comes from `what`. */
const applyWith = (what: (c: AgentContext) => Omit<ApplyParams, "workId" | "iface">) =>
  ({ type: "applyMtu", params: ({ context }: Ctx): ApplyParams => ({ workId: context.workId, iface: context.iface, ...what(context) }) }) as const;
/** An apply of the interface MTU. */
const applyMtu = (mtu: (c: AgentContext) => number, reason: ApplyParams["reason"]) => applyWith((c) => ({ mtu: mtu(c), reason }));
/** The target MTU where the scope puts it: the interface, or the VPN's routes. */
const applyTarget = applyWith((c) => {
  const routes = scopeRoutes(c);
  return { mtu: targetMtu(c), reason: "apply", ...(routes === null ? {} : { routes }) };
});
/** Undoing the agent's routes: all of them go, and the prefixes follow the interface again. */
const removeRoutes = (reason: ApplyParams["reason"]) => (c: AgentContext): Omit<ApplyParams, "workId" | "iface"> => ({ mtu: c.baselineMtu, reason, routes: [] });
/** A rollback undoes the apply in its scope: the interface goes back to the MTU before it, routes go. */
const rollback = ["nextWork", "beginRollback", applyWith((c) => (scopeRoutes(c) === null ? { mtu: rollbackTarget(c), reason: "rollback" } : removeRoutes("rollback")(c)))] as const;
/** One step of restoring: the agent's routes first, then the interface's baseline. */
const restoreStep = applyWith((c) => (c.routes !== null ? removeRoutes("restore")(c) : { mtu: c.baselineMtu, reason: "restore" }));
/** The profile's URL for probes and verifications, when it names one. */
const withUrl = (c: AgentContext): { url?: string } => {
  const url = profileUrl(c);
  return url === undefined ? {} : { url };
};
const retryTimer = (attempt: (c: AgentContext) => number) =>
  ({
    type: "scheduleTimer",
    // The counter already counts this retry: the first one waits retryBaseMs.
    params: ({ context }: Ctx) => ({
      timer: "retry" as const,
      id: context.timerIds.retry,
      delayMs: backoffDelay(attempt(context) - 1, context.input.retryBaseMs, context.input.retryMaxMs),
    }),
  }) as const;
/** The interface left the MTU being verified or verified: apply it again (WSL rewrote it, or a late apply landed). */
const reapply = { guard: "offTarget", target: "#agent.VpnDetected.applying" } as const;

/**
 * The agent's decisions, pure: states Direct, VpnDetected, Probing, Applied, Degraded (and the final
 * Stopped). Time, timers and effect results arrive as events; effects leave as named actions.
 * "VPN gone" and "VPN changed" are handled once, on the machine itself, for every state.
 */
export const agentMachine = setup({
  types: { context: {} as AgentContext, events: {} as AgentEvent, input: {} as AgentInput },
  actions: {
    startProbe: named<"startProbe">(),
    cancelProbe: named<"cancelProbe">(),
    applyMtu: named<"applyMtu">(),
    verify: named<"verify">(),
    scheduleTimer: named<"scheduleTimer">(),
    cancelTimer: named<"cancelTimer">(),
    ...actions,
    /**
     * The route to the target moved to another interface: the one left gets its baseline back
     * (its result is about an interface no longer managed, so only logged), and the new one is
     * managed from the MTU it has now. Restoring and probing at once, not one after the other:
     * they are different interfaces, and waiting would delay the fix for nothing.
     */
    switchIface: enqueueActions(({ context, event, enqueue }) => {
      const next = ifaceSwitch(context, event);
      if (next === null) return;
      // The agent's routes stay: the next apply makes them what the new path needs, a restore removes them.
      if (context.currentMtu !== context.baselineMtu || context.pendingApplies > 0) {
        enqueue({ type: "applyMtu", params: { workId: context.workId, mtu: context.baselineMtu, reason: "restore", iface: context.iface } });
      }
      // Applies in flight were for the old interface: their results no longer count.
      enqueue(
        assign({
          iface: next.name,
          currentMtu: next.mtu,
          // Even with a fixed baseline: that one is the start interface's, and a newly chosen interface
          // left off its own MTU would be changed with no VPN on it.
          baselineMtu: next.mtu,
          pendingApplies: 0,
          previousMtu: null,
        }),
      );
    }),
  },
  guards,
}).createMachine({
  id: "agent",
  context: ({ input }) => initialContext(input),
  initial: "Direct",
  on: {
    // Each handler of `network.settled` (here, Direct.idle, Degraded) first follows the interface.
    "network.settled": [
      { guard: "vpnGone", target: "#agent.Direct.restoring", actions: ["switchIface", "dropVpn"] },
      { guard: "vpnChanged", target: "#agent.VpnDetected", reenter: true, actions: ["switchIface", "adoptVpn"] },
      // The same VPN, now routed through another interface: decide again there.
      { guard: and(["vpnStays", "ifaceChanged"]), target: "#agent.VpnDetected", reenter: true, actions: ["switchIface", "adoptVpn"] },
      { actions: ["switchIface", "noteSettled"] },
    ],
    "link.mtu": { actions: "noteMtu" },
    "apply.done": { actions: "applyDone" },
    "apply.failed": { actions: "applyFailed" },
    "agent.stop": { target: "#agent.Stopped" },
  },
  states: {
    Direct: {
      initial: "idle",
      states: {
        idle: {
          entry: "restoreSettled",
          on: {
            "link.mtu": { guard: "baselineFollowsLink", actions: ["noteMtu", "followBaseline"] },
            // A late apply from before the VPN went away moved the interface: put the baseline back.
            "apply.done": { guard: "offBaselineNow", target: "restoring", actions: "applyDone" },
            "network.settled": { guard: and(["noVpn", "offBaseline"]), target: "restoring", actions: ["switchIface", "noteSettled"] },
          },
        },
        restoring: {
          always: { guard: "onBaseline", target: "idle" },
          // Restore only when off the baseline; `always` then leaves at once without an effect.
          entry: enqueueActions(({ check, enqueue }) => {
            if (!check("offBaseline")) return;
            enqueue("nextWork");
            enqueue("beginRestore");
            enqueue(restoreStep);
          }),
          on: {
            // Entered again: the next step (the interface after the routes), or idle when none is left.
            "apply.done": { guard: "isCurrent", target: "restoring", reenter: true, actions: "applyDone" },
            "apply.failed": { guard: "isCurrent", target: "restoreWait", actions: "applyFailed" },
          },
        },
        restoreWait: {
          entry: ["bumpRestoreRetry", retryTimer((c) => c.restoreRetries)],
          exit: { type: "cancelTimer", params: { timer: "retry" } },
          on: { "timer.fired": { guard: "isCurrentTimer", target: "restoring" } },
        },
      },
    },
    VpnDetected: {
      initial: "deciding",
      states: {
        deciding: {
          always: [
            // Checked first: not even a profile's or a known MTU may be applied for a path the target does not take.
            // The runtime names as `vpn` only a VPN Windows routes the target through, so only journals of
            // earlier versions (which named the VPN without routing) take this.
            { guard: "targetOutsideTunnel", target: "#agent.Degraded", actions: assign({ lastError: ({ context }) => outsideTunnel(context) }) },
            {
              guard: "profileInRange",
              target: "applying",
              actions: assign({ target: ({ context }) => ({ mtu: profileMtu(context), source: "profile" as const }) }),
            },
            { guard: "hasProfile", target: "#agent.Degraded", actions: assign({ lastError: "profile MTU outside [minMtu, maxMtu]" }) },
            {
              guard: "isKnown",
              target: "applying",
              actions: assign({ target: ({ context }) => ({ mtu: knownMtu(context), source: "known" as const }) }),
            },
            { target: "#agent.Probing" },
          ],
        },
        applying: {
          entry: ["nextWork", "beginApply", applyTarget],
          on: {
            "apply.done": { guard: "isCurrent", target: "verifying", actions: "applyDone" },
            "apply.failed": { guard: "isCurrent", target: "#agent.Degraded", actions: "applyFailed" },
          },
        },
        verifying: {
          entry: ["nextWork", { type: "verify", params: ({ context }) => ({ workId: context.workId, mtu: targetMtu(context), ...withUrl(context) }) }],
          on: {
            "verify.passed": {
              guard: "isCurrent",
              target: "#agent.Applied",
              actions: assign({
                appliedMtu: ({ context }) => targetMtu(context),
                vpnRetries: 0,
                lastError: null,
                known: ({ context }) => withTargetKnown(context),
              }),
            },
            // An MTU that failed verification is rolled back and no longer trusted for this VPN.
            "verify.failed": [
              { guard: and(["isCurrent", "targetFromKnown"]), target: "#agent.Probing", actions: ["noteError", ...rollback, "forgetKnown"] },
              { guard: "isCurrent", target: "#agent.Degraded", actions: ["noteError", ...rollback, "forgetKnown"] },
            ],
            "link.mtu": { ...reapply, actions: "noteMtu" },
            "apply.done": { ...reapply, actions: "applyDone" },
          },
        },
      },
    },
    Probing: {
      entry: [
        "nextWork",
        {
          type: "startProbe",
          params: ({ context }) => ({
            workId: context.workId,
            hint: context.vpn?.mtuHint ?? null,
            minMtu: context.input.minMtu,
            maxMtu: context.input.maxMtu,
            ...withUrl(context),
          }),
        },
      ],
      exit: { type: "cancelProbe", params: ({ context }) => ({ workId: context.workId }) },
      on: {
        "probe.done": [
          {
            guard: and(["isCurrent", "probeInRange"]),
            target: "VpnDetected.applying",
            actions: assign({
              target: ({ event }) => ({ mtu: event.mtu, source: "probe" as const }),
              lastProbe: ({ event }) => event.evidence,
            }),
          },
          {
            guard: "isCurrent",
            target: "Degraded",
            actions: assign({ lastProbe: ({ event }) => event.evidence, lastError: "probe result outside [minMtu, maxMtu]" }),
          },
        ],
        "probe.failed": {
          guard: "isCurrent",
          target: "Degraded",
          actions: assign({ lastProbe: ({ context, event }) => event.evidence ?? context.lastProbe, lastError: ({ event }) => event.reason }),
        },
      },
    },
    Applied: {
      initial: "steady",
      exit: { type: "cancelTimer", params: { timer: "health" } },
      on: {
        "link.mtu": { ...reapply, actions: "noteMtu" },
        "apply.done": { ...reapply, actions: "applyDone" },
      },
      states: {
        steady: {
          entry: [
            "bumpHealthTimer",
            {
              type: "scheduleTimer",
              params: ({ context }) => ({ timer: "health", id: context.timerIds.health, delayMs: context.input.healthIntervalMs }),
            },
          ],
          on: { "timer.fired": { guard: "isCurrentTimer", target: "checking" } },
        },
        checking: {
          entry: ["nextWork", { type: "verify", params: ({ context }) => ({ workId: context.workId, mtu: context.appliedMtu ?? context.currentMtu, ...withUrl(context) }) }],
          on: {
            "verify.passed": { guard: "isCurrent", target: "steady" },
            "verify.failed": { guard: "isCurrent", target: "#agent.Probing", actions: "noteError" },
          },
        },
      },
    },
    Degraded: {
      entry: ["bumpVpnRetry", retryTimer((c) => c.vpnRetries)],
      exit: { type: "cancelTimer", params: { timer: "retry" } },
      on: {
        "timer.fired": { guard: "isCurrentTimer", target: "VpnDetected" },
        // The same VPN settled again: the network moved, so retry now. Another VPN or none is the machine's own handling.
        "network.settled": { guard: "sameVpnAgain", target: "VpnDetected", actions: ["switchIface", "adoptVpn"] },
      },
    },
    Stopped: {
      type: "final",
      // Both sides at once: no result is awaited any more.
      entry: enqueueActions(({ context, enqueue }) => {
        if (!context.input.restoreOnStop) return;
        if (context.routes !== null) {
          enqueue("nextWork");
          enqueue(applyWith(removeRoutes("restore")));
        }
        if (context.currentMtu !== context.baselineMtu) {
          enqueue("nextWork");
          enqueue(applyMtu((c) => c.baselineMtu, "restore"));
        }
      }),
    },
  },
});
