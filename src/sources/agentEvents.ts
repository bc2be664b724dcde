import { EMPTY, map, merge, type Observable } from "rxjs";
import type { AgentEvent } from "../../machines/events.js";
import type { NetworkSettledEvent } from "./settledNetwork.js";
import type { TimerFiredEvent } from "./timerFirings.js";

export interface AgentEventSources {
  /** Settled Windows network events (`createWindowsSource(...).events$`). */
  readonly network$: Observable<NetworkSettledEvent>;
  /**
   * Link MTU observations from the Linux side: a number for the managed interface, or tagged with
   * the interface it is about; passed on as is (re-observing the same MTU matters after a rewrite).
   */
  readonly linkMtu$: Observable<number | { readonly mtu: number; readonly iface: string }>;
  /** Timer firings (`timerFirings(effects$)`). */
  readonly timers$?: Observable<TimerFiredEvent>;
}

/** Every external input of the machine as one stream, in arrival order. */
export function agentEvents(sources: AgentEventSources): Observable<AgentEvent> {
  return merge(
    sources.network$,
    sources.linkMtu$.pipe(map((l): AgentEvent => (typeof l === "number" ? { type: "link.mtu", mtu: l } : { type: "link.mtu", mtu: l.mtu, iface: l.iface }))),
    sources.timers$ ?? EMPTY,
  );
}
