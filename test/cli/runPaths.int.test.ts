import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { cliPath } from "../support/cli.js";
import { isRoot } from "../support/root.js";
import { useTmpDir } from "../support/tmp.js";

const tmp = useTmpDir();

/**
 * `run --dry-run` on the loopback interface with a harmless watcher: it changes nothing, and with a
 * bad path it stops at start. The timeout only matters if it wrongly starts.
 */
async function dryRun(dir: string, overrides: Record<string, unknown>, uid?: number) {
  const config = join(dir, "config.json");
  const base = { interface: "lo", windows: { watchCommand: [process.execPath, "-e", "0"] }, state: { dir: join(dir, "state") }, status: { socket: join(dir, "s.sock") } };
  await writeFile(config, JSON.stringify({ ...base, ...overrides }));
  await chmod(config, 0o644);
  const r = await execa(process.execPath, [cliPath, "run", "--dry-run", "--config", config], { reject: false, timeout: 15_000, ...(uid === undefined ? {} : { uid, gid: uid }) });
  return { code: r.exitCode, stderr: String(r.stderr) };
}

describe("run with an unusable path from the config", () => {
  it("journal.path under a regular file: exit 78, one line naming the key, path and reason", async () => {
    const dir = await tmp();
    await writeFile(join(dir, "file"), "");
    const journal = join(dir, "file", "j.jsonl");
    const r = await dryRun(dir, { journal: { path: journal } });
    expect(r.stderr).toBe(`wsl-vpn-agent: journal.path: cannot create ${journal}: ${join(dir, "file")} is not a directory`);
    expect(r.code).toBe(78);
  });

  it.skipIf(!isRoot)("journal.path in a directory the user may not write: exit 77", async () => {
    const dir = await tmp();
    await chmod(dir, 0o755); // nobody may enter, not write
    const locked = join(dir, "locked");
    await mkdir(locked, { mode: 0o755 });
    const journal = join(locked, "j.jsonl");
    // nobody (65534) cannot write into root's 0755 directory; state and socket go where it can.
    const other = await tmp();
    await chmod(other, 0o755);
    const open = join(other, "open");
    await mkdir(open);
    await chmod(open, 0o777);
    const r = await dryRun(dir, { journal: { path: journal }, state: { dir: join(open, "state") }, status: { socket: join(open, "s.sock") } }, 65534);
    expect(r.stderr).toBe(`wsl-vpn-agent: journal.path: cannot create ${journal}: permission denied (run as root, or point it at a writable path)`);
    expect(r.code).toBe(77);
  });
});
