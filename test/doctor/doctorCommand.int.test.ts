import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { registerDoctor } from "../../src/cli/commands/doctor.js";
import { UsageError } from "../../src/errors.js";
import { runCliProcess } from "../support/cli.js";
import { healthyWsl, useTrees, POWERSHELL } from "./tree.js";

const makeTree = useTrees();

/** Runs `doctor ARGS` through commander and returns its exit code and stdout. */
async function doctor(...args: string[]): Promise<{ code: number | undefined; out: string }> {
  const program = new Command().exitOverride();
  registerDoctor(program);
  let out = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((out += String(chunk)), true));
  try {
    await program.parseAsync(["doctor", ...args], { from: "user" });
  } finally {
    spy.mockRestore();
  }
  const code = typeof process.exitCode === "number" ? process.exitCode : undefined;
  return { code, out };
}

afterEach(() => {
  process.exitCode = undefined;
});

describe("wsl-vpn-agent doctor", () => {
  it("exits 0 and prints JSON when all is good", async () => {
    const root = await makeTree(healthyWsl);
    const steady = new URL("../fixtures/watchers/steady.mjs", import.meta.url).pathname;
    const { code, out } = await doctor("--json", "--root", root, "--watch-command", JSON.stringify([process.execPath, steady]));
    const report = JSON.parse(out);
    expect(report.ok).toBe(true);
    expect(report.checks.map((c: { id: string }) => c.id)).toEqual(["config", "wsl", "networking", "binfmt", "vsock", "powershell", "systemd", "tools", "capabilities", "interop"]);
    expect(code).toBe(0);
  });

  it("takes windows.watchCommand from --config", async () => {
    const steady = new URL("../fixtures/watchers/steady.mjs", import.meta.url).pathname;
    const root = await makeTree({ ...healthyWsl, "/config.json": JSON.stringify({ windows: { watchCommand: [process.execPath, steady] } }) });
    const { code, out } = await doctor("--json", "--root", root, "--config", `${root}/config.json`);
    const interop = JSON.parse(out).checks.find((c: { id: string }) => c.id === "interop");
    expect(interop).toMatchObject({ status: "ok", detail: '2 adapters, VPN "wg0; $(reboot)" up, MTU 1420' });
    expect(code).toBe(0);
  });

  it("classifies with the config's windows.vpnPatterns, as the agent would", async () => {
    const steady = new URL("../fixtures/watchers/steady.mjs", import.meta.url).pathname;
    const interopWith = async (vpnPatterns: string[]) => {
      const root = await makeTree({ ...healthyWsl, "/config.json": JSON.stringify({ windows: { watchCommand: [process.execPath, steady], vpnPatterns } }) });
      const { out } = await doctor("--json", "--root", root, "--config", `${root}/config.json`);
      return JSON.parse(out).checks.find((c: { id: string }) => c.id === "interop")?.detail;
    };
    expect(await interopWith(["Intel"])).toBe('2 adapters, VPN "Ethernet" up, MTU 1500');
    expect(await interopWith(["Cisco"])).toBe("2 adapters, no VPN up");
  });

  it("a bad config is a failed check; the other checks still run (on the defaults)", async () => {
    const steady = new URL("../fixtures/watchers/steady.mjs", import.meta.url).pathname;
    const root = await makeTree({ ...healthyWsl, "/config.json": '{"bogus": 1, "windows": {"vpnPatterns": ["a\\u0007"]}}' });
    const { code, out } = await doctor("--json", "--root", root, "--config", `${root}/config.json`, "--watch-command", JSON.stringify([process.execPath, steady]));
    const checks = JSON.parse(out).checks as { id: string; status: string; detail: string; fix?: string }[];
    const config = checks.find((c) => c.id === "config");
    expect(config?.status).toBe("fail");
    expect(config?.detail).toContain(`${root}/config.json: bogus: unknown key`);
    expect(config?.detail).toContain("windows.vpnPatterns[0]: contains a control character");
    expect(config?.fix).toContain(`config check --config ${root}/config.json`);
    expect(checks.find((c) => c.id === "interop")).toMatchObject({ status: "ok", detail: '2 adapters, VPN "wg0; $(reboot)" up, MTU 1420' });
    expect(checks).toHaveLength(10);
    expect(code).toBe(1);
    const missing = await doctor("--json", "--root", root, "--config", `${root}/absent.json`, "--watch-command", JSON.stringify([process.execPath, steady]));
    expect(JSON.parse(missing.out).checks[0]).toMatchObject({ id: "config", status: "fail", detail: expect.stringContaining("no such file") });
  });

  it("checks windows.powershell from the config; --powershell overrides it", async () => {
    const custom = "/mnt/d/Windows/System32/WindowsPowerShell/v1.0/powershell.exe";
    const root = await makeTree({ ...healthyWsl, [custom]: { exec: "MZ" }, "/config.json": JSON.stringify({ windows: { powershell: custom } }) });
    const powershell = async (...args: string[]) => JSON.parse((await doctor("--json", "--root", root, "--timeout", "500", "--config", `${root}/config.json`, ...args)).out).checks.find((c: { id: string }) => c.id === "powershell");
    expect(await powershell()).toMatchObject({ status: "ok", detail: custom });
    expect(await powershell("--powershell", POWERSHELL)).toMatchObject({ status: "ok", detail: POWERSHELL });
    expect(await powershell("--powershell", "/mnt/c/nope/powershell.exe")).toMatchObject({ status: "fail", fix: expect.stringContaining("set windows.powershell in the config") });
  });

  it("--powershell must be an absolute path: usage error (64)", async () => {
    await expect(doctor("--powershell", "relative.exe")).rejects.toThrow(UsageError);
    await expect(doctor("--powershell", "relative.exe")).rejects.toThrow('--powershell: expected an absolute path, got "relative.exe"');
    const r = await runCliProcess(["doctor", "--powershell", "powershell.exe"]);
    expect(r.stderr).toBe('wsl-vpn-agent: --powershell: expected an absolute path, got "powershell.exe"');
    expect(r.code).toBe(64);
  });

  it("exits 1 with a readable report outside WSL", async () => {
    const root = await makeTree({ "/proc/sys/kernel/osrelease": "6.18.44-generic\n" });
    const { code, out } = await doctor("--root", root);
    expect(out).toMatch(/^✓ config file: .*\n✗ running inside WSL 2: not running inside WSL/);
    expect(out).toMatch(/\n {4}fix: run wsl-vpn-agent inside a WSL 2 distribution/);
    expect(out).toMatch(/checks? failed\n$/);
    expect(code).toBe(1);
  });

  it("rejects a --watch-command that is not a JSON argv array", async () => {
    await expect(doctor("--watch-command", "powershell.exe -File x")).rejects.toThrow(/--watch-command: not JSON/);
    await expect(doctor("--watch-command", "[]")).rejects.toThrow(/non-empty JSON array of strings/);
  });
});
