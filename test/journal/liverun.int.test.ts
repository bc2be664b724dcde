import { readFiles } from "../../src/journal/readFiles.js";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { replayItems } from "../../src/journal/replay.js";
import { JournalWriter } from "../../src/journal/writer.js";
import { AgentDriver } from "../../src/runtime/driver.js";
import { runCliProcess } from "../support/cli.js";
import { FakeNetwork } from "../support/fakeNetwork.js";
import { testInput, vpnA, vpnB } from "../support/input.js";
import { useTmpDir } from "../support/tmp.js";

const tmp = useTmpDir();

/** Lets effect results (delivered on setImmediate) flow back until the driver is quiet. */
async function quiet(driver: AgentDriver): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await driver.idle();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A whole incident, run by a live driver with in-process fake effects, journaled to `path`. */
async function liveRun(path: string): Promise<string[]> {
  const net = new FakeNetwork(1500, { probes: [{ mtu: 1372 }, { mtu: 1360 }], verifies: [true, true, false, true, false] });
  const journal = await JournalWriter.open(path);
  let clock = Date.parse("2026-11-25T09:00:00Z");
  const driver = new AgentDriver(journal, net.run, () => new Date((clock += 250)));
  const states: string[] = [];
  driver.onTransition((t) => states.push(t.to));
  const fire = async (timer: "health" | "retry") => {
    const event = net.firing(timer);
    if (event !== null) await driver.send(event);
    await quiet(driver);
  };

  await driver.start(testInput({ profiles: [{ match: "pangp", mtu: 1300 }] }));
  await driver.send({ type: "link.mtu", mtu: 1500 });
  await driver.send({ type: "network.settled", vpn: vpnA }); // probe → apply → verify → Applied
  await quiet(driver);
  await driver.send({ type: "link.mtu", mtu: 1400 }); // WSL rewrites: re-apply, re-verify
  await quiet(driver);
  await fire("health"); // health check fails → probe again → apply → verify fails → rollback, Degraded
  await fire("retry"); // retry: known MTU was forgotten, so it probes again
  await driver.send({ type: "network.settled", vpn: vpnB }); // profile VPN
  await quiet(driver);
  await driver.send({ type: "network.settled", vpn: null }); // restore baseline
  await quiet(driver);
  await driver.send({ type: "agent.stop" });
  await quiet(driver);
  await journal.close();
  expect(net.mtu).toBe(1500);
  return states;
}

describe("journal written by a live run", () => {
  let path = "";
  let states: string[] = [];
  beforeAll(async () => {
    path = join(await tmp(), "journal.jsonl");
    states = await liveRun(path);
  });

  it("went through the story the test tells", () => {
    expect(states).toEqual(expect.arrayContaining(["Probing", "VpnDetected.verifying", "Applied.steady", "Applied.checking", "Degraded", "Direct.idle", "Stopped"]));
  });

  it("replays with every recorded state reproduced", async () => {
    const replayed: string[] = [];
    const outcome = await replayItems(readFiles([path]), (s) => replayed.push(s.replayed));
    expect(outcome.divergence).toBeNull();
    expect(outcome.torn).toBeNull();
    expect(replayed).toEqual(states);
  });

  it("replays through the CLI: exit 0, a timeline, and --json lines", async () => {
    const text = await runCliProcess(["replay", path]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/verify\.failed\s+→ Degraded/);
    const json = await runCliProcess(["replay", "--json", path]);
    expect(json.code).toBe(0);
    const lines = json.stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toEqual({ seq: 0, at: "2026-11-25T09:00:00.250Z", event: "xstate.init", state: "Direct.idle" });
    expect(lines.map((l) => l.state)).toContain("Applied.steady");
    expect(Object.keys(lines[1] ?? {})).toEqual(["seq", "at", "event", "state"]);
  });

  it("exits 1 at the first divergence, naming the line and both states", async () => {
    const lines = (await readFile(path, "utf8")).trimEnd().split("\n");
    const index = lines.findIndex((l) => l.includes('"state":"Applied.steady"'));
    lines[index] = lines[index]?.replace('"state":"Applied.steady"', '"state":"Degraded"') ?? "";
    const copy = join(await tmp(), "diverged.jsonl");
    await writeFile(copy, `${lines.join("\n")}\n`);
    const r = await runCliProcess(["replay", copy]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`divergence at ${copy}:${index + 1}`);
    expect(r.stderr).toMatch(/recorded state: Degraded\n {2}replayed state: Applied\.steady/);
  });

  it("exits 65 for a corrupted journal, naming the line; a torn tail is only noted", async () => {
    const lines = (await readFile(path, "utf8")).trimEnd().split("\n");
    const dir = await tmp();
    const corrupt = join(dir, "corrupt.jsonl");
    await writeFile(corrupt, [...lines.slice(0, 3), "{garbage", ...lines.slice(3)].join("\n"));
    const bad = await runCliProcess(["replay", corrupt]);
    expect(bad.code).toBe(65);
    expect(bad.stderr).toContain(`${corrupt}:4: not JSON`);

    const torn = join(dir, "torn.jsonl");
    await writeFile(torn, `${lines.join("\n")}\n${(lines[5] ?? "").slice(0, 30)}`);
    const ok = await runCliProcess(["replay", torn]);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(new RegExp(`torn.jsonl:${lines.length + 1}: last line is torn`));
  });
});
