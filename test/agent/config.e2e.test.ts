import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliCommand } from "../support/cli.js";
import { skipE2e } from "../support/root.js";
import { useAgentLab } from "../support/useAgentLab.js";

describe.skipIf(skipE2e)("bad config files: exit 78, one line per problem, nothing changed", () => {
  const agent = useAgentLab({ prefix: "wvacfg" }, async () => {
    // Off the baseline, as if a VPN were up: an agent that got as far as restoring would show.
    await agent().rewriteMtu(1400);
  });

  /** Runs the agent in the lab with this config text, then checks nothing was touched. */
  const runWith = async (name: string, text: string | null) => {
    const file = join(agent().dir, name);
    if (text !== null) await writeFile(file, text);
    const r = await agent().lab.exec("wsl", [...cliCommand(), "run", "--config", file], { timeoutMs: 30_000 });
    expect(r.stderr).not.toMatch(/^\s+at /m); // no stack trace
    expect(r.stdout).toBe("");
    expect(await agent().linkMtu()).toBe(1400);
    expect(await agent().leftovers()).toEqual([]);
    for (const made of ["state", "journal.jsonl", "status.sock"]) expect(existsSync(join(agent().dir, made))).toBe(false);
    return { code: r.exitCode, lines: r.stderr.trim().split("\n") };
  };
  const paths = (): Record<string, unknown> => ({ journal: { path: join(agent().dir, "journal.jsonl") }, state: { dir: join(agent().dir, "state") }, status: { socket: join(agent().dir, "status.sock") } });

  it("invalid JSON → one line", async () => {
    const r = await runWith("broken.json", '{"interface": "eth0",');
    expect(r.code).toBe(78);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(/JSON/i);
  });

  it("an unknown key, a wrong type and an out-of-range value → three lines naming each key path", async () => {
    const r = await runWith("three.json", JSON.stringify({ ...paths(), interfase: "eth0", settle: { quietMs: "fast" }, probe: { minMtu: 100 } }));
    expect(r.code).toBe(78);
    expect(r.lines).toHaveLength(3);
    expect(r.lines.find((l) => l.includes("interfase"))).toBeDefined();
    expect(r.lines.find((l) => l.includes("settle.quietMs"))).toBeDefined();
    expect(r.lines.find((l) => l.includes("probe.minMtu"))).toBeDefined();
  });

  it("a bad profile → one line naming the profile's key", async () => {
    const r = await runWith("profile.json", JSON.stringify({ ...paths(), profiles: [{ match: "AnyConnect", mtu: 99_999 }] }));
    expect(r.code).toBe(78);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(/profiles.*mtu/);
  });

  it("a missing file given with --config → one line", async () => {
    const r = await runWith("missing.json", null);
    expect(r.code).toBe(78);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toContain("missing.json");
  });
});
