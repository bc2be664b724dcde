import { defer, take } from "rxjs";
import { TestScheduler } from "rxjs/testing";
import { describe, expect, it } from "vitest";
import { restartWithBackoff, SourceCompleted } from "../../src/sources/index.js";

const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe("restartWithBackoff (base 10, max 40)", () => {
  it("restarts a failing source with doubling delays, capped at maxMs", () => {
    scheduler().run(({ cold, expectObservable, flush }) => {
      const delays: number[] = [];
      const source = cold("a 9ms #").pipe(
        restartWithBackoff({ baseMs: 10, maxMs: 40, healthyMs: 1000, onStop: (_r, d) => delays.push(d) }),
        take(5),
      );
      // Runs start at 0, 20 (+10), 50 (+20), 100 (+40), 150 (+40, capped).
      expectObservable(source).toBe("a 19ms a 29ms a 49ms a 49ms (a|)");
      flush();
      expect(delays).toEqual([10, 20, 40, 40]);
    });
  });

  it("treats completion (the watcher exiting) like a failure", () => {
    scheduler().run(({ cold, expectObservable, flush }) => {
      const reasons: unknown[] = [];
      const source = cold("a 9ms |").pipe(restartWithBackoff({ baseMs: 10, maxMs: 40, healthyMs: 1000, onStop: (r) => reasons.push(r) }), take(2));
      expectObservable(source).toBe("a 19ms (a|)");
      flush();
      expect(reasons).toHaveLength(1);
      expect(reasons[0]).toBeInstanceOf(SourceCompleted);
    });
  });

  it("resets the backoff after a healthy run", () => {
    scheduler().run(({ cold, expectObservable, flush }) => {
      const runs = ["a 9ms #", "b 9ms #", "c 49ms #", "d 9ms #"];
      const starts: number[] = [];
      const delays: number[] = [];
      let n = 0;
      const source = defer(() => cold(runs[n++] ?? "-")).pipe(
        restartWithBackoff({ baseMs: 10, maxMs: 40, healthyMs: 30, onStart: (a) => starts.push(a), onStop: (_r, d) => delays.push(d) }),
        take(4),
      );
      // a fails at 10 (+10), b runs 20..30 (+20), c runs 50..100 healthy (+10 again), d at 110.
      expectObservable(source).toBe("a 19ms b 29ms c 59ms (d|)");
      flush();
      expect(starts).toEqual([0, 1, 2, 3]);
      expect(delays).toEqual([10, 20, 10]);
    });
  });
});
