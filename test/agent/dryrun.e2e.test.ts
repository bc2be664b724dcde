import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { anyConnect } from "../support/agentLab.js";
import { skipE2e } from "../support/root.js";
import { useAgentLab } from "../support/useAgentLab.js";

describe.skipIf(skipE2e)("run --dry-run: probes and logs what it would do, changes nothing", () => {
  const agent = useAgentLab({ prefix: "wvadry" }, async () => {
    await agent().start({ windows: anyConnect, args: ["--dry-run"] });
  });

  it("finds the MTU and walks the story without touching eth0 or the state directory", async () => {
    const s = await agent().waitForState("Applied", 60_000, (st) => st.appliedMtu !== null);
    expect(s).toMatchObject({ dryRun: true, appliedMtu: 1372, lastProbe: { ok: true, mtu: 1372 } });
    expect(await agent().linkMtu()).toBe(1500);
    expect(existsSync(join(agent().dir, "state", "state.json"))).toBe(false);

    await agent().setWindows(null);
    await agent().waitForState("Direct.idle");
    expect(await agent().linkMtu()).toBe(1500);
  });

  it("logs each change it would have made, leaves no probe state, and its journal replays", async () => {
    const exit = await agent().stop("SIGTERM");
    expect(exit.code).toBe(0);
    expect(exit.stdout).toContain("dry-run: would set eth0 mtu 1372 (apply)");
    expect(exit.stdout).toContain("dry-run: would verify mtu 1372");
    expect(await agent().leftovers()).toEqual([]);
    expect(await agent().linkMtu()).toBe(1500);
    expect((await agent().replay()).code).toBe(0);
  });
});
