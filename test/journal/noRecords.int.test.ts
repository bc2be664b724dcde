import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCliProcess } from "../support/cli.js";
import { useTmpDir } from "../support/tmp.js";
import { journal } from "./lines.js";

const tmp = useTmpDir();

// Both used to succeed on these: replay said "every recorded state reproduced", report "0 records".
describe("replay and report refuse a journal without records", () => {
  it.each([
    ["an empty file", "", "no records (the file is empty)"],
    ["only a torn line", journal([]).slice(0, 40), "no records: its only line is torn (40 bytes, a crash mid-write) and was ignored"],
  ])("%s: exit 65 naming the file", async (_what, content, problem) => {
    const dir = await tmp();
    const file = join(dir, "journal.jsonl");
    const out = join(dir, "report.html");
    await writeFile(file, content);
    for (const args of [["replay", file], ["report", file, "-o", out]]) {
      const r = await runCliProcess(args);
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(65);
      expect(r.stderr).toContain(`${file}: ${problem}`);
      expect(r.stdout).not.toContain("reproduced");
    }
    expect(existsSync(out)).toBe(false);
  });

  it("a torn last line after records is still only noted, by replay and by report", async () => {
    const dir = await tmp();
    const file = join(dir, "journal.jsonl");
    await writeFile(file, journal([{ type: "link.mtu", mtu: 1500 }]) + journal([]).slice(0, 40));
    for (const args of [["replay", file], ["report", file, "-o", join(dir, "r.html")]]) {
      const r = await runCliProcess(args);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain(`note: ${file}:3: last line is torn (40 bytes, a crash mid-write); ignored`);
    }
  });
});
