import type { AgentContext } from "../../machines/index.js";
import type { PersistedState } from "./stateStore.js";

/**
 * What of the machine's context survives a restart: the baseline it follows (unless the config
 * fixes it, then the stored one stays), also per interface once the machine names its interface,
 * and the verified MTU per VPN. Pure.
 */
export function persistedFrom(context: AgentContext, stored: PersistedState): PersistedState {
  const fixed = context.input.baselineFixed;
  const base = { baselineMtu: fixed ? stored.baselineMtu : context.baselineMtu, known: context.known };
  if (context.iface === null || fixed) return stored.baselines === undefined ? base : { ...base, baselines: stored.baselines };
  return { ...base, baselines: { ...stored.baselines, [context.iface]: context.baselineMtu } };
}

/** True when two persisted states hold the same values. Pure. */
export function samePersisted(a: PersistedState, b: PersistedState): boolean {
  if (a.baselineMtu !== b.baselineMtu || (a.baselines === undefined) !== (b.baselines === undefined)) return false;
  return sameNumbers(a.known, b.known) && sameNumbers(a.baselines ?? {}, b.baselines ?? {});
}

function sameNumbers(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
