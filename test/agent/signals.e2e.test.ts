import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Lab } from "../../src/lab/createLab.js";
import { AgentLab, anyConnect } from "../support/agentLab.js";
import { leftovers, spawnCliInLab } from "../support/lab.js";
import { skipE2e } from "../support/root.js";

describe.skipIf(skipE2e)("signals: SIGINT stops `run` and `probe` like SIGTERM; restoreOnStop: false keeps the MTU", () => {
  let a: AgentLab | undefined;
  const agent = (): AgentLab => a as AgentLab;
  beforeAll(async () => {
    a = await AgentLab.create({ prefix: "wvasig" });
  });
  afterAll(async () => {
    await a?.destroy();
  });

  it("run: SIGINT while Applied restores the baseline, removes its rules and exits 0", async () => {
    await agent().start({ windows: anyConnect });
    await agent().waitForState("Applied", 60_000, (s) => s.appliedMtu === 1372);
    expect(await agent().linkMtu()).toBe(1372);

    const exit = await agent().stop("SIGINT");
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.stdout).toContain("received SIGINT");
    expect(exit.stdout).toContain("agent stopped");
    expect(await agent().linkMtu()).toBe(1500);
    expect(await agent().leftovers()).toEqual([]);
    expect((await agent().journal()).findLast((r) => r.event.type === "agent.stop")?.state).toBe("Stopped");
    expect((await agent().replay()).code).toBe(0);
  });

  it("run with restoreOnStop: false: SIGTERM while Applied leaves eth0 at the applied MTU and exits 0", async () => {
    await agent().start({ windows: anyConnect, config: { restoreOnStop: false } });
    await agent().waitForState("Applied", 60_000, (s) => s.appliedMtu === 1372);

    const exit = await agent().stop("SIGTERM");
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.stdout).toContain("agent stopped");
    expect(await agent().linkMtu()).toBe(1372);
    expect(await agent().leftovers()).toEqual([]);
    const records = await agent().journal();
    const init = records.findLastIndex((r) => r.event.type === "xstate.init");
    const stop = records.findLastIndex((r) => r.event.type === "agent.stop");
    expect(records[init]?.event).toMatchObject({ input: { restoreOnStop: false } });
    expect(records[stop]?.state).toBe("Stopped");
    // Nothing was applied after the stop: no restore.
    expect(records.slice(stop + 1).filter((r) => r.event.type === "apply.done")).toEqual([]);
    expect((await agent().replay()).code).toBe(0);
    await agent().rewriteMtu(1500);
  });

  it("probe: SIGINT during a round removes its rules and exits 130", async () => {
    const lab = agent().lab;
    expect(await leftovers(lab)).toEqual([]);
    const child = spawnCliInLab(lab, hangingProbe(lab));
    await waitForRules(lab);
    child.kill("SIGINT");
    const r = await child;
    expect(r.exitCode, r.stderr).toBe(130);
    expect(r.stderr).toContain("probe interrupted; agent rules removed");
    expect(await leftovers(lab)).toEqual([]);
    expect(await agent().linkMtu()).toBe(1500);
  });
});

/**
 * A probe whose first round hangs: its floor (1400) is above the lab's TCP limit (1372), so every
 * handshake waits out the 5 s timeout and its rules stay in place while it is signalled.
 */
function hangingProbe(lab: Lab): string[] {
  return ["probe", "--url", lab.url, "--insecure", "--timeout-ms", "5000", "--min", "1400"];
}

/** Waits until a probe has installed its rules (state, not time, decides). */
async function waitForRules(lab: Lab, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await leftovers(lab)).length === 0) {
    if (Date.now() > deadline) throw new Error(`the probe installed no rules within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
