import fc from "fast-check";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import { ConfigError } from "../../src/errors.js";
import { fcParams } from "../support/fcParams.js";
import { deepJson, hasControlBesidesNewline, hostileKey, hostileText } from "../support/hostileText.js";
import { useTmpDir } from "../support/tmp.js";

const tmp = useTmpDir();

const sections = ["windows", "settle", "probe", "verify", "healthCheck", "retry", "journal", "state", "status", "log", "profiles", "interface", "baselineMtu", "restoreOnStop"] as const;
const value: fc.Arbitrary<unknown> = fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostileText(), fc.constantFrom(0x50, 1e3, -0, 1e300, "0x50", "/a\u0000b", "l\u0007o", "/" + "é".repeat(70)));
/** A config object built to hurt: known sections with wrong or hostile contents, prototype-named and escaped keys. */
const hostileObject = fc.dictionary(fc.oneof(fc.constantFrom(...sections), hostileKey), fc.oneof(value, fc.dictionary(hostileKey, value, { maxKeys: 4 }), fc.array(fc.dictionary(fc.oneof(fc.constantFrom("match", "mtu"), hostileKey), value, { maxKeys: 4 }), { maxLength: 3 })), { maxKeys: 6 });
/** A config file: such an object, any text, broken JSON, a BOM, bytes that are not UTF-8, deep nesting. */
const hostileFile = fc.oneof(
  hostileObject.map((o) => Buffer.from(JSON.stringify(o))),
  hostileObject.map((o) => Buffer.from(`\ufeff${JSON.stringify(o, null, 2)}`)),
  hostileText(100).map((t) => Buffer.from(t)),
  fc.uint8Array({ maxLength: 100 }).map((b) => Buffer.from(b)),
  fc.tuple(fc.constantFrom(...sections), deepJson).map(([k, deep]) => Buffer.from(`{"${k}":${deep},"windows":{"vpnPatterns":[${deep}]}}`)),
  fc.tuple(hostileObject, fc.nat(200)).map(([o, cut]) => Buffer.from(JSON.stringify(o).slice(0, cut))),
);

describe("config loader on hostile files", () => {
  it("loads a config or refuses with at most 51 lines, each naming the file, escaped and bounded", async () => {
    const dir = await tmp();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(hostileFile, async (bytes) => {
        const file = join(dir, `c${n++}.json`);
        await writeFile(file, bytes);
        try {
          const config = await loadConfig(file);
          // What `config check` prints as the effective config loads back as the same config.
          const again = join(dir, `again${n}.json`);
          await writeFile(again, JSON.stringify(config, null, 2));
          expect(await loadConfig(again)).toEqual(config);
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          const problems = (error as ConfigError).problems;
          expect(problems.length).toBeGreaterThan(0);
          expect(problems.length).toBeLessThanOrEqual(51);
          for (const p of problems) {
            expect(p.startsWith(`${file}: `)).toBe(true);
            expect(p).not.toContain("\n");
            expect(hasControlBesidesNewline(p)).toBe(false);
            expect(p.length).toBeLessThan(file.length + 400);
          }
        }
      }),
      { ...fcParams(200), timeout: 10_000 },
    );
  });
});
