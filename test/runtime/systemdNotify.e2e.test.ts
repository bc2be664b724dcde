import { rm } from "node:fs/promises";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AgentLab } from "../support/agentLab.js";
import { skipE2e } from "../support/root.js";
import { useTmpDir } from "../support/tmp.js";
import { canReceiveNotify, NotifySocket } from "./notifySocket.js";

const tmp = useTmpDir();

describe.skipIf(skipE2e || !canReceiveNotify)("the agent under a Type=notify service (a fake NOTIFY_SOCKET)", () => {
  let a: AgentLab | undefined;
  const agent = (): AgentLab => a as AgentLab;
  let socket: NotifySocket | null = null;
  beforeAll(async () => {
    a = await AgentLab.create({ prefix: "wvantf" });
  });
  afterEach(async () => {
    await socket?.close();
    socket = null;
  });
  afterAll(async () => {
    await a?.destroy();
  });

  /** Starts the agent with NOTIFY_SOCKET (and WATCHDOG_USEC) in its environment, as systemd does. */
  async function startNotified(env: { WATCHDOG_USEC?: string }, windows?: null): Promise<NotifySocket> {
    const s = await NotifySocket.open(await tmp());
    socket = s;
    const saved = { NOTIFY_SOCKET: process.env.NOTIFY_SOCKET, WATCHDOG_USEC: process.env.WATCHDOG_USEC };
    // The agent child inherits this process's environment; only for this start.
    process.env.NOTIFY_SOCKET = s.path;
    if (env.WATCHDOG_USEC === undefined) delete process.env.WATCHDOG_USEC;
    else process.env.WATCHDOG_USEC = env.WATCHDOG_USEC;
    try {
      await agent().start(windows === undefined ? {} : { windows });
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    return s;
  }

  it("sends READY=1 with its status text, then WATCHDOG=1 pings; SIGTERM still exits 0", async () => {
    const s = await startNotified({ WATCHDOG_USEC: "1000000" }, null);
    expect(await s.waitFor("READY=1")).toEqual(["READY=1\nSTATUS=watching eth0"]);
    await s.waitFor("WATCHDOG=1", 2);
    expect(s.messages.findIndex((m) => m === "WATCHDOG=1")).toBeGreaterThan(s.messages.findIndex((m) => m.includes("READY=1")));
    expect((await agent().stop("SIGTERM")).code).toBe(0);
  });

  // docs/operations.md: the service is active once the agent has taken its first Windows snapshot.
  it("sends READY=1 only once Windows printed its first snapshot", async () => {
    await rm(agent().winFile, { force: true }); // the simulated Windows prints nothing until the file exists
    const s = await startNotified({});
    // Windows (a cold powershell.exe, broken interop) prints only noise: once the agent has read
    // and refused that line, it is running and reading Windows, and still not ready.
    await agent().setWindowsLines(["WARNING: not a snapshot"]);
    const running = await agent().waitFor((st) => st.counters.badWatcherLines > 0, "the agent to refuse the noise");
    expect(running.watcher.snapshots).toBe(0);
    expect(s.with("READY=1")).toEqual([]);

    await agent().setWindows(null);
    await s.waitFor("READY=1");
    expect((await agent().status())?.watcher.snapshots).toBeGreaterThan(0);
    expect((await agent().stop("SIGTERM")).code).toBe(0);
  });
});
