import { execa } from "execa";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import { labNames } from "../../src/lab/names.js";
import { containerNs } from "../../src/lab/topology/container.js";
import { cliArgv, runCliProcess } from "../support/cli.js";
import { pollUntil } from "../support/pollUntil.js";
import { skipE2e } from "../support/root.js";

const names = labNames("wvalab");
const ALL = [...Object.values(names.ns), containerNs(names)];

async function namespaces(): Promise<string[]> {
  const r = await execa("ip", ["netns", "list"], { reject: false });
  return r.stdout.split("\n").map((l) => l.split(" ")[0] ?? "").filter((n) => n !== "");
}

describe.skipIf(skipE2e)("lab down after a killed `lab up --topology container`", () => {
  let started = false;
  let labDir: string | null = null;
  afterAll(async () => {
    if (started) await runCliProcess(["lab", "down"]);
    // The killed lab could not remove its certificate directory.
    if (labDir !== null) await rm(labDir, { recursive: true, force: true });
  });

  it("removes the topology's own namespace too", async (ctx) => {
    if ((await namespaces()).some((n) => n.startsWith("wvalab-"))) ctx.skip(); // someone's own manual lab: leave it alone
    started = true;
    const up = execa(...cliArgv(["lab", "up", "--topology", "container"]), { reject: false, all: true, buffer: false });
    let out = "";
    up.all?.on("data", (c: Buffer) => (out += c.toString("utf8")));
    await pollUntil(() => out, (o) => /Ctrl-C tears it down/.test(o), { timeoutMs: 60_000, failure: (o) => `lab up never got ready:\n${o}` });
    // SIGKILL: no teardown runs, as after a crash.
    labDir = /\(CA (\/\S+)\/server\.crt\)/.exec(out)?.[1] ?? null;
    // Its exit, not its output's end: the lab's server still holds the inherited stderr open.
    const exited = new Promise((resolve) => up.nodeChildProcess.once("exit", resolve));
    up.kill("SIGKILL");
    await exited;
    expect(await namespaces()).toEqual(expect.arrayContaining(ALL));
    const down = await runCliProcess(["lab", "down"]);
    expect(down.stdout).toContain(`removed ${containerNs(names)}`);
    expect((await namespaces()).filter((n) => ALL.includes(n))).toEqual([]);
    // ... and the directory of its certificates, which its teardown would have removed.
    expect(labDir).toMatch(/^\/\S+\/wvalab-\w{6}$/);
    expect(down.stdout).toContain(`removed ${labDir}`);
    expect(existsSync(labDir as string)).toBe(false);
    await up; // its pipes close once down has stopped the server
  });
});
