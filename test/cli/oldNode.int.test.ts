import { execa } from "execa";
import { readdir } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cliPath } from "../support/cli.js";

const asNode18 = fileURLToPath(new URL("../fixtures/node18.mjs", import.meta.url));
const run = (node: string, pre: readonly string[], ...args: string[]) => execa(node, [...pre, cliPath, ...args], { reject: false });

/** A `node` on PATH older than 24 (apt's), outside this checkout's node_modules, if there is one. */
async function oldNodeOnPath(): Promise<string | null> {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir.includes("node_modules") || !(await readdir(dir).catch((): string[] => [])).includes("node")) continue;
    const v = await execa(join(dir, "node"), ["-p", "process.versions.node"], { reject: false });
    if (v.exitCode === 0 && Number(v.stdout.split(".")[0]) < 24) return join(dir, "node");
  }
  return null;
}
const oldNode = await oldNodeOnPath();

describe("node dist/cli.js on an unsupported Node", () => {
  it("says so in one line and exits 69, before anything uses what Node 18 lacks", async () => {
    for (const args of [["--version"], ["status"], ["probe", "--url", "https://127.0.0.1:9/"]]) {
      const r = await run(process.execPath, ["--import", asNode18], ...args);
      expect(r.exitCode, r.stderr).toBe(69);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/^wsl-vpn-agent: needs Node\.js 24 or later, but \S+ is Node\.js 18\.19\.1: .+$/);
      expect(r.stderr).not.toContain("\n");
    }
  });

  it("runs as usual on this Node 24 (the check passes a supported version)", async () => {
    const r = await run(process.execPath, [], "--version");
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
  });

  it.skipIf(oldNode === null)(`says so under a real old Node on PATH (${oldNode ?? "none found: skipped"})`, async () => {
    const r = await run(oldNode ?? "", [], "status");
    expect(r.exitCode, r.stderr).toBe(69);
    expect(r.stderr).toMatch(new RegExp(`^wsl-vpn-agent: needs Node\\.js 24 or later, but ${oldNode ?? ""} is Node\\.js \\d+\\.`));
  });
});
