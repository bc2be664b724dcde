import { asyncScheduler, concatWith, defer, retry, throwError, timer, type MonoTypeOperatorFunction, type SchedulerLike } from "rxjs";
import { backoffDelay } from "../../machines/backoff.js";

export interface RestartOptions {
  /** First delay; it doubles per consecutive failure. */
  readonly baseMs: number;
  readonly maxMs: number;
  /** A run at least this long counts as healthy: the next failure starts again from `baseMs`. */
  readonly healthyMs: number;
  readonly scheduler?: SchedulerLike;
  /** Called at every (re)subscription; `attempt` is 0 for the first start. */
  readonly onStart?: (attempt: number) => void;
  /** Called when a run ends (error, or completion as `SourceCompleted`) with the delay before the next. */
  readonly onStop?: (reason: unknown, delayMs: number) => void;
}

/** The reason passed to `onStop` when the source completed instead of failing. */
export class SourceCompleted extends Error {
  constructor() {
    super("exited");
    this.name = "SourceCompleted";
  }
}

/**
 * Keeps a source alive forever: when it errors or completes it is resubscribed after a bounded
 * exponential backoff, reset once a run has lasted `healthyMs`. Values pass through unchanged.
 */
export function restartWithBackoff<T>(opts: RestartOptions): MonoTypeOperatorFunction<T> {
  const scheduler = opts.scheduler ?? asyncScheduler;
  return (source) =>
    defer(() => {
      let failures = 0;
      let starts = 0;
      let startedAt = 0;
      const run = defer(() => {
        startedAt = scheduler.now();
        opts.onStart?.(starts++);
        return source.pipe(concatWith(throwError(() => new SourceCompleted())));
      });
      return run.pipe(
        retry({
          delay: (reason: unknown) => {
            if (scheduler.now() - startedAt >= opts.healthyMs) failures = 0;
            const delayMs = backoffDelay(failures++, opts.baseMs, opts.maxMs);
            opts.onStop?.(reason, delayMs);
            return timer(delayMs, scheduler);
          },
        }),
      );
    });
}
