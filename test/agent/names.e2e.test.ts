import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgentStatus } from "../../src/status/contract.js";
import { AgentLab, type SimVpn } from "../support/agentLab.js";
import { runCliProcess } from "../support/cli.js";
import { skipE2e } from "../support/root.js";

const marker = `/tmp/pwned-${process.pid}`;
/** Names a careless shell would run; each must arrive as plain data. */
const hostile: readonly string[] = [
  `$(touch ${marker})`,
  `\`touch ${marker}\``,
  `x; touch ${marker}; rm -rf /tmp/wva-none`,
  `it's "quoted" & | > ${marker}`,
  `line one\nline two && touch ${marker}`,
];

describe.skipIf(skipE2e)("adapter names with shell metacharacters are data", () => {
  let a: AgentLab | undefined;
  const agent = (): AgentLab => a as AgentLab;
  beforeAll(async () => {
    await rm(marker, { force: true });
    // The description carries the vendor pattern and metacharacters too; the fixed profile matches it.
    a = await AgentLab.create({ prefix: "wvaname", config: { profiles: [{ match: "anyconnect", mtu: 1372 }] } });
    await agent().start({ windows: null });
    await agent().waitForState("Direct.idle");
  });
  afterAll(async () => {
    await a?.destroy();
    await rm(marker, { force: true });
  });

  it.each(hostile.map((name, i) => [JSON.stringify(name), name, i] as const))("%s: Applied, the name shows in status, nothing executed", async (_, name, i) => {
    const vpn: SimVpn = { name, description: `Cisco AnyConnect $(touch ${marker}) \`id\` #${i}`, mtu: 1400 };
    await agent().setWindows(vpn);
    await agent().waitForState("Applied", 60_000, (s) => s.vpn?.name === name && s.appliedMtu === 1372);
    const cli = await runCliProcess(["status", "--socket", agent().socket, "--json"]);
    expect(cli.code).toBe(0);
    expect((JSON.parse(cli.stdout) as AgentStatus).vpn).toMatchObject({ name, description: vpn.description });
    const human = await runCliProcess(["status", "--socket", agent().socket]);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(name.split("\n")[0]);
    expect(existsSync(marker)).toBe(false);
  });

  it("nothing ran, the agent stops cleanly and its journal replays", async () => {
    expect((await agent().stop("SIGTERM")).code).toBe(0);
    expect(existsSync(marker)).toBe(false);
    expect((await agent().replay()).code).toBe(0);
  });
});
