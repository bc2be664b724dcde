import { describe, expect, it } from "vitest";
import { runCliProcess } from "../support/cli.js";

// Each of these fails while commander parses, before any action runs (nothing here needs root).
describe("parse errors of nested commands are usage errors (64), like top-level ones", () => {
  it.each([
    [["lab", "up", "--bogus"], /unknown option '--bogus'/],
    [["lab", "demo", "--bogus"], /unknown option '--bogus'/],
    [["lab", "windows"], /required option '--file <path>' not specified/],
    [["lab", "exec"], /missing required argument 'cmd'/],
    [["lab", "nosuch"], /unknown command 'nosuch'/],
    [["config", "check", "--bogus"], /unknown option '--bogus'/],
    [["run", "--bogus"], /unknown option '--bogus'/],
  ])("%j exits 64", async (args, message) => {
    const r = await runCliProcess(args);
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(64);
  });

  it("help of a nested command is not a failure", async () => {
    const r = await runCliProcess(["lab", "up", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--link-mtu/);
  });
});
