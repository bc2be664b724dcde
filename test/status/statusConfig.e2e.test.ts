import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AgentStatus } from "../../src/status/contract.js";
import { anyConnect } from "../support/agentLab.js";
import { runCliProcess } from "../support/cli.js";
import { skipE2e } from "../support/root.js";
import { useAgentLab } from "../support/useAgentLab.js";

describe.skipIf(skipE2e)("`status --config FILE` finds the agent through the config's status.socket", () => {
  const agent = useAgentLab({ prefix: "wvastc" }, async () => {
    await agent().start({ windows: anyConnect });
    await agent().waitForState("Applied", 60_000, (s) => s.appliedMtu === 1372);
  });

  it("--json prints the running agent's status", async () => {
    const r = await runCliProcess(["status", "--config", agent().configPath, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const status = JSON.parse(r.stdout) as AgentStatus;
    expect(status).toMatchObject({ state: "Applied.steady", interface: "eth0", mtu: 1372, baseline: 1500, appliedMtu: 1372, dryRun: false, pid: agent().pid, journal: agent().journalPath });
    expect(status.vpn).toMatchObject({ name: anyConnect.name, description: anyConnect.description });
  });

  it("without --json prints the same state as text", async () => {
    const r = await runCliProcess(["status", "--config", agent().configPath]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^state\s+Applied\.steady$/m);
    expect(r.stdout).toMatch(/^mtu\s+eth0 1372 \(baseline 1500, verified 1372\)$/m);
  });

  it("--socket overrides the config's socket", async () => {
    const r = await runCliProcess(["status", "--config", agent().configPath, "--socket", join(agent().dir, "elsewhere.sock"), "--json"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/no agent is running \(no agent socket at .*elsewhere\.sock\)/);
  });

  it("a missing --config file is a config error (78) naming the file", async () => {
    const missing = join(agent().dir, "missing.json");
    const r = await runCliProcess(["status", "--config", missing, "--json"]);
    expect(r.code).toBe(78);
    expect(r.stderr).toContain(`${missing}: cannot read config: no such file`);
  });

  it("after the agent stops, the same command exits 3", async () => {
    expect((await agent().stop("SIGTERM")).code).toBe(0);
    const r = await runCliProcess(["status", "--config", agent().configPath, "--json"]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("no agent is running");
  });
});
