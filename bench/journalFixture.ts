import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { dottedState, start, step, type AgentEvent, type AgentSnapshot, type ProbeEvidence } from "../machines/index.js";
import { encodeRecord, type JournalEvent } from "../src/journal/record.js";

const evidence: ProbeEvidence = {
  method: "parallel",
  rounds: 2,
  durationMs: 2104,
  sizes: [1280, 1300, 1340, 1352, 1360, 1372, 1373, 1380, 1400, 1420, 1500].map((mtu, i) => ({ mtu, pass: mtu <= 1372, attempts: 1, round: i < 6 ? 1 : 2, ms: mtu <= 1372 ? 35 : 2000 })),
};

/** One realistic cycle: connect, probe, apply, verify, WSL rewrite, health checks, disconnect. */
function* cycle(s: () => AgentSnapshot, n: number): Generator<AgentEvent> {
  const w = () => s().context.workId;
  const vpn = { name: `Ethernet ${n % 7}`, description: "Cisco AnyConnect Secure Mobility Client", mtuHint: 1400 };
  yield { type: "network.settled", vpn };
  if (s().value === "Probing") yield { type: "probe.done", workId: w(), mtu: 1372, evidence };
  yield { type: "link.mtu", mtu: 1372 };
  yield { type: "apply.done", workId: w(), mtu: 1372 };
  yield { type: "verify.passed", workId: w() };
  for (let i = 0; i < 3; i++) {
    yield { type: "timer.fired", timer: "health", id: s().context.timerIds.health };
    yield { type: "verify.passed", workId: w() };
  }
  yield { type: "link.mtu", mtu: 1400 };
  yield { type: "apply.done", workId: w(), mtu: 1372 };
  yield { type: "verify.passed", workId: w() };
  yield { type: "network.settled", vpn: null };
  yield { type: "apply.done", workId: w(), mtu: 1500 };
  yield { type: "link.mtu", mtu: 1500 };
}

/** Writes a journal of at least `events` records produced by the real machine. */
export async function writeJournalFixture(path: string, events: number): Promise<number> {
  const out = createWriteStream(path);
  let at = Date.parse("2026-11-25T00:00:00Z");
  let seq = 0;
  const input = { minMtu: 1280, maxMtu: 1500, baselineMtu: 1500, baselineFixed: false, currentMtu: 1500, profiles: [], known: {}, healthIntervalMs: 60000, retryBaseMs: 1000, retryMaxMs: 60000, restoreOnStop: true };
  let [snapshot] = start(input);
  const write = async (event: JournalEvent, state: string) => {
    if (!out.write(`${encodeRecord({ v: 1, seq: seq++, at: new Date((at += 1000)).toISOString(), event, state })}\n`)) await once(out, "drain");
  };
  await write({ type: "xstate.init", input }, dottedState(snapshot.value));
  for (let n = 0; seq < events; n++) {
    for (const event of cycle(() => snapshot, n)) {
      [snapshot] = step(snapshot, event);
      await write(event, dottedState(snapshot.value));
    }
  }
  out.end();
  await once(out, "finish");
  return seq;
}
