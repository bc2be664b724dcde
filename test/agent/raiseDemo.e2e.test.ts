import { execa } from "execa";
import { rm } from "node:fs/promises";
import { dirname } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cliPath } from "../support/cli.js";
import { expectInOrder } from "../support/inOrder.js";
import { skipE2e } from "../support/root.js";

describe.skipIf(skipE2e)("lab demo --topology raise", () => {
  let journal: string | null = null;
  afterAll(async () => {
    if (journal !== null) await rm(dirname(journal), { recursive: true, force: true });
  });

  it("tells eth0 stuck at 1280, the probe above it with eth0 put back, the agent applying the larger MTU and restoring 1280, and exits 0", async () => {
    const r = await execa(process.execPath, [cliPath, "lab", "demo", "--topology", "raise", "--link-mtu", "1400", "--tcp-limit", "1372"], { reject: false, timeout: 150_000 });
    const out = String(r.stdout);
    expect(r.exitCode, `${out}\n${String(r.stderr)}`).toBe(0);
    expectInOrder(out, [
      /^lab: wsl \(eth0 1280, as WSL sets it with Tailscale installed\)/m,
      /^ping 1400 bytes, DF set: refused before it leaves \(eth0 mtu 1280\)/m,
      /^ {2}note: eth0 MTU is 1280: raised to 1500 while probing, its routes pinned at 1280/m,
      /^ {2}MTU 1372 carries TLS; eth0 is back at 1280$/m,
      /^✓ Applied: eth0 mtu 1372/m,
      /^✓ baseline restored: eth0 mtu 1280/m,
      /^✓ replay: exit 0/m,
      /^lab removed$/m,
    ]);
    journal = /^journal: (\S+)/m.exec(out)?.[1] ?? null;
  });
});
