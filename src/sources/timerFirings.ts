import { asyncScheduler, EMPTY, filter, groupBy, map, mergeMap, switchMap, timer, type Observable, type SchedulerLike } from "rxjs";
import type { Effect } from "../../machines/effects.js";
import type { AgentEvent } from "../../machines/events.js";

export type TimerFiredEvent = Extract<AgentEvent, { type: "timer.fired" }>;
type TimerEffect = Extract<Effect, { type: "scheduleTimer" | "cancelTimer" }>;

/**
 * Turns the machine's `scheduleTimer` / `cancelTimer` effects into `timer.fired` events. One
 * pending firing per timer name and VPN path: a new schedule or a cancel replaces the pending one.
 */
export function timerFirings(effects$: Observable<Effect>, scheduler: SchedulerLike = asyncScheduler): Observable<TimerFiredEvent> {
  return effects$.pipe(
    filter((e): e is TimerEffect => e.type === "scheduleTimer" || e.type === "cancelTimer"),
    // Each VPN path has its own timers (machines/paths.ts).
    groupBy((e) => `${e.params.path ?? ""}\u0000${e.params.timer}`),
    mergeMap((perTimer) =>
      perTimer.pipe(
        switchMap((e) => {
          if (e.type === "cancelTimer") return EMPTY;
          const { timer: name, id, delayMs, path } = e.params;
          return timer(delayMs, scheduler).pipe(map((): TimerFiredEvent => ({ type: "timer.fired", timer: name, id, ...(path === undefined ? {} : { path }) })));
        }),
      ),
    ),
  );
}
