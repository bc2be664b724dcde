import fc from "fast-check";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkpointOf, dottedState, MAX_ADAPTER_TEXT, start, step, type AgentEvent, type AgentSnapshot, type VpnInfo } from "../../machines/index.js";
import { validateConfig } from "../../src/config/index.js";
import { MAX_JOURNAL_LINE, readJournal } from "../../src/journal/reader.js";
import { encodeRecord, JOURNAL_VERSION, type JournalEvent, type JournalRecord } from "../../src/journal/record.js";
import { machineInput } from "../../src/runtime/machineInput.js";
import { persistedFrom } from "../../src/runtime/persistedFrom.js";
import { StateStore } from "../../src/runtime/stateStore.js";
import { fcParams } from "../support/fcParams.js";
import { hostileText } from "../support/hostileText.js";
import { useTmpDir } from "../support/tmp.js";

const tmp = useTmpDir();
const parsed = validateConfig({ interface: "eth0", profiles: [] });
if (!parsed.ok) throw new Error(parsed.problems.join("; "));
const config = parsed.config;

/** Characters that cost the most JSON bytes or break naive code: controls (6 bytes each), emoji, lone surrogates, separators. */
const costly = fc.constantFrom("\u0001", "\u001b", "é", "\u{1F600}", "\ud800", "\u2028", '"', "\\", "a");
/** An adapter text as the watcher accepts it: short and hostile, or up to its 1024-character limit of one costly character. */
const adapterText = fc.oneof(
  hostileText(40).map((t) => t.slice(0, MAX_ADAPTER_TEXT)),
  fc.tuple(costly, fc.integer({ min: 1, max: MAX_ADAPTER_TEXT })).map(([c, n]) => c.repeat(n).slice(0, MAX_ADAPTER_TEXT)),
);
/** Distinct identities: a counter in the name keeps each a new VPN, as the reproducer's watcher did. */
const identities = fc.array(fc.record({ name: adapterText, description: adapterText }), { minLength: 1, maxLength: 110, size: "max" }).map((ids) => ids.map((id, i): VpnInfo => ({ name: `${i}${id.name}`.slice(0, MAX_ADAPTER_TEXT), description: id.description, mtuHint: 1400 })));
/** A hand-edited state.json: many entries, long or hostile keys, any numbers. */
const storedKnown = fc.dictionary(fc.oneof(adapterText, fc.tuple(adapterText, adapterText).map(([a, b]) => `${a}\u0000${b}`), fc.string({ maxLength: 3 * MAX_ADAPTER_TEXT })), fc.oneof(fc.integer({ min: 576, max: 9000 }), fc.integer(), fc.double()), { maxKeys: 80, size: "max" });

/** Records as the agent writes them: each event with the state it reached, a checkpoint after each verified VPN. */
class Recorder {
  readonly lines: string[] = [];
  readonly records: JournalRecord[] = [];
  private seq = 0;

  add(event: JournalEvent, state: string): void {
    const record: JournalRecord = { v: JOURNAL_VERSION, seq: this.seq++, at: new Date(Date.UTC(2026, 11, 8, 0, 0, this.seq)).toISOString(), event, state };
    const line = encodeRecord(record);
    // The reader's limit, checked on every record before anything else.
    expect(Buffer.byteLength(line), `${event.type} record`).toBeLessThanOrEqual(MAX_JOURNAL_LINE);
    this.lines.push(line);
    this.records.push(record);
  }
}

describe("hostile VPN identities: every record the agent writes fits its reader's line and reads back", () => {
  it("events, checkpoints and the xstate.init of the next start, with up to 110 identities at the watcher's limits and a hand-edited state.json", async () => {
    const dir = await tmp();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(identities, storedKnown, async (vpns, known) => {
        const runDir = join(dir, `r${n++}`);
        // Start: a hand-edited state.json, read as the agent reads it.
        await mkdir(runDir);
        const store = new StateStore(runDir);
        await writeFile(join(runDir, "state.json"), JSON.stringify({ baselineMtu: 1500, known, baselines: { eth0: 1500 } }));
        const loaded = await store.load();
        const input = machineInput(config, { baselineMtu: 1500, baselineFixed: false, currentMtu: 1500, known: loaded.state.known, dryRun: false, iface: "eth0" });
        const out = new Recorder();
        let [snapshot] = start(input) as [AgentSnapshot, unknown];
        out.add({ type: "xstate.init", input }, dottedState(snapshot.value));
        const send = (event: AgentEvent): AgentSnapshot => {
          [snapshot] = step(snapshot, event);
          out.add(event, dottedState(snapshot.value));
          return snapshot;
        };
        const work = (): number => snapshot.context.workId;
        send({ type: "network.settled", vpn: null, iface: { name: "eth0", mtu: 1500 } });
        // Each identity: probed, applied, verified (now known), then gone and restored.
        for (const vpn of vpns) {
          send({ type: "network.settled", vpn, iface: { name: "eth0", mtu: 1500 } });
          if (dottedState(snapshot.value) === "Probing") send({ type: "probe.done", workId: work(), mtu: 1372, evidence: { method: "parallel", rounds: 1, durationMs: 900, sizes: [{ mtu: 1372, pass: true, attempts: 1, round: 1, ms: 40 }] } });
          send({ type: "apply.done", workId: work(), mtu: snapshot.context.target?.mtu ?? 1372 });
          send({ type: "verify.passed", workId: work() });
          out.add({ type: "journal.checkpoint", snapshot: checkpointOf(snapshot) }, dottedState(snapshot.value));
          send({ type: "network.settled", vpn: null, iface: { name: "eth0", mtu: snapshot.context.currentMtu } });
          send({ type: "apply.done", workId: work(), mtu: 1500 });
        }
        expect(dottedState(snapshot.value)).toBe("Direct.idle");
        // Stop; state.json as the agent writes it, read back by the next start: nothing of it ignored.
        await store.update((s) => persistedFrom(snapshot.context, s));
        const next = await new StateStore(runDir).load();
        expect(next.ignored).toEqual([]);
        expect(next.state.known).toEqual(snapshot.context.known);
        const again = machineInput(config, { baselineMtu: 1500, baselineFixed: false, currentMtu: 1500, known: next.state.known, dryRun: false, iface: "eth0" });
        out.add({ type: "xstate.init", input: again }, "Direct.idle");

        const path = join(runDir, "journal.jsonl");
        await writeFile(path, `${out.lines.join("\n")}\n`);
        const back: JournalRecord[] = [];
        for await (const item of readJournal(path)) if (item.kind === "record") back.push(item.record);
        expect(back).toEqual(JSON.parse(`[${out.lines.join(",")}]`));
      }),
      // No shrinking: a counterexample is a megabyte of names, and the failing record type says enough.
      { ...fcParams(8), endOnFailure: true },
    );
  });
});
