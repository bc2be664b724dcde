import fc from "fast-check";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readStatus, STATUS_LIMITS } from "../../src/status/client.js";
import { formatStatus } from "../../src/status/formatStatus.js";
import { fcParams } from "../support/fcParams.js";
import { deepJson, hasControlBesidesNewline, hostileKey, hostileText } from "../support/hostileText.js";
import { useTmpDir } from "../support/tmp.js";
import { fakeStatusServer, httpAnswer } from "./fakeStatusServer.js";

const tmp = useTmpDir();

const probeEvidence = { method: "parallel", rounds: 1, durationMs: 5, sizes: [{ mtu: 1400, pass: false, attempts: 1, round: 1, ms: 5, reason: "timeout" }] };
/** A status as an agent would send it, every string hostile. */
const hostileStatus = fc.record({
  state: hostileText(),
  vpn: fc.option(fc.record({ name: hostileText(), description: hostileText(), mtuHint: fc.option(fc.nat(65535), { nil: null }) }), { nil: null }),
  interface: hostileText(16),
  mtu: fc.nat(),
  baseline: fc.nat(),
  appliedMtu: fc.option(fc.nat(), { nil: null }),
  lastError: fc.option(hostileText(), { nil: null }),
  lastProbe: fc.option(fc.record({ ok: fc.constant(false), at: hostileText(), reason: hostileText(), evidence: fc.constant(probeEvidence) }), { nil: null }),
  counters: fc.record({ badWatcherLines: fc.nat(), watcherRestarts: fc.nat(), rollbacks: fc.nat(), events: fc.nat() }),
  watcher: fc.record({ running: fc.boolean(), lastError: fc.option(hostileText(), { nil: null }) }),
  dryRun: fc.boolean(),
  uptimeS: fc.nat(),
  pid: fc.nat(),
  journal: hostileText(),
  recent: fc.constant([]),
});
/** What a server may answer: a hostile status, any JSON with prototype keys, any bytes, deep nesting, a partial status. */
const answer = fc.oneof(
  hostileStatus.map((s) => httpAnswer(JSON.stringify(s))),
  hostileStatus.chain((s) => fc.subarray(Object.keys(s)).map((keep) => httpAnswer(JSON.stringify(Object.fromEntries(Object.entries(s).filter(([k]) => keep.includes(k))))))),
  fc.dictionary(hostileKey, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }).map((o) => httpAnswer(JSON.stringify(o))),
  fc.uint8Array({ maxLength: 200 }).map((b) => httpAnswer(Buffer.from(b))),
  deepJson.map((d) => httpAnswer(`{"state":"x","extra":${d}}`)),
  fc.uint8Array({ maxLength: 120 }).map((b) => Buffer.from(b)),
);

describe("status client against a fake server", () => {
  it("returns a usable status or a reading with one short line, and status text is escaped", async () => {
    const dir = await tmp();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(answer, async (bytes) => {
        const socket = join(dir, `s${n++}.sock`);
        const server = await fakeStatusServer(socket, (s) => s.end(bytes));
        try {
          const reading = await readStatus(socket, STATUS_LIMITS.ms);
          if (!reading.up) {
            expect(reading.reason).not.toContain("\n");
            expect(reading.reason.length).toBeLessThan(300);
            expect(hasControlBesidesNewline(reading.reason)).toBe(false);
            return;
          }
          const text = formatStatus(reading.status);
          expect(hasControlBesidesNewline(text)).toBe(false);
          expect(text.split("\n")).toHaveLength(10);
        } finally {
          await server.close();
        }
      }),
      { ...fcParams(60), timeout: 10_000 },
    );
  });
});
