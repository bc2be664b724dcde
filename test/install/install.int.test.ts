import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { cliPath as cli } from "../support/cli.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

// Spawns the bundled CLI against a temporary root (built once per run by the vitest global setup).
let root = "";
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "wva-root-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const at = (abs: string): string => join(root, abs);
const run = (...args: string[]) => execa(process.execPath, [cli, ...args, "--root", root], { reject: false });
const exists = (p: string) => lstat(p).then(() => true, () => false);

describe("wsl-vpn-agent install --root", () => {
  it("lays down the agent, unit, config, binfmt guard and symlink, and skips systemctl", async () => {
    const r = await run("install");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/skipped systemctl: --root .* is not the running system/);
    expect(r.stdout).toMatch(/installed wsl-vpn-agent \S+ in /);
    expect(r.stdout).toContain('metrics for Prometheus (optional): set "metrics": {"textfile": "/var/lib/prometheus/node-exporter/wsl_vpn_agent.prom"} in /etc/wsl-vpn-agent/config.json');
    // Nothing will run: the last line says so, with what to do on the target system.
    expect(r.stdout.trimEnd().split("\n").at(-1)).toMatch(/^installed wsl-vpn-agent \S+ in \S+, but the service is NOT running: .*systemctl enable --now wsl-vpn-agent$/);
    expect((await stat(at("/usr/lib/wsl-vpn-agent/cli.js"))).mode & 0o777).toBe(0o755);
    expect(await exists(at("/usr/lib/wsl-vpn-agent/assets/config.schema.json"))).toBe(true);
    expect(JSON.parse(await readFile(at("/usr/share/wsl-vpn-agent/config.schema.json"), "utf8"))).toHaveProperty("$schema");
    expect(await readlink(at("/usr/bin/wsl-vpn-agent"))).toBe("/usr/lib/wsl-vpn-agent/cli.js");
    expect(await readFile(at("/etc/binfmt.d/WSLInterop.conf"), "utf8")).toBe(":WSLInterop:M::MZ::/init:PF\n");
    const unit = await readFile(at("/usr/lib/systemd/system/wsl-vpn-agent.service"), "utf8");
    expect(unit).toContain(`\nExecStart=${process.execPath} /usr/lib/wsl-vpn-agent/cli.js run\n`);
    // The default config is valid, and the installed copy of the CLI runs on its own.
    const check = await execa(process.execPath, [at("/usr/lib/wsl-vpn-agent/cli.js"), "config", "check", "--config", at("/etc/wsl-vpn-agent/config.json")], { reject: false });
    expect(check.exitCode).toBe(0);
    expect(check.stderr).toMatch(/: valid$/m);
  });

  it("writes a config that states nothing but the schema: every key keeps the default `config keys` documents", async () => {
    await run("install");
    const written = JSON.parse(await readFile(at("/etc/wsl-vpn-agent/config.json"), "utf8")) as Record<string, unknown>;
    expect(Object.keys(written)).toEqual(["$schema"]);
    const check = await execa(process.execPath, [cli, "config", "check", "--config", at("/etc/wsl-vpn-agent/config.json")], { reject: false });
    const effective = JSON.parse(check.stdout) as Record<string, unknown>;
    const documented = documentedDefaults((await execa(process.execPath, [cli, "config", "keys"])).stdout);
    expect(documented.size).toBeGreaterThan(10);
    for (const [key, value] of documented) expect(valueAt(effective, key), key).toEqual(value);
  });

  it("is idempotent: a second run changes nothing and says so", async () => {
    await run("install");
    const before = (await stat(at("/usr/lib/wsl-vpn-agent/cli.js"))).mtimeMs;
    const r = await run("install");
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toMatch(/already installed in \S+, but the service is NOT running/);
    expect(r.stdout).not.toMatch(/^(created|updated) /m);
    expect((await stat(at("/usr/lib/wsl-vpn-agent/cli.js"))).mtimeMs).toBe(before);
  });

  it("never overwrites an existing config", async () => {
    const mine = '{"interface": "eth1", "probe": {"maxMtu": 1400}}\n';
    await mkdir(at("/etc/wsl-vpn-agent"), { recursive: true });
    await writeFile(at("/etc/wsl-vpn-agent/config.json"), mine);
    const r = await run("install");
    expect(r.stdout).toContain("kept existing config /etc/wsl-vpn-agent/config.json");
    expect(await readFile(at("/etc/wsl-vpn-agent/config.json"), "utf8")).toBe(mine);
  });

  it("repairs a changed file on reinstall (upgrade) and says what it updated", async () => {
    await run("install");
    await writeFile(at("/usr/lib/wsl-vpn-agent/cli.js"), "tampered");
    const r = await run("install");
    expect(r.stdout).toMatch(/^updated \/usr\/lib\/wsl-vpn-agent\/cli\.js$/m);
    expect(r.stdout).toMatch(/upgraded wsl-vpn-agent/);
    expect(await readFile(at("/usr/lib/wsl-vpn-agent/cli.js"), "utf8")).toBe(await readFile(cli, "utf8"));
  });

  it("an installed copy can install again (it carries its unit template)", async () => {
    await run("install");
    const other = await mkdtemp(join(tmpdir(), "wva-root2-"));
    try {
      const r = await execa(process.execPath, [at("/usr/lib/wsl-vpn-agent/cli.js"), "install", "--root", other], { reject: false });
      expect(r.exitCode).toBe(0);
      expect(await exists(join(other, "usr/lib/systemd/system/wsl-vpn-agent.service"))).toBe(true);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});

describe("wsl-vpn-agent install --binary (the executable: the .deb's layout)", () => {
  /** A stand-in for the executable: install copies it, whatever it is. */
  const standIn = async (text = "#!/bin/sh\necho stand-in\n"): Promise<string> => {
    const file = at("/build/wsl-vpn-agent");
    await mkdir(at("/build"), { recursive: true });
    await writeFile(file, text, { mode: 0o755 });
    return file;
  };

  it("puts the executable in /usr/bin and ExecStart on it, with no bundle and no node", async () => {
    const binary = await standIn();
    const r = await run("install", "--binary", binary);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(await readFile(at("/usr/bin/wsl-vpn-agent"), "utf8")).toBe(await readFile(binary, "utf8"));
    expect((await stat(at("/usr/bin/wsl-vpn-agent"))).mode & 0o777).toBe(0o755);
    const unit = await readFile(at("/usr/lib/systemd/system/wsl-vpn-agent.service"), "utf8");
    expect(unit).toContain("\nExecStart=/usr/bin/wsl-vpn-agent run\n");
    expect(unit).not.toContain(process.execPath);
    expect(await readdir(at("/usr/lib/wsl-vpn-agent"))).toEqual(["install.json"]);
    const again = await run("install", "--binary", binary);
    expect(again.stdout).toMatch(/already installed/);
  });

  it("replaces a bundle install: the symlink becomes the executable, the bundle goes, and uninstall removes the command", async () => {
    await run("install");
    const binary = await standIn();
    const r = await run("install", "--binary", binary);
    expect(r.stdout).toMatch(/^removed \/usr\/lib\/wsl-vpn-agent\/cli\.js$/m);
    expect((await lstat(at("/usr/bin/wsl-vpn-agent"))).isSymbolicLink()).toBe(false);
    expect(await readFile(at("/usr/bin/wsl-vpn-agent"), "utf8")).toBe(await readFile(binary, "utf8"));
    expect(await exists(at("/usr/lib/wsl-vpn-agent/cli.js"))).toBe(false);
    await run("uninstall");
    expect(await exists(at("/usr/bin/wsl-vpn-agent"))).toBe(false);
  });

  it("moves an older install's unit out of /etc/systemd/system (it would hide the new one) and its /usr/local/bin symlink", async () => {
    await run("install");
    await mkdir(at("/etc/systemd/system"), { recursive: true });
    await writeFile(at("/etc/systemd/system/wsl-vpn-agent.service"), "[Service]\nExecStart=/usr/bin/node /usr/lib/wsl-vpn-agent/cli.js run\n");
    await mkdir(at("/usr/local/bin"), { recursive: true });
    await symlink("/usr/lib/wsl-vpn-agent/cli.js", at("/usr/local/bin/wsl-vpn-agent"));
    const r = await run("install", "--binary", await standIn());
    expect(r.stdout).toMatch(/^updated \/etc\/systemd\/system\/wsl-vpn-agent\.service \(moved\)$/m);
    expect(await exists(at("/etc/systemd/system/wsl-vpn-agent.service"))).toBe(false);
    expect(await exists(at("/usr/local/bin/wsl-vpn-agent"))).toBe(false);
  });

  it("refuses, changing nothing, when the .deb is installed (apt owns the files)", async () => {
    await mkdir(at("/var/lib/dpkg/info"), { recursive: true });
    await writeFile(at("/var/lib/dpkg/info/wsl-vpn-agent.list"), "/usr/bin/wsl-vpn-agent\n");
    for (const cmd of ["install", "uninstall"]) {
      const r = await run(cmd, ...(cmd === "install" ? ["--binary", await standIn()] : []));
      expect({ cmd, code: r.exitCode }).toEqual({ cmd, code: 69 });
      expect(r.stderr).toMatch(/the wsl-vpn-agent package \(\.deb\) is installed in .*: .*apt/);
    }
    expect((await readdir(root)).sort()).toEqual(["build", "var"]);
  });

  it("--node with the executable: exit 64, nothing installed", async () => {
    const r = await run("install", "--binary", await standIn(), "--node", process.execPath);
    expect({ code: r.exitCode, stderr: r.stderr }).toEqual({ code: 64, stderr: "wsl-vpn-agent: --node: the executable needs no node (--node is for node dist/cli.js install)" });
    expect(await readdir(root)).toEqual(["build"]);
  });
});

describe("wsl-vpn-agent uninstall --root", () => {
  it("removes what install laid down, keeps config and journal, and is idempotent", async () => {
    await run("install");
    await mkdir(at("/var/lib/wsl-vpn-agent"), { recursive: true });
    await writeFile(at("/var/lib/wsl-vpn-agent/journal.jsonl"), "{}\n");
    const r = await run("uninstall");
    expect(r.exitCode).toBe(0);
    for (const p of ["/usr/lib/wsl-vpn-agent", "/usr/lib/systemd/system/wsl-vpn-agent.service", "/usr/bin/wsl-vpn-agent", "/usr/share/wsl-vpn-agent", "/etc/binfmt.d/WSLInterop.conf"]) expect({ p, there: await exists(at(p)) }).toEqual({ p, there: false });
    expect(await exists(at("/etc/wsl-vpn-agent/config.json"))).toBe(true);
    expect(await exists(at("/var/lib/wsl-vpn-agent/journal.jsonl"))).toBe(true);
    expect(r.stdout).toMatch(/kept \/etc\/wsl-vpn-agent\/config\.json and \/var\/lib\/wsl-vpn-agent/);
    const again = await run("uninstall");
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/not installed/);
  });

  it("--purge also removes the config and the state directory", async () => {
    await run("install");
    await mkdir(at("/var/lib/wsl-vpn-agent"), { recursive: true });
    const r = await run("uninstall", "--purge");
    expect(r.exitCode).toBe(0);
    expect(await exists(at("/etc/wsl-vpn-agent"))).toBe(false);
    expect(await exists(at("/var/lib/wsl-vpn-agent"))).toBe(false);
  });

  it("leaves a binfmt guard and a command it did not create", async () => {
    await mkdir(at("/etc/binfmt.d"), { recursive: true });
    await writeFile(at("/etc/binfmt.d/WSLInterop.conf"), ":WSLInterop:M::MZ::/init:PF\n");
    await mkdir(at("/usr/bin"), { recursive: true });
    await writeFile(at("/usr/bin/wsl-vpn-agent"), "#!/bin/sh\n");
    const r = await run("install");
    expect(r.stdout).toMatch(/warning: \/usr\/bin\/wsl-vpn-agent exists and is not a symlink; left as it is/);
    await run("install");
    await run("uninstall");
    expect(await exists(at("/etc/binfmt.d/WSLInterop.conf"))).toBe(true);
    expect(await readFile(at("/usr/bin/wsl-vpn-agent"), "utf8")).toBe("#!/bin/sh\n");
  });
});

describe("install and uninstall: bad arguments are one clear line, never a stack trace", () => {
  const runAt = (dir: string, ...args: string[]) => execa(process.execPath, [cli, ...args, "--root", dir], { reject: false });
  const notDir = async (): Promise<string> => {
    const file = at("/file");
    await writeFile(file, "");
    return file;
  };

  it.each(["install", "uninstall"])("%s --root on a regular file: exit 64 naming --root", async (cmd) => {
    const file = await notDir();
    const r = await runAt(file, cmd);
    expect(r.stderr).toBe(`wsl-vpn-agent: --root: ${file} is not a directory`);
    expect(r.exitCode).toBe(64);
    const under = await runAt(join(file, "sub"), cmd);
    expect(under.stderr).toBe(`wsl-vpn-agent: --root: cannot create ${file}/sub: ${file} is not a directory`);
    expect(under.exitCode).toBe(64);
  });

  it("a file where install needs a directory inside the root: exit 69 naming it", async () => {
    await mkdir(at("/usr/lib/systemd"), { recursive: true });
    await writeFile(at("/usr/lib/systemd/system"), "");
    const r = await run("install");
    expect(r.stderr).toMatch(new RegExp(`^wsl-vpn-agent: install: cannot write \\S+: ${at("/usr/lib/systemd/system")} is not a directory$`));
    expect(r.exitCode).toBe(69);
  });

  it("--node must be an absolute path to an executable file: exit 64 naming --node, nothing installed", async () => {
    const plain = at("/plain");
    await writeFile(plain, "");
    await chmod(plain, 0o644);
    for (const [node, message] of [
      ["node", '--node: expected an absolute path, got "node"'],
      ["./bin/node", '--node: expected an absolute path, got "./bin/node"'],
      ["/nonexistent/node", "--node: no such file /nonexistent/node"],
      [root, `--node: ${root} is not a file`],
      [plain, `--node: ${plain} is not executable`],
    ] as const) {
      const r = await run("install", "--node", node);
      expect({ node, stderr: r.stderr, code: r.exitCode }).toEqual({ node, stderr: `wsl-vpn-agent: ${message}`, code: 64 });
    }
    expect(await readdir(root)).toEqual(["plain"]);
  });

  it("--node that is an executable file goes into ExecStart", async () => {
    const node = at("/opt/node/bin/node");
    await mkdir(at("/opt/node/bin"), { recursive: true });
    await writeFile(node, "#!/bin/sh\n");
    await chmod(node, 0o755);
    const r = await run("install", "--node", node);
    expect(r.exitCode).toBe(0);
    expect(await readFile(at("/usr/lib/systemd/system/wsl-vpn-agent.service"), "utf8")).toContain(`\nExecStart=${node} /usr/lib/wsl-vpn-agent/cli.js run\n`);
  });
});

/** `config keys`' table as key → default, for the defaults written as JSON (not the derived ones like `<state.dir>/…`). */
function documentedDefaults(table: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const row of table.split("\n").slice(2)) {
    const cells = row.split(" | ");
    const key = /`([^`]+)`/.exec(cells[0] ?? "")?.[1];
    const json = /^`(.*)`$/.exec(cells[2] ?? "")?.[1];
    if (key === undefined || json === undefined) continue;
    try {
      out.set(key, JSON.parse(json));
    } catch {
      // a derived default, described rather than given
    }
  }
  return out;
}

const valueAt = (obj: Record<string, unknown>, path: string): unknown => path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);
