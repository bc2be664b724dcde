import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeLine, MAX_LINE_BYTES } from "../../src/sources/index.js";
import { formatPrefix, networkOf } from "../../src/windows/prefix.js";
import { MAX_ADAPTER_TEXT } from "../../src/windows/snapshot.js";
import { fcParams } from "../support/fcParams.js";
import { rawLine } from "./lines.js";
import { deepJson, hasControlBesidesNewline, hostileKey, hostileText } from "../support/hostileText.js";


/** A watcher line built to hurt: raw bytes, broken JSON, deep values, prototype keys, wrong types, huge texts. */
const hostileLine = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
  hostileText(100).map((t) => Buffer.from(t)),
  deepJson.map((d) => Buffer.from(`{"adapters":[${d}],"x":${d}}`)),
  fc.array(fc.dictionary(fc.oneof(fc.constantFrom("name", "description", "status", "mtu", "defaultRoute", "metric", "routes"), hostileKey), fc.oneof(fc.jsonValue({ maxDepth: 2 }), hostileText(), fc.nat(3000).map((n) => "N".repeat(n))), { maxKeys: 7 }), { maxLength: 4 }).map((adapters) => Buffer.from(JSON.stringify({ adapters }))),
  // A well-formed adapter whose routes are hostile: wrong types, odd prefixes, huge metrics.
  fc.array(fc.dictionary(fc.oneof(fc.constantFrom("prefix", "metric"), hostileKey), fc.oneof(fc.jsonValue({ maxDepth: 2 }), hostileText(), fc.constantFrom("10.0.0.0/8", "10.0.0.1/33", "010.0.0.0/8", "::/0", "224.0.0.0/4"), fc.double())), { maxLength: 6 })
    .map((routes) => Buffer.from(JSON.stringify({ adapters: [{ name: "n", description: "d", status: "Up", mtu: 1400, routes }] }))),
);
/** A route within the contract that reads back as itself: canonical, neither multicast nor broadcast. */
const contractRoute = fc
  .record({ a: fc.nat(223), b: fc.nat(255), length: fc.integer({ min: 0, max: 24 }), metric: fc.option(fc.nat(), { nil: undefined }) })
  .map(({ a, b, length, metric }) => {
    const prefix = formatPrefix(networkOf({ address: a * 2 ** 24 + b * 2 ** 16, length }));
    return metric === undefined ? { prefix } : { prefix, metric };
  });

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
      { name: hostileText(MAX_ADAPTER_TEXT / 4), description: hostileText(MAX_ADAPTER_TEXT / 4), status: fc.constantFrom("Up", "Disconnected"), mtu: fc.integer({ min: 1, max: 65535 }), defaultRoute: fc.boolean(), metric: fc.nat(), routes: fc.array(contractRoute, { maxLength: 6 }) },
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
