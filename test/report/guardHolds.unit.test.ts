import { and, not } from "xstate";
import { describe, expect, it } from "vitest";
import { start, type AgentEvent } from "../../machines/index.js";
import { holds } from "../../src/report/guardHolds.js";
import { goodEvidence } from "../journal/lines.js";
import { testInput } from "../support/input.js";

const { context } = start(testInput())[0];
const probe = (mtu: number): AgentEvent => ({ type: "probe.done", workId: context.workId, mtu, evidence: goodEvidence });
/** As the bundle has it: esbuild renames xstate's inner `function and` to `and2`. */
const bundled = <T extends object>(guard: T, name: string): T => Object.defineProperty(guard, "name", { value: name });

describe("holds evaluates combined guards as the machine does, whatever the bundler named them", () => {
  it("and / not", () => {
    const guard = bundled(and(["isCurrent", "probeInRange"]), "and2");
    expect(holds(guard, context, probe(1400))).toBe(true);
    expect(holds(guard, context, probe(9000))).toBe(false);
    expect(holds(bundled(not(guard), "not2"), context, probe(9000))).toBe(true);
  });
});
