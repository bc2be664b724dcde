import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeLine, MAX_LINE_BYTES } from "../../src/sources/index.js";
import { MAX_ADAPTER_TEXT } from "../../src/windows/snapshot.js";
import { fcParams } from "../support/fcParams.js";
import { rawLine } from "./lines.js";
import { deepJson, hasControlBesidesNewline, hostileKey, hostileText } from "../support/hostileText.js";


/** A watcher line built to hurt: raw bytes, broken JSON, deep values, prototype keys, wrong types, huge texts. */
const hostileLine = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
  hostileText(100).map((t) => Buffer.from(t)),
  deepJson.map((d) => Buffer.from(`{"adapters":[${d}],"x":${d}}`)),
  fc.array(fc.dictionary(fc.oneof(fc.constantFrom("name", "description", "status", "mtu", "defaultRoute", "metric"), hostileKey), fc.oneof(fc.jsonValue({ maxDepth: 2 }), hostileText(), fc.nat(3000).map((n) => "N".repeat(n))), { maxKeys: 7 }), { maxLength: 4 }).map((adapters) => Buffer.from(JSON.stringify({ adapters }))),
);

describe("watcher line decoder", () => {
  it("answers any line with a snapshot, a blank, or a bad line whose problem and sample are one short escaped line", () => {
    fc.assert(
      fc.property(hostileLine, fc.boolean(), (bytes, overflow) => {
        const d = decodeLine(rawLine(bytes, 1, overflow));
        if (overflow) expect(d.kind).toBe("bad");
        if (d.kind !== "bad") return;
        for (const text of [d.problem, d.sample]) {
          expect(text).not.toContain("\n");
          expect(hasControlBesidesNewline(text)).toBe(false);
          expect(text.length).toBeLessThan(200);
        }
      }),
      fcParams(500),
    );
  });

  it("reads back every snapshot a watcher may print within the contract's limits", () => {
    const adapter = fc.record(
      { name: hostileText(MAX_ADAPTER_TEXT / 4), description: hostileText(MAX_ADAPTER_TEXT / 4), status: fc.constantFrom("Up", "Disconnected"), mtu: fc.integer({ min: 1, max: 65535 }), defaultRoute: fc.boolean(), metric: fc.nat() },
      { requiredKeys: ["name", "description", "status", "mtu"] },
    ).filter((a) => a.name.length <= MAX_ADAPTER_TEXT && a.description.length <= MAX_ADAPTER_TEXT);
    fc.assert(
      fc.property(fc.array(adapter, { maxLength: 8 }), (adapters) => {
        const line = Buffer.from(JSON.stringify({ adapters }));
        expect(line.length).toBeLessThanOrEqual(MAX_LINE_BYTES);
        expect(decodeLine(rawLine(line))).toEqual({ kind: "snapshot", line: 1, snapshot: { adapters } });
      }),
      fcParams(200),
    );
  });
});
