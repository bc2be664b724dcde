import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { SimVpn } from "../support/agentLab.js";
import { skipE2e } from "../support/root.js";
import { useAgentLab } from "../support/useAgentLab.js";

const SEGMENT = 262_144;
/** The reproducer's identities (REPRO-2 #2): each name and description 1000 control characters past a counter, within the watcher's 1024. */
const identity = (i: number): SimVpn => ({ name: `E${i}${"\u0001".repeat(1000)}`, description: `PANGP ${i}${"\u0001".repeat(1000)}`, mtu: 1400 });

describe.skipIf(skipE2e)("a watcher presenting 95 VPN identities with long names (real agent)", () => {
  const agent = useAgentLab({
    prefix: "wvamany",
    // A profile: each identity is applied and verified (and so remembered) without a probe.
    config: { interface: "eth0", profiles: [{ match: "PANGP", mtu: 1372 }], "journal.segmentBytes": SEGMENT, "journal.keepBytes": 4 * SEGMENT },
  });

  it("the journal keeps rotating, state.json keeps the newest VPNs within the bounds, and the next start works", async () => {
    const a = agent();
    await a.start({ windows: null });
    await a.waitForState("Direct.idle");
    for (let i = 0; i < 95; i++) {
      const vpn = identity(i);
      await a.setWindows(vpn);
      await a.waitForState("Applied", 30_000, (s) => s.vpn?.name === vpn.name && s.appliedMtu === 1372);
    }
    expect((await a.stop("SIGTERM")).code).toBe(0);

    // Rotation never stopped: no file of the journal grew much past a segment (it reached 1.1 MB unrotated before).
    const files = (await readdir(a.dir)).filter((f) => f.startsWith("journal.jsonl"));
    expect(files.length).toBeGreaterThan(1);
    for (const f of files) expect((await stat(join(a.dir, f))).size, f).toBeLessThan(2 * SEGMENT);
    const state = JSON.parse(await readFile(join(a.dir, "state", "state.json"), "utf8")) as { known: Record<string, number> };
    const known = Object.keys(state.known);
    expect(known.length).toBeGreaterThan(0);
    expect(known.length).toBeLessThanOrEqual(32);
    expect(known.at(-1)).toBe(`${identity(94).name}\u0000${identity(94).description}`);

    // The next start (it died with exit 70 here: its xstate.init was over the journal's 1 MiB line).
    await a.start({ windows: null });
    await a.waitForState("Direct.idle");
    expect((await a.stop("SIGTERM")).code).toBe(0);
    expect((await a.replay()).code).toBe(0);
  });
});
