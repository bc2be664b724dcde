import { and, assign, enqueueActions, setup } from "xstate";
import { backoffDelay } from "./backoff.js";
import type { AgentContext, AgentInput } from "./context.js";
import type { EffectName, EffectParams } from "./effects.js";
import type { AgentEvent } from "./events.js";
import { guards, rollbackTarget } from "./guards.js";
import { initialContext } from "./initialContext.js";
import { knownMtu, profileMtu, targetMtu, withoutKey } from "./targets.js";
import { vpnKey } from "./vpn.js";

/** Effects are only named here: the runtime takes them from `transition()` and runs them in `src/effects`. */
function named<K extends EffectName>(): (_: unknown, params: EffectParams[K]) => void {
  return () => undefined;
}

type Ctx = { context: AgentContext };
const rollback = [
  "beginRollback",
  { type: "applyMtu", params: ({ context }: Ctx) => ({ workId: context.workId, mtu: rollbackTarget(context), reason: "rollback" as const }) },
] as const;
/** An MTU that failed verification is no longer trusted for this VPN. */
const forget = [
  { type: "forgetMtu", params: ({ context }: Ctx) => ({ key: context.vpn === null ? "" : vpnKey(context.vpn) }) },
  "forgetKnown",
] as const;
const scheduleRetry = [
  "bumpRetry",
  {
    type: "scheduleTimer",
    params: ({ context }: Ctx) => ({
      timer: "retry" as const,
      id: context.timerIds.retry,
      // `retries` already counts this retry: the first one waits retryBaseMs.
      delayMs: backoffDelay(context.retries - 1, context.input.retryBaseMs, context.input.retryMaxMs),
    }),
  },
] as const;

