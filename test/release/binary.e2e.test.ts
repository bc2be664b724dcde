import { execa } from "execa";
import { copyFile, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { healthyWsl, POWERSHELL, useTrees } from "../doctor/tree.js";
import { agentBinary } from "../support/cli.js";
import { useTmpDir } from "../support/tmp.js";

const stub = fileURLToPath(new URL("../fixtures/watchers/powershell-stub.mjs", import.meta.url));
const { version } = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

// The executable alone in an empty directory, run with an empty environment: no Node on PATH, no
// node_modules, no dist/assets beside it. What it needs must be inside it.
describe("the single executable, alone", () => {
  const tmp = useTmpDir();
  const trees = useTrees();
  const alone = async (): Promise<string> => {
    const bin = join(await tmp(), "wsl-vpn-agent");
    await copyFile(agentBinary, bin);
    await execa("chmod", ["755", bin]);
    return bin;
  };

  it("starts and prints the package's version", async () => {
    const r = await execa(await alone(), ["--version"], { reject: false, env: {}, extendEnv: false });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe(version);
    expect(r.stderr).toBe("");
  });

  it("sends PowerShell the watcher script it carries (doctor's interop check)", async () => {
    const root = await trees({ ...healthyWsl, [POWERSHELL]: { exec: `#!/bin/sh\nexec ${process.execPath} ${stub} "$@"\n` } });
    const r = await execa(await alone(), ["doctor", "--json", "--root", root], { reject: false, env: {}, extendEnv: false });
    const interop = (JSON.parse(r.stdout) as { checks: { id: string; status: string; detail: string }[] }).checks.find((c) => c.id === "interop");
    expect(interop, r.stdout).toMatchObject({ status: "ok" });
    expect(interop?.detail).toContain('VPN "wg0; $(reboot)" up');
  });
});
