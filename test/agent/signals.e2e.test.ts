import { describe, expect, it } from "vitest";
import { anyConnect } from "../support/agentLab.js";
import { hangingProbe, leftovers, spawnCliInLab, waitForRules } from "../support/lab.js";
import { skipE2e } from "../support/root.js";
import { useAgentLab } from "../support/useAgentLab.js";

/** The `agent stopped` log line (JSON: stdout is not a terminal). */
const stoppedLine = (stdout: string): unknown => JSON.parse(stdout.split("\n").find((l) => l.includes('"agent stopped"')) ?? "null");

describe.skipIf(skipE2e)("signals: SIGINT stops `run` and `probe` like SIGTERM; restoreOnStop: false keeps the MTU", () => {
  const agent = useAgentLab({ prefix: "wvasig" });

  it("run: SIGINT while Applied restores the baseline, removes its rules and exits 0", async () => {
    await agent().start({ windows: anyConnect });
    await agent().waitForState("Applied", 60_000, (s) => s.appliedMtu === 1372);
    expect(await agent().linkMtu()).toBe(1372);

    const exit = await agent().stop("SIGINT");
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.stdout).toContain("received SIGINT");
    // The stop line reports the MTU after the restore, not the one applied before it.
    expect(stoppedLine(exit.stdout)).toMatchObject({ state: "Stopped", mtu: 1500 });
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
    expect(stoppedLine(exit.stdout)).toMatchObject({ state: "Stopped", mtu: 1372 });
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
