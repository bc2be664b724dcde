import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encodeRecord } from "../../src/journal/record.js";
import { runCliProcess } from "../support/cli.js";
import { testInput } from "../support/input.js";
import { useTmpDir } from "../support/tmp.js";

const tmp = useTmpDir();

describe("report and viz reject bad input with a clear message", () => {
  it("report: a corrupted journal exits 65 naming the line, and writes no report", async () => {
    const dir = await tmp();
    const journal = join(dir, "journal.jsonl");
    const init = encodeRecord({ v: 1, seq: 0, at: "2026-11-25T10:00:00.000Z", event: { type: "xstate.init", input: testInput() }, state: "Direct.idle" });
    await writeFile(journal, `${init}\n{garbage\n`);
    const out = join(dir, "report.html");
    const r = await runCliProcess(["report", journal, "-o", out]);
    expect(r.code).toBe(65);
    expect(r.stderr).toContain(`${journal}:2: not JSON`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it("report and replay: a journal that does not begin with xstate.init exits 65 naming file and line", async () => {
    const journal = join(await tmp(), "headless.jsonl");
    await writeFile(journal, '{"v":1,"seq":0,"at":"2026-11-25T10:00:00Z","event":{"type":"agent.stop"},"state":"Stopped"}\n');
    for (const args of [["report", journal, "-o", join(await tmp(), "r.html")], ["replay", journal]]) {
      const r = await runCliProcess(args);
      expect(r.code).toBe(65);
      expect(r.stderr).toContain(`${journal}:1: journal must begin with an xstate.init or journal.checkpoint record`);
    }
  });

  it("report: a missing journal exits 65", async () => {
    const r = await runCliProcess(["report", join(await tmp(), "none.jsonl")]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/cannot read journal: no such file$/);
  });

  it("viz: an unknown format exits 64 naming the flag", async () => {
    const r = await runCliProcess(["viz", "--format", "png"]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("--format must be one of mermaid, dot, svg, json");
  });
});
