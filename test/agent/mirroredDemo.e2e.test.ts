import { execa } from "execa";
import { rm } from "node:fs/promises";
import { dirname } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cliPath } from "../support/cli.js";
import { expectInOrder } from "../support/inOrder.js";
import { skipE2e } from "../support/root.js";

describe.skipIf(skipE2e)("lab demo --topology mirrored", () => {
  let journal: string | null = null;
  afterAll(async () => {
    if (journal !== null) await rm(dirname(journal), { recursive: true, force: true });
  });

  it("tells eth1's black hole at 9000, eth1 lowered with eth0 untouched, eth1 gone with the VPN, and exits 0", async () => {
    const r = await execa(process.execPath, [cliPath, "lab", "demo", "--topology", "mirrored", "--link-mtu", "1400", "--tcp-limit", "1372"], { reject: false, timeout: 150_000 });
    const out = String(r.stdout);
    expect(r.exitCode, `${out}\n${String(r.stderr)}`).toBe(0);
    expectInOrder(out, [
      /^lab: wsl ─ eth1 \(9000, the VPN's mirrored adapter, default route\)/m,
      /^curl \S+ \(through eth1 at 9000\): fails/m,
      /^✓ Applied: eth1 mtu 1372 \(was 9000\), eth0 untouched at 1500/m,
      /^curl \S+ \(Applied\): HTTP 200/m,
      /eth1 is gone \(it went with the VPN\): nothing to restore/,
      /^✓ eth1 went with the VPN \(nothing to restore\); managing eth0, mtu 1500/m,
      /^✓ agent stopped on SIGTERM, exit 0/m,
      /^✓ replay: exit 0/m,
      /^lab removed$/m,
    ]);
    journal = /^journal: (\S+)/m.exec(out)?.[1] ?? null;
  });
});
