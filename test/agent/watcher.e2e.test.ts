import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { snapshotLine } from "../../src/lab/simWindows.js";
import { anyConnect } from "../support/agentLab.js";
import { skipE2e } from "../support/root.js";
import { useAgentLab } from "../support/useAgentLab.js";

/** A watcher that prints the snapshot file once, complains and dies, as a crashing PowerShell would. */
const CRASHING_WATCHER = `import { readFileSync } from "node:fs";
process.stdout.write(readFileSync(process.argv[2], "utf8"));
process.stderr.write("boom: simulated crash\\n");
process.exitCode = 3;
`;

describe.skipIf(skipE2e)("a misbehaving Windows watcher", () => {
  const agent = useAgentLab({ prefix: "wvawatch" });

  it("a watcher that keeps crashing is restarted (watcherRestarts grows) and its snapshots still drive the agent", async () => {
    const script = join(agent().dir, "crash.mjs");
    await writeFile(script, CRASHING_WATCHER);
    await agent().start({ windows: anyConnect, config: { "windows.watchCommand": [process.execPath, script, agent().winFile] } });
    const s = await agent().waitForState("Applied", 60_000, (st) => st.appliedMtu === 1372 && st.counters.watcherRestarts >= 2);
    expect(s.watcher.lastError).toContain("boom: simulated crash");
    expect(await agent().linkMtu()).toBe(1372);
    expect((await agent().stop("SIGTERM")).code).toBe(0);
    expect(await agent().linkMtu()).toBe(1500);
    expect((await agent().replay()).code).toBe(0);
  });

  it("garbage lines are counted (badWatcherLines grows) and the agent keeps working", async () => {
    await agent().start({ windows: null });
    await agent().waitForState("Direct.idle");
    await agent().setWindowsLines(["this is not JSON", '{"adapters": 42}', "{\"adapters\": [", "\u0007\u001b[31mcontrol bytes", snapshotLine(null)]);
    const s = await agent().waitFor((st) => st.counters.badWatcherLines >= 4, "4 bad watcher lines counted");
    expect(s.state).toMatch(/^Direct/);
    await agent().setWindows(anyConnect);
    await agent().waitForState("Applied", 60_000, (st) => st.appliedMtu === 1372);
    expect(await agent().linkMtu()).toBe(1372);
    expect((await agent().stop("SIGTERM")).code).toBe(0);
    expect((await agent().replay()).code).toBe(0);
  });
});
