import fc from "fast-check";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readJournal } from "../../src/journal/reader.js";
import { encodeRecord, type JournalRecord } from "../../src/journal/record.js";
import { fcParams } from "../support/fcParams.js";
import { useTmpDir } from "../support/tmp.js";

const tmp = useTmpDir();

const vpn = fc.record({ name: fc.string(), description: fc.string({ unit: "binary" }), mtuHint: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: null }) });
const id = fc.nat();
const mtu = fc.integer({ min: 68, max: 65535 });
const reason = fc.string({ unit: "binary", maxLength: 200 });
const evidence = fc.record({
  method: fc.constantFrom("parallel" as const, "sequential" as const),
  rounds: fc.nat(5),
  durationMs: fc.nat(),
  sizes: fc.array(fc.record({ mtu, pass: fc.boolean(), attempts: fc.nat(4), round: fc.nat(3), ms: fc.nat() }), { maxLength: 20 }),
});
const event = fc.oneof(
  fc.record({ type: fc.constant("network.settled" as const), vpn: fc.option(vpn, { nil: null }) }),
  fc.record({ type: fc.constant("link.mtu" as const), mtu }),
  fc.record({ type: fc.constant("probe.done" as const), workId: id, mtu, evidence }),
  fc.record({ type: fc.constant("probe.failed" as const), workId: id, reason }),
  fc.record({ type: fc.constant("apply.done" as const), workId: id, mtu }),
  fc.record({ type: fc.constant("apply.failed" as const), workId: id, mtu, reason }),
  fc.record({ type: fc.constant("verify.passed" as const), workId: id }),
  fc.record({ type: fc.constant("verify.failed" as const), workId: id, reason }),
  fc.record({ type: fc.constant("timer.fired" as const), timer: fc.constantFrom("health" as const, "retry" as const), id }),
  fc.record({ type: fc.constant("agent.stop" as const) }),
);
const record = fc.record({
  event,
  state: fc.string(),
  at: fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }).map((d) => d.toISOString()),
});

describe("journal encoding", () => {
  it("reads back every record it writes, byte for byte in meaning", async () => {
    const dir = await tmp();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(record, { minLength: 1, maxLength: 30 }), async (parts) => {
        const records: JournalRecord[] = parts.map((p, seq) => ({ v: 1, seq, ...p }));
        const path = join(dir, `j${n++}.jsonl`);
        await writeFile(path, records.map((r) => `${encodeRecord(r)}\n`).join(""));
        const back: JournalRecord[] = [];
        for await (const item of readJournal(path)) if (item.kind === "record") back.push(item.record);
        expect(back).toEqual(records);
      }),
      fcParams(100),
    );
  });
});
