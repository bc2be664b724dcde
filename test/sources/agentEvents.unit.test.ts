import { TestScheduler } from "rxjs/testing";
import { describe, expect, it } from "vitest";
import type { Effect } from "../../machines/index.js";
import { agentEvents, timerFirings } from "../../src/sources/index.js";

const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe("timerFirings", () => {
  it("fires scheduled timers, and a cancel or reschedule replaces the pending firing of that timer only", () => {
    scheduler().run(({ cold, expectObservable }) => {
      const effects = cold<Effect>("a 9ms b c 9ms d", {
        a: { type: "scheduleTimer", params: { timer: "health", id: 1, delayMs: 50 } },
        b: { type: "scheduleTimer", params: { timer: "retry", id: 7, delayMs: 5 } },
        c: { type: "cancelTimer", params: { timer: "health" } },
        d: { type: "scheduleTimer", params: { timer: "health", id: 2, delayMs: 30 } },
      });
      // retry 7 fires at 10 + 5; health 1 is cancelled at 11; health 2 fires at 21 + 30.
      expectObservable(timerFirings(effects)).toBe("15ms r 35ms h", {
        r: { type: "timer.fired", timer: "retry", id: 7 },
        h: { type: "timer.fired", timer: "health", id: 2 },
      });
    });
  });
});

describe("agentEvents", () => {
  it("merges settled network events, link MTUs and timer firings in arrival order", () => {
    scheduler().run(({ cold, expectObservable }) => {
      const vpn = { name: "wg0", description: "WireGuard Tunnel", mtuHint: 1420 };
      const network$ = cold("a 9ms - b", { a: { type: "network.settled" as const, vpn }, b: { type: "network.settled" as const, vpn: null } });
      const linkMtu$ = cold("5ms x y", { x: 1500, y: 1500 });
      const timers$ = cold("20ms t", { t: { type: "timer.fired" as const, timer: "health" as const, id: 3 } });
      expectObservable(agentEvents({ network$, linkMtu$, timers$ })).toBe("a 4ms x y 4ms b 8ms t", {
        a: { type: "network.settled", vpn },
        b: { type: "network.settled", vpn: null },
        x: { type: "link.mtu", mtu: 1500 },
        y: { type: "link.mtu", mtu: 1500 },
        t: { type: "timer.fired", timer: "health", id: 3 },
      });
    });
  });
});
