import { TestScheduler } from "rxjs/testing";
import { describe, expect, it } from "vitest";
import { settle } from "../../src/sources/index.js";

const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe("settle (quietMs 100, maxWaitMs 275)", () => {
  it("emits the latest value once the source has been quiet for quietMs", () => {
    scheduler().run(({ cold, expectObservable }) => {
      const source = cold("a 49ms b 149ms c");
      expectObservable(source.pipe(settle(100, 275))).toBe("150ms b 149ms c");
    });
  });

  it("emits no later than maxWaitMs after the first change of a flapping burst", () => {
    scheduler().run(({ cold, expectObservable }) => {
      // A change every 50 ms never leaves 100 ms of quiet.
      const source = cold("a 49ms b 49ms c 49ms d 49ms e 49ms f 49ms g 49ms h");
      expectObservable(source.pipe(settle(100, 275))).toBe("275ms f 174ms h");
    });
  });

  it("flushes a pending value when the source completes", () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold("a 10ms |").pipe(settle(100, 275))).toBe("11ms (a|)");
    });
  });

  it("emits nothing for a source that emits nothing", () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold("500ms |").pipe(settle(100, 275))).toBe("500ms |");
    });
  });
});
