import type { AgentContext } from "../../machines/index.js";
import type { PersistedState } from "./stateStore.js";

/**
 * What of the machine's context survives a restart: the baseline it follows (unless the config
 * fixes it, then the stored one stays) and the verified MTU per VPN. Pure.
 */
export function persistedFrom(context: AgentContext, stored: PersistedState): PersistedState {
  return { baselineMtu: context.input.baselineFixed ? stored.baselineMtu : context.baselineMtu, known: context.known };
}

/** True when two persisted states hold the same values. Pure. */
export function samePersisted(a: PersistedState, b: PersistedState): boolean {
  if (a.baselineMtu !== b.baselineMtu) return false;
  const keys = Object.keys(a.known);
  return keys.length === Object.keys(b.known).length && keys.every((k) => a.known[k] === b.known[k]);
}
