import { execa } from "execa";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cliArgv, runCliProcess } from "../support/cli.js";
import { expectInOrder } from "../support/inOrder.js";
import { skipE2e } from "../support/root.js";

describe.skipIf(skipE2e)("lab demo: the whole agent's story", () => {
  let dir = "";
  afterAll(async () => {
    if (dir !== "") await rm(dir, { recursive: true, force: true });
  });

  it("exits 0 after connect → Applied, WSL rewrite → re-applied, disconnect → baseline, and a replay that exits 0", async () => {
    dir = await mkdtemp(join(tmpdir(), "wva-demo-test-"));
    // The demo's own temporary files go to a directory of this test's, to see that none stay.
    const tmp = join(dir, "tmp");
    await mkdir(tmp);
    const kept = join(dir, "kept.jsonl");
    const r = await execa(...cliArgv(["lab", "demo", "--link-mtu", "1400", "--tcp-limit", "1372", "--journal", kept]), { reject: false, timeout: 150_000, env: { TMPDIR: tmp } });
    const out = String(r.stdout);
    expect(r.exitCode, `${out}\n${String(r.stderr)}`).toBe(0);
    const story = [
      /^ping 1401 bytes, DF set: no reply/m,
      /^ {2}applied 1372 to eth0/m,
      /applied 1372 to eth0 \(was 1500\); verified with an HTTPS request/,
      /^Windows: VPN connects/m,
      /agent \| .*→ Probing/,
      /^✓ Applied: eth0 mtu 1372/m,
      /^WSL: rewrites eth0 mtu 1500/m,
      /^✓ re-applied: eth0 mtu 1372/m,
      /^Windows: VPN disconnects/m,
      /^✓ baseline restored: eth0 mtu 1500/m,
      /^✓ agent stopped on SIGTERM, exit 0/m,
      /^✓ replay: exit 0/m,
      /^lab removed$/m,
    ];
    expectInOrder(out, story);
    expect(out).toMatch(new RegExp(`^journal: ${kept}  \\(draw it: .+ report ${kept}\\)$`, "m"));
    expect(existsSync(kept)).toBe(true);
    expect((await runCliProcess(["replay", kept])).code).toBe(0);
    expect(await readdir(tmp)).toEqual([]);
    // The commands it shows can be pasted: they name this program by its path, not a name on PATH.
    const shown = [...out.matchAll(/^\$ (\S+) /gm)].map((m) => m[1]);
    expect(shown.length).toBeGreaterThan(2);
    for (const program of shown) expect(program, "a command the demo shows").toMatch(/^\//);
    const draw = /\(draw it: (.+)\)$/m.exec(out)?.[1] ?? "";
    const pasted = await execa("sh", ["-c", draw], { reject: false, cwd: dir, env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin" }, extendEnv: false });
    expect(pasted.exitCode, `${draw}\n${pasted.stderr}`).toBe(0);
    expect(existsSync(join(dir, "report.html"))).toBe(true);
  });
});
