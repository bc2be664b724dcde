import { describe, expect, it } from "vitest";
import type { Command } from "commander";
import { buildProgram } from "../../src/cli/program.js";
import { runCliProcess } from "../support/cli.js";
import { useTmpDir } from "../support/tmp.js";

/** Every command, nested ones too, with its full name ("lab up"). */
function commands(c: Command, prefix: string[] = []): { name: string[]; command: Command }[] {
  return c.commands.flatMap((sub) => [{ name: [...prefix, sub.name()], command: sub }, ...commands(sub, [...prefix, sub.name()])]);
}

describe("command-line usage errors", () => {
  it("a parse error is one line with the program's prefix and a pointer to --help, not the whole help", async () => {
    const r = await runCliProcess(["replay", "--bogus", "x"]);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe("wsl-vpn-agent: replay: unknown option '--bogus' (see 'wsl-vpn-agent replay --help')");
    expect(r.stdout).toBe("");
  });

  it.each([["up"], ["demo"]])("lab %s --topology with an unknown name is a usage error naming the flag and the names it takes", async (sub) => {
    const r = await runCliProcess(["lab", sub, "--topology", "moon"]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("--topology");
    expect(r.stderr).toContain("moon");
    expect(r.stderr).toContain("full, split, proxy, mirrored, raise, container");
  });

  it("an unknown option's control characters are escaped", async () => {
    const r = await runCliProcess(["status", "--\u001b]0;x\u0007"]);
    expect(r.code).toBe(64);
    // eslint-disable-next-line no-control-regex -- control characters are what must not be there
    expect(r.stderr).not.toMatch(/[\u0000-\u001f](?!$)/);
    expect(r.stderr).toContain("\\x1b]0;x\\x07");
  });

  it.each([[[]], [["config"]], [["lab"]], [["help", "bogus"]]])("%j (no command to run) exits 64 with the usage on stderr", async (args) => {
    const r = await runCliProcess(args);
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(/^Usage: wsl-vpn-agent/);
  });

  it.each([[["help"]], [["--help"]], [["config", "--help"]]])("%j (help asked for) exits 0", async (args) => {
    const r = await runCliProcess(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: wsl-vpn-agent/);
  });

  it.each([
    [["viz", "--live", "--port", "0x50", "--socket", "/nonexistent"], /--port: expected an integer from 0 to 65535, got "0x50"/],
    [["viz", "--live", "--port", "1e3", "--socket", "/nonexistent"], /--port: .*got "1e3"/],
    [["viz", "--live", "--port", "1.0", "--socket", "/nonexistent"], /--port: .*got "1.0"/],
    [["viz", "--live", "--port", "-0", "--socket", "/nonexistent"], /--port: .*got "-0"/],
    [["viz", "--live", "--port", " 80", "--socket", "/nonexistent"], /--port: .*got " 80"/],
    [["doctor", "--timeout", "99999999999999999999"], /--timeout: expected an integer from 1 to 600000/],
    [["probe", "--url", "https://example.com", "--min", "0x500"], /--min: expected an integer from 68 to 65535, got "0x500"/],
    [["lab", "up", "--link-mtu", "1e3"], /--link-mtu: expected an integer from 576 to 1500, got "1e3"/],
    [["lab", "windows", "--file", "/nonexistent", "--heartbeat-ms", "0x10"], /--heartbeat-ms: expected an integer/],
  ])("%j is a usage error: numbers are plain decimal integers", async (args, message) => {
    const r = await runCliProcess(args);
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(64);
  });

  it("lab exec without a lab says to run lab up first", async () => {
    const r = await runCliProcess(["lab", "exec", "--", "true"]);
    expect(r.stderr).toBe("wsl-vpn-agent: lab exec: no lab is up (namespace wvalab-wsl not found): start one with 'wsl-vpn-agent lab up' first");
    expect(r.code).toBe(69);
  });
});

describe("help", () => {
  const all = commands(buildProgram());

  it("shows every default one way, (default: VALUE), unquoted", () => {
    const defaults = all.flatMap(({ command }) => command.helpInformation().replace(/\s+/g, " ").match(/\(default[^)]*\)/g) ?? []);
    expect(defaults.length).toBeGreaterThan(5);
    for (const d of defaults) expect(d).toMatch(/^\(default: [^"]/);
  });

  it("offers -c for --config on every command that reads a config", () => {
    const withConfig = all.filter(({ command }) => command.options.some((o) => o.long === "--config"));
    expect(withConfig.map(({ name }) => name.join(" ")).sort()).toEqual(["config check", "doctor", "probe", "run", "status", "viz"]);
    for (const { command } of withConfig) expect(command.options.find((o) => o.long === "--config")?.short).toBe("-c");
  });
});

describe("file errors are sentences naming the file", () => {
  const tmp = useTmpDir();
  it.each([
    [(dir: string) => dir, "it is a directory, not a file"],
    [(dir: string) => `${dir}/no/such/x.mmd`, "its directory does not exist"],
  ])("viz --out %#", async (path, reason) => {
    const dir = await tmp();
    const r = await runCliProcess(["viz", "--out", path(dir)]);
    expect(r.stderr).toBe(`wsl-vpn-agent: cannot write ${path(dir)}: ${reason}`);
    expect(r.code).toBe(1);
  });
});
