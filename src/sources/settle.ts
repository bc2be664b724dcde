import { asyncScheduler, Observable, type MonoTypeOperatorFunction, type SchedulerLike, type Subscription } from "rxjs";

/**
 * Emits the latest value once the source has been quiet for `quietMs`, but no later than
 * `maxWaitMs` after the first value of a burst, so a flapping source cannot starve it. A pending
 * value is flushed when the source completes or errors.
 */
export function settle<T>(quietMs: number, maxWaitMs: number, scheduler: SchedulerLike = asyncScheduler): MonoTypeOperatorFunction<T> {
  return (source) =>
    new Observable<T>((subscriber) => {
      let pending: { readonly value: T } | null = null;
      let quiet: Subscription | null = null;
      let deadline: Subscription | null = null;
      const cancelTimers = (): void => {
        quiet?.unsubscribe();
        deadline?.unsubscribe();
        quiet = deadline = null;
      };
      const flush = (): void => {
        cancelTimers();
        if (pending === null) return;
        const { value } = pending;
        pending = null;
        subscriber.next(value);
      };
      const inner = source.subscribe({
        next: (value) => {
          pending = { value };
          quiet?.unsubscribe();
          quiet = scheduler.schedule(flush, quietMs);
          deadline ??= scheduler.schedule(flush, maxWaitMs);
        },
        error: (err: unknown) => {
          flush();
          subscriber.error(err);
        },
        complete: () => {
          flush();
          subscriber.complete();
        },
      });
      return () => {
        inner.unsubscribe();
        cancelTimers();
      };
    });
}
