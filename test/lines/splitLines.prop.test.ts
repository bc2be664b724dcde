import fc from "fast-check";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { splitLines, type RawLine } from "../../src/lines/splitLines.js";
import { fcParams } from "../support/fcParams.js";

/** The stream as chunks cut at arbitrary places. */
const chunked = fc
  .tuple(fc.array(fc.oneof(fc.constantFrom("\n", "\r\n", "\r", "\u0000"), fc.string({ unit: "binary", maxLength: 12 })), { maxLength: 40 }), fc.array(fc.nat(30), { maxLength: 10 }))
  .map(([parts, cuts]) => {
    const bytes = Buffer.from(parts.join(""));
    const points = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
    return [0, ...points, bytes.length].slice(1).map((end, i, all) => bytes.subarray(i === 0 ? 0 : (all[i - 1] as number), end));
  });

async function split(chunks: Buffer[], max: number): Promise<RawLine[]> {
  const lines: RawLine[] = [];
  for await (const l of splitLines(Readable.from(chunks), max)) lines.push(l);
  return lines;
}

describe("splitLines on any byte stream cut anywhere", () => {
  it("gives the lines of the whole stream, holds at most the limit of one line, and flags every longer one", async () => {
    await fc.assert(
      fc.asyncProperty(chunked, fc.integer({ min: 1, max: 16 }), async (chunks, max) => {
        const lines = await split(chunks, max);
        // The model: the whole stream split at newlines (a CR before one belongs to the newline).
        const whole = Buffer.concat(chunks).toString("latin1");
        const expected = whole.split("\n").map((l, i, all) => (i < all.length - 1 ? l.replace(/\r$/, "") : l));
        if (expected.at(-1) === "") expected.pop();
        expect(lines.map((l) => l.number)).toEqual(expected.map((_, i) => i + 1));
        for (const [i, line] of lines.entries()) {
          const want = expected[i] as string;
          expect(line.bytes.length).toBeLessThanOrEqual(max + 2);
          expect(line.overflow).toBe(want.length > max);
          if (!line.overflow) expect(line.bytes.toString("latin1")).toBe(want);
          else expect(want.startsWith(line.bytes.toString("latin1").replace(/\r$/, ""))).toBe(true);
        }
      }),
      fcParams(300),
    );
  });
});
