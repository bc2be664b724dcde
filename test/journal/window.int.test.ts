import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { timeFlag } from "../../src/cli/timeFlag.js";
import { MAX_JOURNAL_LINE } from "../../src/journal/reader.js";
import { runCliProcess } from "../support/cli.js";
import { testInput } from "../support/input.js";
import { line } from "./lines.js";
import { useTmpDir } from "../support/tmp.js";
import { drive, session } from "./support/drive.js";

const tmp = useTmpDir();
const t0 = Date.UTC(2026, 0, 1);
const hour = 3_600_000;

interface Line {
  seq: number;
  at: string;
  event: string;
  state: string;
}

const parse = (stdout: string): Line[] => stdout.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as Line);

describe("replay and report over a window", () => {
  it("replays only the records in --since/--until, across segments, starting from the checkpoint before the window", async () => {
    const dir = await tmp();
    const path = join(dir, "journal.jsonl");
    await drive(path, { segmentBytes: 8192, keepBytes: 1024 ** 3 }, session(600), t0); // one event a minute: 10 hours
    const since = new Date(t0 + 5 * hour).toISOString();
    const until = new Date(t0 + 6 * hour).toISOString();
    const all = await runCliProcess(["replay", "--json", path]);
    expect(all.code, all.stderr).toBe(0);
    const expected = parse(all.stdout).filter((l) => l.at >= since && l.at <= until);
    expect(expected.length).toBeGreaterThan(55);

    for (const target of [path, dir]) {
      const window = await runCliProcess(["replay", "--json", "--since", since, "--until", until, target]);
      expect(window.code, window.stderr).toBe(0);
      expect(parse(window.stdout)).toEqual(expected);
    }
    const text = await runCliProcess(["replay", "--since", since, "--until", until, path]);
    const lead = Number(/after (\d+) from the checkpoint/.exec(text.stdout)?.[1]);
    expect(text.stdout).toContain(`replayed ${expected.length} records`);
    // A checkpoint every eighth of a segment: the fold before the window is a few records, not the journal.
    expect(lead).toBeGreaterThan(0);
    expect(lead).toBeLessThan(20);
  });

  it("report --since/--until shows only the window's records", async () => {
    const dir = await tmp();
    const path = join(dir, "journal.jsonl");
    await drive(path, { segmentBytes: 8192, keepBytes: 1024 ** 3 }, session(300), t0);
    const out = join(dir, "r.html");
    const r = await runCliProcess(["report", path, "-o", out, "--since", new Date(t0 + 2 * hour).toISOString(), "--until", new Date(t0 + 3 * hour).toISOString()]);
    expect(r.code, r.stderr).toBe(0);
    const records = Number(/: (\d+) records/.exec(r.stderr)?.[1]);
    expect(records).toBeGreaterThan(55);
    expect(records).toBeLessThan(70);
    expect(await readFile(out, "utf8")).toContain("<html");
  });

  it("refuses a time that is neither ISO 8601 nor a time ago, and a window that ends before it starts (exit 64)", async () => {
    const path = join(await tmp(), "journal.jsonl");
    await drive(path, { segmentBytes: 8192, keepBytes: 1024 ** 3 }, session(3), t0);
    const bad = await runCliProcess(["replay", "--since", "yesterday", path]);
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain('--since: expected an ISO 8601 time (2026-11-25T09:00Z) or a time ago (90m, 2h, 7d), got "yesterday"');
    const reversed = await runCliProcess(["report", "--since", "2026-01-02", "--until", "2026-01-01", path, "-o", join(await tmp(), "r.html")]);
    expect(reversed.code).toBe(64);
    expect(reversed.stderr).toContain("--since: 2026-01-02 is after --until 2026-01-01");
  });

  it("reads relative times back from now", () => {
    const now = Date.UTC(2026, 5, 1, 12);
    expect(timeFlag("2h", "--since", now)).toBe(now - 2 * hour);
    expect(timeFlag("90m", "--since", now)).toBe(now - 90 * 60_000);
    expect(timeFlag("7d", "--since", now)).toBe(now - 7 * 24 * hour);
    expect(timeFlag("2026-06-01T10:00Z", "--since", now)).toBe(Date.UTC(2026, 5, 1, 10));
    expect(() => timeFlag("2026-06-01T10:00:00+0200x", "--until", now)).toThrow(/--until: expected/);
  });

  it("refuses a day that does not exist instead of rolling it over into the next month", () => {
    const now = Date.UTC(2026, 5, 1, 12);
    for (const raw of ["2026-02-31", "2026-11-31T10:00Z", "2026-02-29", "2026-13-01", "2026-00-10", "2026-04-00"]) {
      expect(() => timeFlag(raw, "--since", now)).toThrow(`--since: expected an ISO 8601 time (2026-11-25T09:00Z) or a time ago (90m, 2h, 7d), got ${JSON.stringify(raw)}`);
    }
    expect(timeFlag("2028-02-29", "--since", now)).toBe(Date.UTC(2028, 1, 29));
    expect(timeFlag("2026-12-31T23:59Z", "--since", now)).toBe(Date.UTC(2026, 11, 31, 23, 59));
  });
});

describe("the window's start is found within the line limit", () => {
  it("refuses a line past the limit before the window's start, as a replay without --since does", async () => {
    const path = join(await tmp(), "journal.jsonl");
    const init = { type: "xstate.init", input: testInput() };
    // An agent restart after the over-long line is a replay start: without the bound the scan
    // would jump to it and never read line 2.
    await writeFile(path, `${line(0, init)}${"x".repeat(MAX_JOURNAL_LINE + 10)}\n${line(1, init)}${line(2, { type: "link.mtu", mtu: 1400 })}`);
    const since = new Date(Date.UTC(2026, 10, 25, 10, 0, 2)).toISOString();
    for (const args of [["replay", "--since", since, path], ["report", "--since", since, path, "-o", `${path}.html`]]) {
      const r = await runCliProcess(args);
      expect(r.stderr).toBe(`wsl-vpn-agent: ${path}:2: line longer than ${MAX_JOURNAL_LINE} bytes`);
      expect(r.code).toBe(65);
    }
  });
});
