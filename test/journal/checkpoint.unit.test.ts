import { describe, expect, it } from "vitest";
import { checkpointOf, dottedState, fromCheckpoint, start, step } from "../../machines/index.js";
import { defaultConfig, validateConfig } from "../../src/config/index.js";
import { recordProblem } from "../../src/journal/validate.js";
import { testInput } from "../support/input.js";

const [s0] = start(testInput());
const [probing] = step(s0, { type: "network.settled", vpn: { name: "Ethernet 3", description: "Cisco AnyConnect", mtuHint: 1400 } });
const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const record = (v: number, snapshot: unknown) => ({ v, seq: 5, at: "2026-11-25T10:00:00.000Z", state: "Probing", event: { type: "journal.checkpoint", snapshot } });

describe("checkpoints", () => {
  it("resume the machine where it was: the same next step from the JSON round trip as from the live snapshot", () => {
    const restored = fromCheckpoint(json(checkpointOf(probing)));
    const done = { type: "probe.done", workId: probing.context.workId, mtu: 1372, evidence: { method: "parallel", rounds: 1, durationMs: 10, sizes: [] } } as const;
    const [a, ea] = step(probing, done);
    const [b, eb] = step(restored, done);
    expect(dottedState(b.value)).toBe(dottedState(a.value));
    expect(dottedState(a.value)).toBe("VpnDetected.applying");
    expect(eb).toEqual(ea);
    expect(b.context).toEqual(a.context);
  });

  it("are checked as untrusted input: every context field, a state the machine has, and only in format 2", () => {
    const good = json(checkpointOf(probing));
    expect(recordProblem(record(2, good))).toBeNull();
    expect(recordProblem(record(2, { ...good, value: "Nowhere" }))).toMatch(/^journal\.checkpoint: snapshot\.value: State 'Nowhere' does not exist/);
    expect(recordProblem(record(2, { ...good, context: { ...good.context, currentMtu: 1e300 } }))).toBe("journal.checkpoint: snapshot.context.currentMtu: expected an integer from 0 to 4294967295, got 1e+300");
    expect(recordProblem(record(2, { value: "Probing" }))).toMatch(/snapshot\.context: expected an object, got nothing/);
    expect(recordProblem(record(1, good))).toBe('unknown event type "journal.checkpoint"');
    expect(recordProblem(record(3, good))).toBe("unsupported format version 3 (expected one of 1, 2)");
  });
});

describe("config journal.segmentBytes and journal.keepBytes", () => {
  it("default to 8 MiB and 64 MiB, and keepBytes must hold two segments", () => {
    expect(defaultConfig().journal).toMatchObject({ segmentBytes: 8 * 1024 * 1024, keepBytes: 64 * 1024 * 1024 });
    const small = validateConfig({ journal: { segmentBytes: 1024 } });
    expect(small.ok ? [] : small.problems).toEqual([expect.stringMatching(/^journal\.segmentBytes: expected an integer from 4096/)]);
    const tight = validateConfig({ journal: { segmentBytes: 8192, keepBytes: 10000 } });
    expect(tight.ok ? [] : tight.problems).toEqual(["journal.keepBytes: expected at least 2 x journal.segmentBytes (16384), got 10000"]);
  });
});
