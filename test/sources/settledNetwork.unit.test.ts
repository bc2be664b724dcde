import { TestScheduler } from "rxjs/testing";
import { describe, expect, it } from "vitest";
import { createHealthStore, settledNetwork, type SourceWarning } from "../../src/sources/index.js";
import { createClassifier } from "../../src/windows/index.js";
import { noVpnLine, rawLine, settled, snapshotLine } from "./lines.js";

const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
const wg = { name: "wg0", description: "WireGuard Tunnel", mtuHint: 1420 };
const values = {
  n: rawLine(noVpnLine),
  w: rawLine(snapshotLine("wg0", "WireGuard Tunnel", 1420)),
  x: rawLine("not json at all"),
  b: rawLine(Buffer.from([0xff, 0x00, 0x01])),
  s: rawLine('{"adapters":"nope"}'),
};
const events = { N: { type: "network.settled", vpn: null }, W: { type: "network.settled", vpn: wg } };

describe("settledNetwork (quietMs 100, maxWaitMs 300)", () => {
  it("classifies, settles and emits the VPN coming up and going down", () => {
    scheduler().run(({ cold, expectObservable }) => {
      const out = settled(settledNetwork(cold("n 199ms w 199ms n", values), { classifier: createClassifier(), quietMs: 100, maxWaitMs: 300, health: createHealthStore() }));
      expectObservable(out).toBe("100ms N 199ms W 199ms N", events);
    });
  });

  it("does not re-trigger on heartbeats or on a burst that ends where it began", () => {
    scheduler().run(({ cold, expectObservable }) => {
      const out = settled(settledNetwork(cold("n 199ms n 199ms w 9ms n 199ms n", values), { classifier: createClassifier(), quietMs: 100, maxWaitMs: 300, health: createHealthStore() }));
      expectObservable(out).toBe("100ms N", events);
    });
  });

  it("counts and warns about bad lines without ever failing", () => {
    const health = createHealthStore();
    const warnings: SourceWarning[] = [];
    scheduler().run(({ cold, expectObservable }) => {
      const out = settled(settledNetwork(cold("x b s n 196ms x w |", values), { classifier: createClassifier(), quietMs: 100, maxWaitMs: 300, health, onWarning: (w) => warnings.push(w) }));
      expectObservable(out).toBe("103ms N 98ms (W|)", events);
    });
    expect(health.value.badLines).toBe(4);
    expect(health.value.snapshots).toBe(2);
    expect(health.value.lastBadLine).toEqual({ problem: expect.stringMatching(/^not JSON/), sample: '"not json at all"' });
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^ignored a bad watcher line: not JSON/),
      "ignored a bad watcher line: binary data (NUL byte)",
      'ignored a bad watcher line: "adapters" is missing or not an array',
      expect.stringMatching(/^ignored a bad watcher line: not JSON/),
    ]);
  });
});
