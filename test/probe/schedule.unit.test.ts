import { describe, expect, it } from "vitest";
import { decideNext, type ScheduleInput } from "../../src/probe/schedule.js";

const base = { min: 1280, max: 1500, hint: null, parallelism: 24, icmpFail: null, maxRounds: 6 } as const;
const r = (mtu: number, pass: boolean) => ({ mtu, pass });

/**
 * The search on a simulated path whose answer is `answer`: a pass settles `passMs` after its round
 * starts, a failure one timeout `T` after. The scheduler is asked at every event, and once the
 * newest round has a pass, `gateMs` later (the driver's "passes are in"). Returns when the
 * answer was known and how. Pure.
 */
function simulate(answer: number, hint: number | null, T = 1000, passMs = 100, gateMs = 20) {
  const results: { mtu: number; pass: boolean }[] = [{ mtu: 1280, pass: true }];
  const tested = new Set([1280]);
  const events: { at: number; mtu: number; pass: boolean }[] = [];
  let rounds = 0;
  let first: number[] = [];
  let newestStart = 0;
  let newest: number[] = [];
  let now = 0;
  for (let guard = 0; guard < 100; guard++) {
    const pending = new Set(events.map((e) => e.mtu));
    // The driver's gate: a short quiet after the newest round's first pass, or half a timeout without one.
    const gate = newestStart + (newest.some((m) => m <= answer) ? passMs + gateMs : T / 2);
    const d = decideNext({ ...base, hint, results, pending, tested, rounds, passesIn: now >= gate } satisfies ScheduleInput);
    if (d.kind === "done") return { at: now, pass: d.bracket.pass, rounds, first };
    if (d.kind === "launch") {
      rounds++;
      if (rounds === 1) first = d.sizes;
      newestStart = now;
      newest = d.sizes;
      for (const mtu of d.sizes) {
        tested.add(mtu);
        events.push({ at: now + (mtu <= answer ? passMs : T), mtu, pass: mtu <= answer });
      }
      continue;
    }
    // Wait: the next result, or the gate opening.
    events.sort((a, b) => a.at - b.at);
    const next = events[0];
    if (next === undefined) throw new Error("waiting with nothing pending");
    if (gate > now && gate < next.at) {
      now = gate;
      continue;
    }
    events.shift();
    now = next.at;
    results.push(r(next.mtu, next.pass));
  }
  throw new Error("no answer after 100 steps");
}

describe("decideNext: probing in about one timeout", () => {
  it("finds every answer in 1280..1500 exactly, by one timeout plus round 1's passes (with and without a hint)", () => {
    for (const hint of [null, 1400]) {
      for (let answer = 1280; answer <= 1500; answer++) {
        const s = simulate(answer, hint);
        expect(s.pass, `answer ${answer}`).toBe(answer);
        // Round 2 starts once round 1's passes are in (100 ms + 20 ms), and its failure costs one T;
        // below round 1's smallest size no pass comes, and the gate opens after T/2.
        const bound = answer < Math.min(...s.first) ? 1500 : 1000 + 100 + 20;
        expect(s.at, `answer ${answer}, hint ${hint}`).toBeLessThanOrEqual(bound);
      }
    }
  });

  it("waits for the round's passes before guessing", () => {
    const d = decideNext({ ...base, results: [r(1280, true)], pending: new Set([1300, 1400]), tested: new Set([1280, 1300, 1400]), rounds: 1, passesIn: false });
    expect(d).toEqual({ kind: "wait" });
  });

  it("takes pending sizes as failing once the passes are in, and starts the next round from that guess", () => {
    const d = decideNext({ ...base, results: [r(1280, true), r(1330, true)], pending: new Set([1340, 1400]), tested: new Set([1280, 1330, 1340, 1400]), rounds: 1, passesIn: true });
    expect(d).toEqual({ kind: "launch", sizes: [1331, 1332, 1333, 1334, 1335, 1336, 1337, 1338, 1339] });
  });

  it("waits for the pending failure when the guess is already exact: seeing M+1 fail is the floor", () => {
    const d = decideNext({ ...base, results: [r(1280, true), r(1339, true)], pending: new Set([1340]), tested: new Set([1280, 1339, 1340]), rounds: 2, passesIn: true });
    expect(d).toEqual({ kind: "wait" });
  });

  it("is done as soon as settled results are exact, whatever is still pending", () => {
    const d = decideNext({ ...base, results: [r(1339, true), r(1340, false)], pending: new Set([1400, 1341]), tested: new Set([1339, 1340, 1341, 1400]), rounds: 2, passesIn: false });
    expect(d).toEqual({ kind: "done", bracket: { pass: 1339, fail: 1340 } });
  });

  it("a late pass that proves the guess wrong starts another round from the new bracket", () => {
    // Round 2 guessed 1340 failing and tested below it; 1340 then passed late.
    const results = [r(1280, true), r(1330, true), ...[1331, 1335, 1339].map((m) => r(m, true)), r(1340, true)];
    const d = decideNext({ ...base, results, pending: new Set([1350]), tested: new Set([1280, 1330, 1331, 1335, 1339, 1340, 1350]), rounds: 2, passesIn: true });
    expect(d).toEqual({ kind: "launch", sizes: [1341, 1342, 1343, 1344, 1345, 1346, 1347, 1348, 1349] });
  });

  it("stops launching after maxRounds and answers with what settled", () => {
    const d = decideNext({ ...base, results: [r(1300, true), r(1400, false)], pending: new Set(), tested: new Set([1300, 1400]), rounds: 6, passesIn: true });
    expect(d).toEqual({ kind: "done", bracket: { pass: 1300, fail: 1400 } });
  });
});
