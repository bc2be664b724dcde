import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { runCliProcess } from "../support/cli.js";

// docs/exit-codes.md is the one table users read; each command's --help must list the same codes.
const docs = new URL("../../docs/exit-codes.md", import.meta.url);

/** docs/exit-codes.md as command → "code meaning" lines. */
async function documented(): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const line of (await readFile(docs, "utf8")).split("\n")) {
    const m = /^\| `([\w-]+)` \| (\d+) \| (.+) \|$/.exec(line);
    if (m === null) continue;
    out.set(m[1] ?? "", [...(out.get(m[1] ?? "") ?? []), `${m[2]} ${m[3]}`]);
  }
  return out;
}

/** The "Exit codes:" section of `args --help` as "code meaning" lines. */
async function helpCodes(args: readonly string[]): Promise<string[]> {
  const r = await runCliProcess([...args, "--help"]);
  expect(r.code, r.stderr).toBe(0);
  const section = r.stdout.split("\nExit codes:\n")[1] ?? "";
  return section.split("\n").flatMap((l) => {
    const m = /^ {2}(\d+)\s+(.+)$/.exec(l);
    return m === null ? [] : [`${m[1]} ${m[2]}`];
  });
}

/** Names in a help text's "Commands:" section (without `help`). */
const commandsIn = (help: string): string[] =>
  (help.split("\nCommands:\n")[1] ?? "").split("\n").flatMap((l) => /^ {2}([a-z][\w-]*)/.exec(l)?.[1] ?? []).filter((c) => c !== "help");

describe("exit codes", () => {
  it("every command's --help lists exactly the codes docs/exit-codes.md gives it", async () => {
    const table = await documented();
    const commands = commandsIn((await runCliProcess(["--help"])).stdout);
    expect(commands).toEqual(expect.arrayContaining(["run", "status", "probe", "report", "install", "lab"]));
    expect([...table.keys()].sort()).toEqual([...commands].sort());
    for (const command of commands) expect(await helpCodes([command]), command).toEqual(table.get(command));
  });

  it("subcommands (lab up, config check, ...) list their command's codes too", async () => {
    const table = await documented();
    for (const parent of ["lab", "config"]) {
      const subs = commandsIn((await runCliProcess([parent, "--help"])).stdout);
      expect(subs.length, parent).toBeGreaterThan(1);
      for (const sub of subs) expect(await helpCodes([parent, sub]), `${parent} ${sub}`).toEqual(table.get(parent));
    }
  });

  it("codes the commands really return are in their lists", async () => {
    const table = await documented();
    const listed = (command: string, code: number): boolean => (table.get(command) ?? []).some((l) => l.startsWith(`${code} `));
    const cases: Array<[string, string[]]> = [
      ["report", ["report", "/nonexistent/journal.jsonl", "-o", "/dev/null"]],
      ["replay", ["replay", "/nonexistent/journal.jsonl"]],
      ["status", ["status", "--socket", "/nonexistent/status.sock"]],
      ["config", ["config", "check", "--config", "/nonexistent/config.json", "--bogus"]],
      ["install", ["install", "--root", "/etc/hostname"]],
      ["probe", ["probe", "--url", "ftp://x"]],
    ];
    for (const [command, args] of cases) {
      const r = await runCliProcess(args);
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).not.toBe(0);
      expect(listed(command, r.code), `${args.join(" ")} exited ${r.code}`).toBe(true);
    }
  });
});
