import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { registerDoctor } from "../../src/cli/commands/doctor.js";
import { healthyWsl, makeTree } from "./tree.js";

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
    expect(report.checks.map((c: { id: string }) => c.id)).toEqual(["wsl", "binfmt", "vsock", "powershell", "systemd", "tools", "capabilities", "interop"]);
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

  it("exits 1 with a readable report outside WSL", async () => {
    const root = await makeTree({ "/proc/sys/kernel/osrelease": "6.18.44-generic\n" });
    const { code, out } = await doctor("--root", root);
    expect(out).toMatch(/^✗ running inside WSL 2: not running inside WSL/);
    expect(out).toMatch(/\n {4}fix: run wsl-vpn-agent inside a WSL 2 distribution/);
    expect(out).toMatch(/checks? failed\n$/);
    expect(code).toBe(1);
  });

  it("rejects a --watch-command that is not a JSON argv array", async () => {
    await expect(doctor("--watch-command", "powershell.exe -File x")).rejects.toThrow(/--watch-command: not JSON/);
    await expect(doctor("--watch-command", "[]")).rejects.toThrow(/non-empty JSON array of strings/);
  });
});
