import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { splitLines, type RawLine } from "../../src/lines/splitLines.js";
import { decodeLine, MAX_LINE_BYTES } from "../../src/sources/index.js";
import { noVpnLine, rawLine } from "./lines.js";

function chunks(...parts: string[]): AsyncIterable<Buffer> {
  return Readable.from(parts.map((p) => Buffer.from(p)));
}

describe("decodeLine", () => {
  it("reads a snapshot line, with or without a UTF-8 BOM", () => {
    expect(decodeLine(rawLine(noVpnLine)).kind).toBe("snapshot");
    expect(decodeLine(rawLine(`\uFEFF${noVpnLine}`)).kind).toBe("snapshot");
  });

  it("accepts CRLF-terminated lines (splitLines drops the CR)", async () => {
    const lines: RawLine[] = [];
    for await (const line of splitLines(chunks(`${noVpnLine}\r\n${noVpnLine}\r`, "\n", "oops\r\n"), MAX_LINE_BYTES)) lines.push(line);
    expect(lines.map((l) => decodeLine(l).kind)).toEqual(["snapshot", "snapshot", "bad"]);
    // JSON.parse reads a trailing CR as whitespace, so the kinds alone would pass with the CR kept.
    expect(lines.map((l) => l.bytes.includes(0x0d))).toEqual([false, false, false]);
    expect(decodeLine(lines[2] as RawLine)).toMatchObject({ problem: expect.stringMatching(/^not JSON/), sample: '"oops"' });
  });

  it("ignores blank lines", () => {
    expect(decodeLine(rawLine("   "))).toEqual({ kind: "blank", line: 1 });
  });

  it.each([
    ["not JSON", rawLine("PowerShell error: blah", 7), /^not JSON/, '"PowerShell error: blah"'],
    ["wrong shape", rawLine('{"adapters":[{"name":1}]}'), /adapters\[0\]: "name" must be a string/, undefined],
    ["binary with NUL", rawLine(Buffer.from([0x7b, 0x00, 0x7d])), /binary data \(NUL byte\)/, '"{\\u0000}"'],
    ["invalid UTF-8", rawLine(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), /binary data \(not UTF-8\)/, undefined],
    ["overlong", rawLine("x".repeat(100), 1, true), /longer than 1048576 bytes/, undefined],
  ])("reports a %s line with a problem and a short sample", (_what, raw, problem, sample) => {
    const d = decodeLine(raw);
    expect(d.kind).toBe("bad");
    if (d.kind !== "bad") return;
    expect(d.line).toBe(raw.number);
    expect(d.problem).toMatch(problem);
    expect(d.sample.length).toBeLessThanOrEqual(3 * 80); // escaped, never the whole line
    if (sample !== undefined) expect(d.sample).toBe(sample);
  });

  it("keeps samples short for long garbage", () => {
    const d = decodeLine(rawLine("y".repeat(5000)));
    expect(d.kind === "bad" && d.sample).toBe(JSON.stringify(`${"y".repeat(80)}…`));
  });
});
