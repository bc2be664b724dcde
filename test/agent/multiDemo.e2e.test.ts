import { execa } from "execa";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cliArgv } from "../support/cli.js";
import { expectInOrder } from "../support/inOrder.js";
import { useLabDemo } from "../support/labDemo.js";
import { skipE2e } from "../support/root.js";

const kept = await mkdtemp(join(tmpdir(), "wvamultidemo-"));

describe.skipIf(skipE2e)("lab demo --topology multi", () => {
  const journal = join(kept, "journal.jsonl");
  const demo = useLabDemo("multi", ["--journal", journal]);
  afterAll(() => rm(kept, { recursive: true, force: true }));

  it("tells Tailscale alone as Direct, two corporate VPNs each at their own exact MTU, one restored alone, nothing left at the end, and exits 0", async () => {
    const out = await demo();
    expectInOrder(out, [
      /^512 KiB HTTPS upload to corporate A \S+ \(before the agent\): fails/m,
      /^512 KiB HTTPS upload to corporate B \S+ \(before the agent\): fails/m,
      /^512 KiB HTTPS upload to internet \S+ \(before the agent\): works/m,
      /^✓ Tailscale alone: Direct\.idle, no VPN carries/m,
      /^✓ Ethernet 5: routes 198\.19\.1\.0\/24 mtu 1300; Ethernet 4 \(its own path\): routes 198\.19\.0\.0\/24 mtu 1372; eth0 stays 1500/m,
      /^512 KiB HTTPS upload to corporate A \S+ \(both Applied\): works/m,
      /^512 KiB HTTPS upload to corporate B \S+ \(both Applied\): works/m,
      /^512 KiB HTTPS upload to tailnet \S+ \(both Applied\): works/m,
      /^✓ GlobalProtect's route removed on its own; Ethernet 5 keeps mtu 1300/m,
      /^ {2}\(none\)/m,
      /^✓ nothing of the agent's is left/m,
      /^✓ replay: exit 0/m,
      /^lab removed$/m,
    ]);
  });

  it("its journal draws as a report that names each VPN's path and what was applied for it", async () => {
    const html = join(kept, "report.html");
    const r = await execa(...cliArgv(["report", journal, "-o", html]), { reject: false });
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const page = await readFile(html, "utf8");
    expect(page).toContain(String.raw`own paths: \"Ethernet 4\" (split tunnel: 198.19.0.0/24)`);
    expect(page).toMatch(/198\.19\.1\.0\/24 mtu 1300/);
  });
});
