import type { AgentInput, ProbeEvidence } from "../../machines/index.js";
import { testInput } from "../support/input.js";

/** A well-formed probe evidence, for tests to break one field at a time. */
export const goodEvidence: ProbeEvidence = {
  method: "parallel",
  rounds: 2,
  durationMs: 2340,
  icmp: { low: 1280, high: 1400, ms: 120 },
  sizes: [{ mtu: 1372, pass: true, attempts: 1, round: 1, ms: 40 }],
  notes: ["ICMP passed up to 1400"],
};

/** One journal line as the writer would write it, around any event (even a hostile one). */
export function line(seq: number, event: unknown, state = "Direct.idle"): string {
  return `${JSON.stringify({ v: 1, seq, at: new Date(Date.UTC(2026, 10, 25, 10, 0, seq)).toISOString(), event, state })}\n`;
}

/** A journal text: an init record with `input` (overridable), then one line per event. */
export function journal(events: readonly unknown[], input: AgentInput | Record<string, unknown> = testInput()): string {
  return [line(0, { type: "xstate.init", input }), ...events.map((e, i) => line(i + 1, e))].join("");
}