/**
 * The agent's decisions, pure: states Direct, VpnDetected, Probing, Applied, Degraded (and the final
 * Stopped). Time, timers and effect results arrive as events; effects leave as named actions.
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
    rememberMtu: named<"rememberMtu">(),
    forgetMtu: named<"forgetMtu">(),
    recordBaseline: named<"recordBaseline">(),
    nextWork: assign({ workId: ({ context }) => context.workId + 1 }),
    noteMtu: assign({
      currentMtu: ({ context, event }) => (event.type === "link.mtu" || event.type === "apply.done" ? event.mtu : context.currentMtu),
      pendingApplies: ({ context, event }) => (event.type === "apply.done" ? Math.max(0, context.pendingApplies - 1) : context.pendingApplies),
    }),
    noteError: assign({
      lastError: ({ context, event }) => ("reason" in event ? event.reason : context.lastError),
      pendingApplies: ({ context, event }) => (event.type === "apply.failed" ? Math.max(0, context.pendingApplies - 1) : context.pendingApplies),
    }),
    // Each transition uses one assign where it can: every assign clones the snapshot, and replay speed matters.
    beginApply: assign(({ context }) => ({ workId: context.workId + 1, previousMtu: context.currentMtu, pendingApplies: context.pendingApplies + 1 })),
    beginRestore: assign(({ context }) => ({ workId: context.workId + 1, pendingApplies: context.pendingApplies + 1 })),
    beginRollback: assign(({ context }) => ({
      workId: context.workId + 1,
      pendingApplies: context.pendingApplies + 1,
      rollbacks: context.rollbacks + 1,
      appliedMtu: null,
    })),
    bumpRetry: assign(({ context }) => ({ timerIds: { ...context.timerIds, retry: context.timerIds.retry + 1 }, retries: context.retries + 1 })),
    forgetKnown: assign({ known: ({ context }) => withoutKey(context) }),
    bumpHealthTimer: assign({ timerIds: ({ context }) => ({ ...context.timerIds, health: context.timerIds.health + 1 }) }),
  },
  guards,
}).createMachine({
  id: "agent",
  context: ({ input }) => initialContext(input),
  initial: "Direct",
  on: {
    "network.settled": [
      {
        guard: "vpnGone",
        target: "#agent.Direct.restoring",
        actions: assign({ vpn: null, settled: true, target: null, appliedMtu: null, retries: 0 }),
      },
      {
        guard: "vpnChanged",
        target: "#agent.VpnDetected",
        reenter: true,
        actions: assign({ vpn: ({ event }) => (event.type === "network.settled" ? event.vpn : null), settled: true, retries: 0 }),
      },
      { actions: assign({ settled: true }) },
    ],
    "link.mtu": { actions: "noteMtu" },
    "apply.done": { actions: "noteMtu" },
    "apply.failed": { actions: "noteError" },
    "agent.stop": { target: "#agent.Stopped" },
  },
  states: {
    Direct: {
      initial: "idle",
      states: {
        idle: {
          on: {
            "link.mtu": [
              {
                guard: "baselineFollowsLink",
                actions: [
                  "noteMtu",
                  assign({ baselineMtu: ({ context }) => context.currentMtu }),
                  { type: "recordBaseline", params: ({ context }) => ({ mtu: context.baselineMtu }) },
                ],
              },
              { actions: "noteMtu" },
            ],
            // A late apply from before the VPN went away moved the interface: put the baseline back.
            "apply.done": [{ guard: "offBaselineNow", target: "restoring", actions: "noteMtu" }, { actions: "noteMtu" }],
            "network.settled": [
              { guard: "vpnChanged", target: "#agent.VpnDetected", actions: assign({ vpn: ({ event }) => event.vpn, settled: true }) },
              { guard: "offBaseline", target: "restoring", actions: assign({ settled: true }) },
              { actions: assign({ settled: true }) },
            ],
          },
        },
        restoring: {
          always: { guard: "onBaseline", target: "idle" },
          // Restore only when off the baseline; `always` then leaves at once without an effect.
          entry: enqueueActions(({ context, enqueue }) => {
            if (context.currentMtu === context.baselineMtu) return;
            enqueue("beginRestore");
            enqueue({ type: "applyMtu", params: { workId: context.workId + 1, mtu: context.baselineMtu, reason: "restore" } });
          }),
          on: {
            "apply.done": { guard: "isCurrent", target: "idle", actions: "noteMtu" },
            "apply.failed": { guard: "isCurrent", target: "restoreWait", actions: "noteError" },
          },
        },
        restoreWait: {
          entry: scheduleRetry,
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
          entry: [
            "beginApply",
            { type: "applyMtu", params: ({ context }) => ({ workId: context.workId, mtu: targetMtu(context), reason: "apply" }) },
          ],
          on: {
            "apply.done": { guard: "isCurrent", target: "verifying", actions: "noteMtu" },
            "apply.failed": { guard: "isCurrent", target: "#agent.Degraded", actions: "noteError" },
          },
        },
        verifying: {
          entry: ["nextWork", { type: "verify", params: ({ context }) => ({ workId: context.workId, mtu: targetMtu(context) }) }],
          on: {
            "verify.passed": {
              guard: "isCurrent",
              target: "#agent.Applied",
              actions: [
                assign({
                  appliedMtu: ({ context }) => targetMtu(context),
                  retries: 0,
                  lastError: null,
                  known: ({ context }) => (context.vpn === null ? context.known : { ...context.known, [vpnKey(context.vpn)]: targetMtu(context) }),
                }),
                { type: "rememberMtu", params: ({ context }) => ({ key: context.vpn === null ? "" : vpnKey(context.vpn), mtu: targetMtu(context) }) },
              ],
            },
            "verify.failed": [
              {
                guard: and(["isCurrent", "targetFromKnown"]),
                target: "#agent.Probing",
                actions: [
                  "noteError",
                  ...rollback,
                  ...forget,
                ],
              },
              { guard: "isCurrent", target: "#agent.Degraded", actions: ["noteError", ...rollback, ...forget] },
            ],
            "link.mtu": [{ guard: "mtuOffTarget", target: "applying", actions: "noteMtu" }, { actions: "noteMtu" }],
            "apply.done": [{ guard: "mtuOffTarget", target: "applying", actions: "noteMtu" }, { actions: "noteMtu" }],
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
        "probe.failed": { guard: "isCurrent", target: "Degraded", actions: "noteError" },
      },
    },
    Applied: {
      initial: "steady",
      exit: { type: "cancelTimer", params: { timer: "health" } },
      on: {
        "link.mtu": { guard: "mtuDrifted", target: "#agent.VpnDetected.applying", actions: "noteMtu" },
        "apply.done": { guard: "mtuDrifted", target: "#agent.VpnDetected.applying", actions: "noteMtu" },
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
          entry: ["nextWork", { type: "verify", params: ({ context }) => ({ workId: context.workId, mtu: context.appliedMtu ?? context.currentMtu }) }],
          on: {
            "verify.passed": { guard: "isCurrent", target: "steady" },
            "verify.failed": { guard: "isCurrent", target: "#agent.Probing", actions: "noteError" },
          },
        },
      },
    },
    Degraded: {
      entry: scheduleRetry,
      exit: { type: "cancelTimer", params: { timer: "retry" } },
      on: {
        "timer.fired": { guard: "isCurrentTimer", target: "VpnDetected" },
        "network.settled": [
          { guard: "vpnGone", target: "Direct.restoring", actions: assign({ vpn: null, settled: true, target: null, retries: 0 }) },
          { guard: "vpnPresent", target: "VpnDetected", actions: assign({ vpn: ({ event }) => event.vpn, retries: 0 }) },
        ],
      },
    },
    Stopped: {
      type: "final",
      entry: enqueueActions(({ context, enqueue }) => {
        if (context.input.restoreOnStop && context.currentMtu !== context.baselineMtu) {
          enqueue({ type: "applyMtu", params: { workId: context.workId + 1, mtu: context.baselineMtu, reason: "restore" } });
        }
      }),
    },
  },
});
