import type { AgentContext, AgentInput } from "./context.js";
import { boundKnown } from "./known.js";

/** Context of a freshly started agent. Pure. */
export function initialContext(input: AgentInput): AgentContext {
  return {
    input,
    iface: input.iface ?? null,
    baselineMtu: input.baselineMtu,
    currentMtu: input.currentMtu,
    vpn: null,
    settled: false,
    // A hand-edited state.json or journal may hold more than the machine keeps.
    known: boundKnown(input.known),
    workId: 0,
    target: null,
    previousMtu: null,
    appliedMtu: null,
    timerIds: { health: 0, retry: 0 },
    vpnRetries: 0,
    restoreRetries: 0,
    lastProbe: null,
    lastError: null,
    rollbacks: 0,
    pendingApplies: 0,
    routes: null,
    probeTarget: null,
  };
}
