import { chmod, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SystemdNotifier } from "../../src/runtime/systemdNotify.js";
import { useTmpDir } from "../support/tmp.js";
import { canReceiveNotify, NotifySocket } from "./notifySocket.js";

const tmp = useTmpDir();

const ENV_KEYS = ["NOTIFY_SOCKET", "WATCHDOG_USEC", "PATH"] as const;

describe("SystemdNotifier", () => {
  let saved: Record<string, string | undefined> = {};
  let notifier: SystemdNotifier | null = null;
  let socket: NotifySocket | null = null;
  beforeEach(() => {
    saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
    delete process.env.NOTIFY_SOCKET;
    delete process.env.WATCHDOG_USEC;
  });
  afterEach(async () => {
    // stopping() clears the watchdog interval; a test that failed early may not have reached it.
    await notifier?.stopping();
    notifier = null;
    await socket?.close();
    socket = null;
    for (const k of ENV_KEYS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  describe.skipIf(!canReceiveNotify)("with NOTIFY_SOCKET (a fake socket, the real systemd-notify)", () => {
    it("ready() sends READY=1 with the status text", async () => {
      socket = await NotifySocket.open(await tmp());
      process.env.NOTIFY_SOCKET = socket.path;
      notifier = new SystemdNotifier();
      await notifier.ready("watching eth0");
      expect(await socket.waitFor("READY=1")).toEqual(["READY=1\nSTATUS=watching eth0"]);
      expect(socket.with("WATCHDOG=1")).toEqual([]); // no WATCHDOG_USEC: no pings
    });

    it("with WATCHDOG_USEC, pings WATCHDOG=1 repeatedly after READY=1", async () => {
      socket = await NotifySocket.open(await tmp());
      process.env.NOTIFY_SOCKET = socket.path;
      process.env.WATCHDOG_USEC = "1000000"; // pings at half of it: every 500 ms
      notifier = new SystemdNotifier();
      await notifier.ready("watching eth0");
      await socket.waitFor("WATCHDOG=1", 3);
      const order = socket.messages.filter((m) => m.includes("READY=1") || m === "WATCHDOG=1");
      expect(order[0]).toContain("READY=1");
    });

    // `systemd-notify --stopping` is unknown before systemd 253 (ERRNO=22, nothing sent): this runs on any version.
    it("stopping() sends STOPPING=1", async () => {
      socket = await NotifySocket.open(await tmp());
      process.env.NOTIFY_SOCKET = socket.path;
      notifier = new SystemdNotifier();
      await notifier.ready("watching eth0");
      await socket.waitFor("READY=1");
      await notifier.stopping();
      // systemd-notify returns once its datagram is delivered (BARRIER=1): only the fixture's print is left.
      expect(await socket.waitFor("STOPPING=1", 1, 2000)).toHaveLength(1);
    });

    it("a NOTIFY_SOCKET nobody listens on fails quietly: ready() and stopping() resolve", async () => {
      process.env.NOTIFY_SOCKET = join(await tmp(), "nobody.sock");
      process.env.WATCHDOG_USEC = "1000000";
      notifier = new SystemdNotifier();
      await expect(notifier.ready("watching eth0")).resolves.toBeUndefined();
      await expect(notifier.stopping()).resolves.toBeUndefined();
    });
  });

  describe("without NOTIFY_SOCKET (not a Type=notify service)", () => {
    /** A fake `systemd-notify` first on PATH that records each call, so "nothing sent" is observable. */
    async function recordingNotify(): Promise<string> {
      const dir = await tmp();
      const calls = join(dir, "calls");
      await writeFile(join(dir, "systemd-notify"), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${calls}'\n`);
      await chmod(join(dir, "systemd-notify"), 0o755);
      process.env.PATH = `${dir}:${process.env.PATH ?? ""}`;
      return calls;
    }
    const callsIn = (file: string): Promise<string> => readFile(file, "utf8").catch(() => "");

    it("the recording fake does record when NOTIFY_SOCKET is set (so its silence below means something)", async () => {
      const calls = await recordingNotify();
      process.env.NOTIFY_SOCKET = "/run/none.sock";
      notifier = new SystemdNotifier();
      await notifier.ready("watching eth0");
      await notifier.stopping();
      expect(await callsIn(calls)).toBe("--ready --status=watching eth0\nSTOPPING=1\n");
    });

    it.each([["unset", undefined], ["empty", ""]])("NOTIFY_SOCKET %s: ready() and stopping() resolve and run nothing", async (_, value) => {
      const calls = await recordingNotify();
      if (value !== undefined) process.env.NOTIFY_SOCKET = value;
      process.env.WATCHDOG_USEC = "1000"; // would ping every 500 ms if it were enabled
      notifier = new SystemdNotifier();
      await expect(notifier.ready("watching eth0")).resolves.toBeUndefined();
      await expect(notifier.stopping()).resolves.toBeUndefined();
      expect(await callsIn(calls)).toBe("");
    });
  });
});
