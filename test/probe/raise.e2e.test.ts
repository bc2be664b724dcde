import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RANGES, pinSlot } from "../../src/probe/config.js";
import { countOversize } from "../support/oversize.js";
import { cliInLab, leftovers, spawnCliInLab, useLab, wslMtu } from "../support/lab.js";
import { pollUntil } from "../support/pollUntil.js";
import { skipE2e } from "../support/root.js";

// WSL set eth0 to 1280 (a Tailscale adapter on Windows) while the path carries 1400.
describe.skipIf(skipE2e)("probing above the interface's MTU (lab: raise, eth0 1280, path 1400)", () => {
  const l = useLab({ linkMtu: 1400, topology: "raise" });
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "wva-raise-"));
    await writeFile(join(dir, "upload"), Buffer.alloc(2 * 1024 * 1024, "u"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("finds 1400 exactly, puts eth0 back to 1280, leaves nothing, and the user's traffic never exceeds 1280 meanwhile", async () => {
    expect(await wslMtu(l())).toBe(1280);
    const counter = await countOversize(l(), 1280, DEFAULT_RANGES.ports);
    try {
      // The user's traffic while the probe runs: an upload paced to outlast it, and DF pings as large as the path carries.
      const upload = l().spawn("wsl", ["curl", "-sk", "--local-port", "40000-40100", "--limit-rate", "1M", "--data-binary", `@${join(dir, "upload")}`, "-o", "/dev/null", "-w", "%{http_code}", l().url]);
      const pings = l().spawn("wsl", ["ping", "-n", "-q", "-M", "do", "-s", String(1400 - 28), "-i", "0.2", "-c", "12", l().addresses.server]);
      const r = await cliInLab(l(), ["probe", "--url", l().url, "--ca-file", l().caFile, "--timeout-ms", "1000", "--json"]);
      const [up] = await Promise.all([upload, pings]);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.json.mtu).toBe(1400);
      const sizes = r.json.evidence?.sizes ?? [];
      expect(sizes.find((s) => s.mtu === 1401)?.pass).toBe(false);
      expect(r.json.evidence?.notes).toContainEqual("eth0 MTU is 1280: raised to 1500 while probing, its routes pinned at 1280 (table 52263, rule 30327)");
      expect(up.stdout).toBe("200");
      const seen = await counter.read();
      expect(seen.probe, "the probes' own packets above 1280 crossed the router").toBeGreaterThan(0);
      expect(seen.other, "user packets above 1280 while probing").toBe(0);
    } finally {
      await counter.remove();
    }
    expect(await wslMtu(l())).toBe(1280);
    expect(await leftovers(l())).toEqual([]);
  });

  it("--no-raise probes only up to the interface's MTU and says so", async () => {
    const r = await cliInLab(l(), ["probe", "--url", l().url, "--insecure", "--timeout-ms", "1000", "--json", "--no-raise"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.json.mtu).toBe(1280);
    expect(r.json.evidence?.notes).toContainEqual("eth0 MTU is 1280: probing up to 1280 instead of 1500");
    expect(await wslMtu(l())).toBe(1280);
  });

  it("after SIGKILL while eth0 is raised, the next probe puts it back to 1280 before dropping the pin", async () => {
    const child = spawnCliInLab(l(), ["probe", "--url", l().url, "--insecure", "--timeout-ms", "5000", "--json"]);
    await pollUntil(() => wslMtu(l()), (mtu) => mtu === 1500, { timeoutMs: 30_000, intervalMs: 10, failure: (mtu) => `eth0 never raised (mtu ${mtu})` });
    child.kill("SIGKILL");
    await child;
    expect(await wslMtu(l())).toBe(1500);
    expect(await leftovers(l())).toContain(`rule ${pinSlot(DEFAULT_RANGES).priority}`);
    const next = await cliInLab(l(), ["probe", "--url", l().url, "--insecure", "--timeout-ms", "1000", "--json"]);
    expect(next.json.mtu).toBe(1400);
    expect(next.json.evidence?.notes?.[0]).toBe("eth0 was left raised to mtu 1500 by an interrupted probe: put back to 1280");
    expect(await wslMtu(l())).toBe(1280);
    expect(await leftovers(l())).toEqual([]);
  });
});
