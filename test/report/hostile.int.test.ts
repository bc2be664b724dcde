import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ProbeEvidence } from "../../machines/index.js";
import { probeSections } from "../../src/report/probes.js";
import { goodEvidence, journal } from "../journal/lines.js";
import { runCliProcess } from "../support/cli.js";
import { testInput } from "../support/input.js";
import { useTmpDir } from "../support/tmp.js";

const tmp = useTmpDir();
const script = "<script>alert(1)</script>";

describe("a hostile journal cannot put markup into the report", () => {
  it("escapes every evidence value, even one that slipped past validation", () => {
    const evil = script as unknown as number;
    const evidence = {
      ...goodEvidence,
      method: script,
      rounds: evil,
      durationMs: evil,
      icmp: { low: evil, high: evil, ms: evil },
      sizes: [{ mtu: evil, pass: false, attempts: evil, round: evil, ms: evil, reason: script }],
      notes: [script],
    } as unknown as ProbeEvidence;
    const html = probeSections({ probes: [{ seq: evil, at: script, mtu: evil, evidence, reason: null }], probesDropped: 0 });
    expect(html).not.toMatch(/<script|<\/script/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it.each([
    ["markup as rounds", { ...goodEvidence, rounds: script }],
    ["empty evidence", {}],
    ["a null size", { ...goodEvidence, sizes: [null] }],
    ["a number as method", { ...goodEvidence, method: 5 }],
    ["sizes not an array", { ...goodEvidence, sizes: "x" }],
  ])("report and replay reject %s with exit 65 naming FILE:LINE, and write no report", async (_what, evidence) => {
    const dir = await tmp();
    const file = join(dir, "journal.jsonl");
    const out = join(dir, "report.html");
    // Right after the init record, so replay reads the bad line before any state could diverge.
    await writeFile(file, journal([{ type: "probe.done", workId: 1, mtu: 1372, evidence }]));
    for (const args of [["report", file, "-o", out], ["replay", file]]) {
      const r = await runCliProcess(args);
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(65);
      expect(r.stderr).toContain(`${file}:2: event probe.done: field evidence`);
      expect(r.stderr).not.toMatch(/TypeError|internal error/);
      expect(r.stdout).not.toContain("undefined");
    }
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    ["link.mtu 1e10", [{ type: "link.mtu", mtu: 1e10 }], testInput(), ":2: event link.mtu: field mtu: expected an integer from 0 to 4294967295"],
    ["link.mtu 1e300", [{ type: "link.mtu", mtu: 1e300 }], testInput(), ":2: event link.mtu: field mtu"],
    ["a start MTU of 1e10", [], testInput({ currentMtu: 1e10 }), ":1: xstate.init: input.currentMtu"],
  ])("report and replay reject an MTU of %s with exit 65 naming FILE:LINE instead of hanging", async (_what, events, input, problem) => {
    const dir = await tmp();
    const file = join(dir, "journal.jsonl");
    await writeFile(file, journal(events, input));
    for (const args of [["report", file, "-o", join(dir, "r.html")], ["replay", file]]) {
      const r = await runCliProcess(args);
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(65);
      expect(r.stderr).toContain(`${file}${problem}`);
    }
  });

  it("a journal with well-formed evidence still makes a report with the probe in it", async () => {
    const dir = await tmp();
    const file = join(dir, "journal.jsonl");
    const out = join(dir, "report.html");
    await writeFile(file, journal([{ type: "probe.done", workId: 1, mtu: 1372, evidence: goodEvidence }]));
    const r = await runCliProcess(["report", file, "-o", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(await readFile(out, "utf8")).toContain('<b class="found">1372</b> with a parallel search: 2 round(s), 2340 ms');
  });
});
