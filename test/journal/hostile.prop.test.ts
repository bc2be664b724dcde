import fc from "fast-check";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataError } from "../../src/errors.js";
import { MAX_JOURNAL_LINE, readJournal, type JournalItem } from "../../src/journal/reader.js";
import type { JournalEvent, JournalRecord } from "../../src/journal/record.js";
import { JournalWriter } from "../../src/journal/writer.js";
import { MAX_ADAPTER_TEXT } from "../../src/windows/snapshot.js";
import { startPaths } from "../../machines/index.js";
import { fcParams } from "../support/fcParams.js";
import { deepJson, hasControlBesidesNewline, hostileKey, hostileText } from "../support/hostileText.js";
import { testInput } from "../support/input.js";
import { useTmpDir } from "../support/tmp.js";
import { line } from "./lines.js";

const tmp = useTmpDir();
const [snapshot] = startPaths(testInput());

async function readAll(path: string): Promise<JournalItem[]> {
  const items: JournalItem[] = [];
  for await (const item of readJournal(path)) items.push(item);
  return items;
}

/** A line built to hurt: raw bytes, broken JSON, deep values, prototype keys, huge or escaped strings, in any field. */
const hostileLine = fc.oneof(
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
  hostileText(80).map((t) => Buffer.from(t)),
  fc.tuple(fc.constantFrom("v", "seq", "at", "state", "event", "type", "mtu", "reason", "input"), deepJson).map(([k, deep]) => Buffer.from(`{"v":1,"seq":1,"at":"2026-11-25T10:00:01Z","state":"Direct.idle","event":{"type":"link.mtu","mtu":1400,"${k}":${deep}},"${k}":${deep}}`)),
  fc.dictionary(hostileKey, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }).map((o) => Buffer.from(JSON.stringify({ v: 1, seq: 1, at: "2026-11-25T10:00:01Z", state: "Direct.idle", event: { type: "link.mtu", mtu: 1400, ...o }, ...o }))),
  fc.record({ type: fc.oneof(hostileText(), fc.constantFrom("link.mtu", "probe.failed", "network.settled")), mtu: fc.oneof(fc.double(), fc.string(), fc.constant(null)), reason: fc.oneof(hostileText(), fc.nat(2000).map((n) => "R".repeat(n * 1000))) }).map((event) => Buffer.from(JSON.stringify({ v: 1, seq: 1, at: "2026-11-25T10:00:01Z", event, state: "S" }))),
);

describe("journal reader on hostile lines", () => {
  it("reads a record or refuses with one bounded, escaped line naming the file and line, never anything else", async () => {
    const dir = await tmp();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(hostileLine, { minLength: 1, maxLength: 3 }), fc.boolean(), async (lines, newlineAtEnd) => {
        const path = join(dir, `j${n++}.jsonl`);
        const body = Buffer.concat(lines.flatMap((l, i) => [l, ...(i < lines.length - 1 || newlineAtEnd ? [Buffer.from("\n")] : [])]));
        await writeFile(path, Buffer.concat([Buffer.from(line(0, { type: "xstate.init", input: testInput() })), body]));
        try {
          for (const item of await readAll(path)) if (item.kind === "torn") expect(newlineAtEnd).toBe(false);
        } catch (error) {
          expect(error).toBeInstanceOf(DataError);
          const message = (error as Error).message;
          expect(message.startsWith(`${path}:`)).toBe(true);
          expect(message).not.toContain("\n");
          expect(hasControlBesidesNewline(message)).toBe(false);
          expect(message.length).toBeLessThan(path.length + 300);
        }
      }),
      { ...fcParams(150), timeout: 10_000 },
    );
  });
});

/** Events as the agent builds them: adapter texts up to the watcher's limit, any reason, any link MTU Linux reports. */
const agentText = (max: number) => fc.oneof(hostileText(40), fc.nat(max).map((k) => "é\u001b".repeat(Math.floor(k / 2))));
const linkMtu = fc.integer({ min: 0, max: 2 ** 32 - 1 });
const probeMtu = fc.integer({ min: 576, max: 9000 });
const evidence = fc.record({
  method: fc.constantFrom("parallel" as const, "sequential" as const),
  rounds: fc.nat(6),
  durationMs: fc.nat(),
  sizes: fc.array(fc.record({ mtu: probeMtu, pass: fc.boolean(), attempts: fc.nat(4), round: fc.nat(6), ms: fc.nat(), reason: fc.option(hostileText(), { nil: undefined }) }, { requiredKeys: ["mtu", "pass", "attempts", "round", "ms"] }), { maxLength: 30 }),
});
const agentEvent: fc.Arbitrary<JournalEvent> = fc.oneof(
  fc.record({ type: fc.constant("network.settled" as const), vpn: fc.option(fc.record({ name: agentText(MAX_ADAPTER_TEXT), description: agentText(MAX_ADAPTER_TEXT), mtuHint: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: null }) }), { nil: null }) }),
  fc.record({ type: fc.constant("link.mtu" as const), mtu: linkMtu }),
  fc.record({ type: fc.constant("xstate.init" as const), input: fc.record({ baselineMtu: linkMtu, currentMtu: linkMtu }).map((m) => testInput(m)) }),
  fc.record({ type: fc.constant("probe.done" as const), workId: fc.nat(), mtu: probeMtu, evidence }),
  fc.record({ type: fc.constant("probe.failed" as const), workId: fc.nat(), reason: agentText(4096), evidence }),
  fc.record({ type: fc.constant("apply.done" as const), workId: fc.nat(), mtu: linkMtu }),
  fc.record({ type: fc.constant("apply.failed" as const), workId: fc.nat(), mtu: linkMtu, reason: agentText(4096) }),
  fc.record({ type: fc.constant("verify.failed" as const), workId: fc.nat(), reason: agentText(4096) }),
  fc.record({ type: fc.constant("agent.stop" as const) }),
);

describe("what the agent writes, its readers accept", () => {
  it("every record the journal writer appends reads back equal, within the reader's line limit", async () => {
    const dir = await tmp();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(agentEvent, hostileText(20)), { minLength: 1, maxLength: 8 }), async (steps) => {
        const path = join(dir, `w${n++}.jsonl`);
        const writer = await JournalWriter.open(path);
        const written: JournalRecord[] = [];
        for (const [event, state] of steps) written.push(await writer.append(event, state, new Date(Date.UTC(2026, 10, 25)), snapshot));
        await writer.close();
        const back = (await readAll(path)).map((i) => (i.kind === "record" ? i.record : i));
        expect(back).toEqual(written);
        expect(written.every((r) => Buffer.byteLength(JSON.stringify(r)) <= MAX_JOURNAL_LINE)).toBe(true);
      }),
      fcParams(60),
    );
  });
});
