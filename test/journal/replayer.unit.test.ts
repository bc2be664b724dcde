import { describe, expect, it } from "vitest";
import type { JournalEvent, JournalRecord } from "../../src/journal/record.js";
import { divergenceOf, Replayer } from "../../src/journal/replay.js";
import { testInput, vpnA } from "../support/input.js";

let seq = 0;
const record = (event: JournalEvent, state: string): JournalRecord => ({ v: 1, seq: seq++, at: "2026-11-25T09:00:00.000Z", event, state });

describe("Replayer: one fold giving snapshot, effects and the transitions XState took", () => {
  const replayer = new Replayer("j.jsonl");
  const init = replayer.feed(1, record({ type: "xstate.init", input: testInput() }, "Direct.idle"));

  it("an init record enters the initial states and takes no transition", () => {
    expect(init.replayed).toBe("Direct.idle");
    expect(init.entered).toEqual(["Direct", "Direct.idle"]);
    expect(init.transitions).toEqual([]);
  });

  it("a VPN appearing takes the machine's VPN-changed transition, then the eventless choice to probe", () => {
    replayer.feed(2, record({ type: "network.settled", vpn: null }, "Direct.idle"));
    const s = replayer.feed(3, record({ type: "network.settled", vpn: vpnA }, "Probing"));
    expect(s.transitions).toEqual(["*:network.settled:1", "VpnDetected.deciding:always:4"]);
    expect(s.entered).toEqual(["VpnDetected", "VpnDetected.deciding", "Probing"]);
    expect(s.effects.map((e) => e.type)).toEqual(["startProbe"]);
    expect(s.snapshot.context.vpn).toEqual(vpnA);
    expect(divergenceOf(s)).toBeNull();
  });

  it("VPN gone on the baseline passes through restoring by its eventless transition", () => {
    const s = replayer.feed(4, record({ type: "network.settled", vpn: null }, "Direct.restoring"));
    expect(s.transitions).toEqual(["*:network.settled:0", "Direct.restoring:always:0"]);
    expect(s.replayed).toBe("Direct.idle");
    expect(divergenceOf(s)).toMatchObject({ line: 4, recorded: "Direct.restoring", replayed: "Direct.idle" });
  });

  it("a journal that does not begin with xstate.init names the file and line", () => {
    expect(() => new Replayer("j.jsonl").feed(7, record({ type: "agent.stop" }, "Stopped"))).toThrow("j.jsonl:7: journal must begin with an xstate.init or journal.checkpoint record");
  });
});
