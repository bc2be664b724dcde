import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { JournalRecord } from "../../src/journal/record.js";
import { anyConnect } from "../support/agentLab.js";
import { cliInLab, spawnCliInLab } from "../support/lab.js";
import { pollUntil } from "../support/pollUntil.js";
import { skipE2e } from "../support/root.js";
import { useAgentLab } from "../support/useAgentLab.js";

type Child = ReturnType<typeof spawnCliInLab>;

// One agent per state directory (docs/operations.md, "One agent at a time"): the state directory's
// lock is taken before anything is touched, by `run` and by `probe --apply`.
describe.skipIf(skipE2e)("one agent at a time", () => {
  // A first run writes the config file the other processes share.
  const agent = useAgentLab({ prefix: "wvalock" }, async () => {
    await agent().start({ windows: null });
    expect((await agent().stop("SIGTERM")).code).toBe(0);
  });
  const lockFile = (): string => join(agent().dir, "state", "agent.lock");
  const run = (): Child => spawnCliInLab(agent().lab, ["run", "--config", agent().configPath]);
  /** The loser's line; `named`: the holder has long written its pid (two started together may lose before it has: the line then names no pid). */
  const lockLine = (holder: string, named = true): RegExp => new RegExp(`^wsl-vpn-agent: ${lockFile().replaceAll(".", "\\.")} is held by another wsl-vpn-agent(?: \\(pid \\d+, ${holder}\\))${named ? "" : "?"}: nothing was changed; stop it first\\n?$`);

  /** Kills what is still running of `children` (the winner), also when the test fails. */
  async function settle(children: readonly Child[]): Promise<void> {
    for (const c of children) c.kill("SIGTERM"); // a no-op on one that has exited
    await Promise.all(children);
  }

  it("two agents started together: one runs, the other exits 75 with one line; the journal replays and the winner's state is intact", async () => {
    await agent().setWindows(anyConnect);
    const before = (await agent().journal()).length;
    const both = [run(), run()];
    try {
      const loser = await Promise.race(both);
      expect(loser.exitCode).toBe(75);
      expect(loser.stderr).toMatch(lockLine("run", false));
      await agent().waitForState("Applied.steady", 60_000, (st) => st.appliedMtu === 1372);
      expect(await agent().linkMtu()).toBe(1372);
      // A late start while the winner is Applied changes nothing either.
      const late = await run();
      expect(late.exitCode).toBe(75);
      expect(late.stderr).toMatch(lockLine("run"));
      expect(await agent().linkMtu()).toBe(1372);
      expect(await agent().status()).toMatchObject({ state: "Applied.steady", appliedMtu: 1372 });
      const records = (await agent().journal()).slice(before);
      // One start, numbered on from the last run: neither loser wrote a record.
      expect(records.filter((r) => r.event.type === "xstate.init")).toHaveLength(1);
      expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => (records[0]?.seq ?? 0) + i));
    } finally {
      await settle(both);
    }
    expect(await agent().linkMtu()).toBe(1500);
    expect((await agent().replay()).code).toBe(0);
  });

  it("an agent started while probe --apply runs exits 75 and adopts nothing: no baseline stored, no journal record", async () => {
    await agent().setWindows(null);
    const statePath = join(agent().dir, "state", "state.json");
    const state = await readFile(statePath, "utf8");
    const records = (await agent().journal()).length;
    // Floor 1400 above the lab's TCP limit: the first round waits out its 5 s timeout, holding the lock.
    const probe = spawnCliInLab(agent().lab, ["probe", "--url", agent().lab.url, "--insecure", "--timeout-ms", "5000", "--min", "1400", "--apply", "--config", agent().configPath]);
    try {
      await pollUntil(() => readFile(lockFile(), "utf8").catch(() => ""), (text) => text.endsWith(" probe --apply\n"), { timeoutMs: 30_000, failure: (t) => `probe --apply never took the lock (${JSON.stringify(t)})` });
      const late = await run();
      expect(late.exitCode).toBe(75);
      expect(late.stderr).toMatch(lockLine("probe --apply"));
      expect(await readFile(statePath, "utf8")).toBe(state);
      expect((await agent().journal()).length).toBe(records);
      expect(await stat(agent().socket).catch(() => null)).toBeNull();
    } finally {
      await settle([probe]);
    }
    expect(await agent().linkMtu()).toBe(1500);
  });

  it("probe without --apply beside a running agent neither raises the interface nor touches the main table's routes", async () => {
    await agent().start({ windows: anyConnect });
    try {
      const s = await agent().waitForState("Applied.steady", 60_000, (st) => st.appliedMtu === 1372);
      const seen = s.recent.at(-1)?.seq ?? -1;
      // A route of the probe engine's in the main table (proto 157), as the agent's sequential fallback leaves while it probes.
      const route = ["198.18.99.0/24", "dev", "eth0", "proto", "157"];
      expect((await agent().lab.exec("wsl", ["ip", "route", "add", ...route])).ok).toBe(true);
      const r = await cliInLab(agent().lab, ["probe", "--url", agent().lab.url, "--insecure", "--timeout-ms", "1000", "--json", "--config", agent().configPath]);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.json.mtu).toBe(1372);
      expect(r.json.evidence?.notes?.join("\n")).toMatch(/is held by another wsl-vpn-agent \(pid \d+, run\): probing beside it, up to eth0's MTU/);
      expect((await agent().lab.exec("wsl", ["ip", "route", "show", "proto", "157"])).stdout).toContain("198.18.99.0/24");
      await agent().lab.exec("wsl", ["ip", "route", "del", ...route]);
      // Had eth0 been raised, the agent would have seen it go to 1500 and applied again.
      expect(await agent().status()).toMatchObject({ state: "Applied.steady", appliedMtu: 1372 });
      expect((await agent().journal()).filter((rec: JournalRecord) => rec.event.type === "link.mtu" && rec.seq > seen)).toEqual([]);
      expect(await agent().linkMtu()).toBe(1372);
    } finally {
      await agent().stop("SIGTERM");
    }
  });
});
