import { describe, expect, it } from "vitest";
import type { JournalRecord } from "../../src/journal/record.js";
import type { Lab } from "../../src/lab/createLab.js";
import { CORPORATE_PREFIX } from "../../src/lab/topology/split.js";
import { anyConnect, type AgentLab } from "../support/agentLab.js";
import { skipE2e } from "../support/root.js";
import { agentRoutes } from "../support/splitLab.js";
import { useAgentLab } from "../support/useAgentLab.js";

/** The main table's routes that are not the agent's, exactly as `ip -j route show` prints each. */
async function othersRoutes(lab: Lab): Promise<string[]> {
  const r = await lab.exec("wsl", ["ip", "-j", "-4", "route", "show", "table", "main"]);
  return (JSON.parse(r.stdout) as Array<Record<string, unknown>>).filter((x) => x.protocol !== "158").map((x) => JSON.stringify(x));
}

async function inWsl(lab: Lab, steps: readonly string[][]): Promise<void> {
  for (const step of steps) {
    const r = await lab.exec("wsl", step);
    if (!r.ok) throw new Error(`${step.join(" ")}: ${r.stderr}`);
  }
}

/** A second interface in the wsl namespace (a Docker bridge's stand-in) with its connected 198.18.210.0/24. */
const SECOND_IFACE = [
  ["ip", "link", "add", "ownd0", "type", "veth", "peer", "name", "ownd1"],
  ["ip", "addr", "add", "198.18.210.1/24", "dev", "ownd0"],
  ["ip", "link", "set", "ownd0", "up"],
  ["ip", "link", "set", "ownd1", "up"],
];

const notOwnedIn = (records: readonly JournalRecord[]): Array<readonly string[]> =>
  records.flatMap((r) => (r.event.type === "apply.done" && r.event.notOwned !== undefined ? [r.event.notOwned] : []));

/** Both stories: the routes of others never change, whatever the agent goes through. */
async function lifecycle(agent: () => AgentLab, vpn: Parameters<AgentLab["setWindows"]>[0], connected: (a: AgentLab) => Promise<unknown>, others: readonly string[]): Promise<void> {
  const lab = agent().lab;
  const still = async (when: string): Promise<void> => expect(await othersRoutes(lab), when).toEqual(others);
  await agent().start({ windows: null });
  await agent().waitForState("Direct.idle");
  await agent().setWindows(vpn);
  await connected(agent());
  await still("after connect");
  await agent().setWindows(null);
  await agent().waitForState("Direct.idle", 60_000, (s) => s.vpn === null && (s.routes ?? null) === null);
  await still("after disconnect");
  await agent().setWindows(vpn);
  await connected(agent());
  expect((await agent().stop("SIGTERM")).code).toBe(0);
  await still("after stop");
  expect(await agentRoutes(lab)).toEqual([]);
  await agent().start({ windows: vpn });
  await connected(agent());
  await agent().stop("SIGKILL");
  await still("after SIGKILL");
  await agent().start({ windows: null });
  await agent().waitForState("Direct.idle");
  await still("after the restart's clean-up");
  expect(await agentRoutes(lab)).toEqual([]);
  expect((await agent().stop("SIGTERM")).code).toBe(0);
}

// Split tunnel prefixes that are someone else's: a user's static route, the wsl subnet's connected
// route, a second interface's connected route; beside them the corporate prefix, which is free.
describe.skipIf(skipE2e)("routes the agent does not own, under a split tunnel's prefixes: never changed, never deleted", () => {
  const USER = "198.19.5.0/24";
  const CONNECTED = "198.18.0.0/24";
  const SECOND = "198.18.210.0/24";
  const agent = useAgentLab({ prefix: "wvaown", lab: { linkMtu: 1400, tcpLimit: 1372, topology: "split" }, config: { "retry.baseMs": 600_000, "retry.maxMs": 600_000 } }, () =>
    inWsl(agent().lab, [...SECOND_IFACE, ["ip", "route", "add", USER, "via", "198.18.0.1", "dev", "eth0", "proto", "static"]]),
  );
  const vpn = { ...anyConnect, routes: [CORPORATE_PREFIX, USER, CONNECTED, SECOND] };

  it("connect, disconnect, stop, SIGKILL and restart: the three routes stay byte for byte; the corporate prefix alone gets the agent's route", async () => {
    const others = await othersRoutes(agent().lab);
    expect(others.map((r) => (JSON.parse(r) as { dst: string }).dst)).toEqual(expect.arrayContaining([USER, CONNECTED, SECOND]));
    const applied = async (a: AgentLab): Promise<void> => {
      await a.waitForState("Applied", 60_000, (s) => s.appliedMtu === 1372);
      expect((await agentRoutes(a.lab)).map((r) => [r.dst, r.mtu])).toEqual([[CORPORATE_PREFIX, 1372]]);
    };
    await lifecycle(agent, vpn, applied, others);
    // Reported each time it was left alone: in the journal (and the log).
    const reported = notOwnedIn(await agent().journal());
    expect(reported.length).toBeGreaterThan(0);
    for (const n of reported) expect([...n].sort()).toEqual([USER, CONNECTED, SECOND].sort());
  });
});

// apply.scope routes on a full tunnel: 0.0.0.0/1 is a user's route (a Linux VPN's def1 half),
// 128.0.0.0/1 a second interface's; a user's 198.19.0.0/16 keeps the lab's servers on eth0.
describe.skipIf(skipE2e)('routes the agent does not own, under apply.scope "routes": 0/1 and 128/1 stay, nothing is forced', () => {
  const agent = useAgentLab({ prefix: "wvaown1", lab: { linkMtu: 1400, tcpLimit: 1372, topology: "split" }, config: { "apply.scope": "routes", "retry.baseMs": 600_000, "retry.maxMs": 600_000 } }, () =>
    inWsl(agent().lab, [
      ...SECOND_IFACE,
      ["ip", "route", "add", "198.19.0.0/16", "via", "198.18.0.1", "dev", "eth0", "proto", "static"],
      ["ip", "route", "add", "0.0.0.0/1", "via", "198.18.0.1", "dev", "eth0", "proto", "static"],
      ["ip", "route", "add", "128.0.0.0/1", "dev", "ownd0"],
    ]),
  );

  it("connect, disconnect, stop, SIGKILL and restart: both halves stay byte for byte; with nowhere to put the MTU the check fails and the agent says so", async () => {
    const others = await othersRoutes(agent().lab);
    const leftAlone = async (a: AgentLab): Promise<void> => {
      const from = (await a.journal()).length;
      // Left alone, reported, then the verification through the untouched black hole fails and is rolled back.
      const records = await a.waitForJournal((rs) => rs.slice(from).some((r) => r.event.type === "verify.failed") && rs.slice(from).some((r) => r.event.type === "apply.done" && r.event.routes?.length === 0), "the apply left alone and rolled back");
      expect(notOwnedIn(records.slice(from)).map((n) => [...n])).toEqual([["0.0.0.0/1", "128.0.0.0/1"]]);
      expect(await agentRoutes(a.lab)).toEqual([]);
    };
    // Each connect starts from a journal position: the first wait sees only its own records.
    await lifecycle(agent, anyConnect, leftAlone, others);
  });
});
