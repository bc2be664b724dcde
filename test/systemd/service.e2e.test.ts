import { readFile, stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JournalRecord } from "../../src/journal/record.js";
import { createLab, type Lab } from "../../src/lab/createLab.js";
import { snapshotLine } from "../../src/lab/simWindows.js";
import type { AgentStatus } from "../../src/status/contract.js";
import { anyConnect, type SimVpn } from "../support/agentLab.js";
import { leftovers } from "../support/lab.js";
import { Container, skipNspawn, testRootfs } from "../support/nspawn.js";
import { pollUntil } from "../support/pollUntil.js";

// The shipped unit under a real systemd 252 (Debian bookworm, booted with systemd-nspawn). The
// container's network namespace is the lab's WSL side; inside it the agent is installed with
// `wsl-vpn-agent install` as a user does, watching the lab's simulated Windows and verifying
// against the lab's server. Everything runs in the unit's sandbox with all its hardening.
const repo = fileURLToPath(new URL("../..", import.meta.url));
const SRC = "/opt/wsl-vpn-agent-src";
const WIN = "/srv/lab/win.json";
const UNIT = "wsl-vpn-agent";
const paloAlto: SimVpn = { name: "Ethernet 4", description: "PANGP Virtual Ethernet Adapter", mtu: 1400 };

describe.skipIf(skipNspawn)("the service under real systemd (nspawn)", () => {
  const name = `wvasd${process.pid.toString(36)}`;
  let c: Container;
  let lab: Lab;
  let netnsInode = 0;

  const show = async (...props: string[]): Promise<Record<string, string>> => {
    const out = await c.run(["systemctl", "show", UNIT, ...props.map((p) => `--property=${p}`)]);
    return Object.fromEntries(out.split("\n").filter((l) => l.includes("=")).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
  };
  const status = async (): Promise<AgentStatus | null> => {
    const r = await c.exec(["wsl-vpn-agent", "status", "--json"]);
    return r.ok ? (JSON.parse(r.stdout) as AgentStatus) : null;
  };
  /** Polls until `check` holds (a state reached, not a time waited); fails with the unit's log tail. */
  const until = <T>(what: string, probe: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 60_000): Promise<T> =>
    pollUntil(probe, check, {
      timeoutMs,
      intervalMs: 100,
      failure: async (v, why) => {
        const log = await c.exec(["journalctl", "-u", UNIT, "-n", "30", "--no-pager", "-o", "cat"]);
        return `waiting for ${what}: ${why}; last: ${JSON.stringify(v)?.slice(0, 600)}\n${log.stdout}`;
      },
    });
  const untilState = (state: RegExp, and: (s: AgentStatus) => boolean = () => true): Promise<AgentStatus | null> =>
    until(`state ${String(state)}`, status, (s) => s !== null && state.test(s.state) && and(s));
  const windowsShows = (vpn: SimVpn | null): Promise<void> => c.writeFile(WIN, `${snapshotLine(vpn)}\n`);
  const eth0Mtu = async (): Promise<number> => (JSON.parse((await lab.exec("wsl", ["ip", "-j", "link", "show", "dev", "eth0"])).stdout) as Array<{ mtu: number }>)[0]?.mtu ?? -1;
  const journalRecords = async (): Promise<JournalRecord[]> =>
    (await c.run(["cat", "/var/lib/wsl-vpn-agent/journal.jsonl"])).split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as JournalRecord);

  beforeAll(async () => {
    const rootfs = process.env.WVA_TEST_ROOTFS ?? (await testRootfs());
    c = await Container.boot({ name, rootfs, binds: [[process.execPath, "/usr/local/bin/node"], [repo, SRC]] });
    netnsInode = (await stat(`/proc/${c.leader}/ns/net`)).ino;
    lab = await createLab({ prefix: name, linkMtu: 1400, tcpLimit: 1372, wslNetnsOf: c.leader });
    await c.writeFile("/etc/wsl-vpn-agent/lab-ca.pem", await readFile(lab.caFile, "utf8"));
    await windowsShows(null);
    // The user's own config, written before install (which keeps an existing config).
    const config = {
      interface: "eth0",
      windows: { watchCommand: ["/usr/bin/wsl-vpn-agent", "lab", "windows", "--file", WIN] },
      settle: { quietMs: 200, maxWaitMs: 1000 },
      verify: { url: lab.url, caFile: "/etc/wsl-vpn-agent/lab-ca.pem", timeoutMs: 3000 },
      probe: { timeoutMs: 2000 },
    };
    await c.writeFile("/etc/wsl-vpn-agent/config.json", `${JSON.stringify(config, null, 2)}\n`);
    // Only the watchdog's interval is shortened, so a hang is caught in seconds; the hardening is the shipped one.
    await c.writeFile(`/etc/systemd/system/${UNIT}.service.d/test-watchdog.conf`, "[Service]\nWatchdogSec=3s\n");
    // The user the docs name: one with sudo (a WSL distribution's default user).
    await c.run(["useradd", "--create-home", "dev"]);
    await c.writeFile("/etc/sudoers.d/dev", "dev ALL=(ALL) NOPASSWD: ALL\n", 0o440);
    // sudo looks its host name up; without a network that waits for DNS unless /etc/hosts knows it.
    const host = (await c.run(["hostname"])).trim();
    await c.writeFile("/etc/hosts", `127.0.0.1 localhost\n127.0.1.1 ${host}\n`);
  });
  afterAll(async () => {
    await lab?.destroy();
    await c?.destroy();
  });

  it("`install` as a user runs it: enabled and started, and `systemctl start` returns only after READY", async () => {
    const out = await c.run(["node", `${SRC}/dist/cli.js`, "install"]);
    expect(out).toMatch(/^enabled and started wsl-vpn-agent\.service$/m);
    // install's `enable --now` waited for READY=1: the agent had acted on Windows' first snapshot.
    expect(await show("ActiveState", "SubState", "Type")).toEqual({ ActiveState: "active", SubState: "running", Type: "notify" });
    const s = await status();
    expect(s?.watcher.snapshots).toBeGreaterThanOrEqual(1);
    expect((await journalRecords()).some((r) => r.event.type === "network.settled")).toBe(true);

    await c.run(["systemctl", "restart", UNIT]);
    expect(await show("ActiveState", "SubState")).toEqual({ ActiveState: "active", SubState: "running" });
    const records = await journalRecords();
    const lastStart = records.findLastIndex((r) => r.event.type === "xstate.init");
    expect(records.slice(lastStart).some((r) => r.event.type === "network.settled")).toBe(true);
  });

  it("probes, applies and verifies from inside the sandbox with every hardening option in force", async () => {
    const { MainPID } = await show("MainPID");
    const proc = await c.run(["cat", `/proc/${MainPID}/status`]); // the container's pid namespace
    // CAP_NET_ADMIN (12) and CAP_NET_RAW (13) only, seccomp filter on, no new privileges.
    expect(proc).toMatch(/^CapEff:\s+0+3000$/m);
    expect(proc).toMatch(/^Seccomp:\s+2$/m);
    expect(proc).toMatch(/^NoNewPrivs:\s+1$/m);

    await windowsShows(anyConnect);
    const s = await untilState(/^Applied/, (x) => x.appliedMtu === 1372);
    expect(await eth0Mtu()).toBe(1372);
    const probe = s?.lastProbe;
    if (probe === null || probe === undefined) throw new Error("no probe in the status");
    // Parallel: `ip rule … ipproto 6` worked without /etc/protocols (the root has no netbase).
    expect(probe.evidence.method).toBe("parallel");
    // ping ran inside the seccomp filter and gave its hint.
    expect(probe.evidence.icmp).toMatchObject({ low: expect.any(Number), high: expect.any(Number) });
    expect((probe.evidence.notes ?? []).join("\n")).not.toMatch(/cannot run/);
    expect(await leftovers(lab)).toEqual([]);
  });

  it("`wsl-vpn-agent status` works for the user the docs name (with sudo), and says why not without", async () => {
    const withSudo = await c.exec(["sudo", "wsl-vpn-agent", "status"], { user: "dev" });
    expect(withSudo.exitCode, withSudo.stderr).toBe(0);
    expect(withSudo.stdout).toMatch(/^state\s+Applied\.steady$/m);
    const without = await c.exec(["wsl-vpn-agent", "status"], { user: "dev" });
    expect(without.exitCode).toBe(77);
    expect(without.stderr).toMatch(/permission denied on \/run\/wsl-vpn-agent\/status\.sock/);
  });

  it("watchdog pings arrive; an agent stopped with SIGSTOP is killed by the watchdog and restarted", async () => {
    const first = await show("WatchdogTimestampMonotonic", "MainPID", "NRestarts");
    await until("a watchdog ping", () => show("WatchdogTimestampMonotonic"), (p) => p.WatchdogTimestampMonotonic !== first.WatchdogTimestampMonotonic);
    await c.run(["systemctl", "kill", "--kill-whom=main", "--signal=SIGSTOP", UNIT]);
    const after = await until("the restart after the watchdog", () => show("NRestarts", "MainPID", "ActiveState", "SubState"), (p) => Number(p.NRestarts) > Number(first.NRestarts) && p.ActiveState === "active" && p.SubState === "running");
    expect(after.MainPID).not.toBe(first.MainPID);
    expect(await c.run(["journalctl", "-u", UNIT, "--no-pager", "-o", "cat"])).toMatch(/Watchdog timeout/);
    await untilState(/^Applied/, (x) => x.appliedMtu === 1372);
  });

  it("`systemctl kill -s KILL` during a probe: restarted, no rules or routes left, the right end state", async () => {
    const before = await show("NRestarts");
    await windowsShows(paloAlto);
    await until("the probe's rules", () => leftovers(lab), (l) => l.length > 0);
    await c.run(["systemctl", "kill", "--signal=SIGKILL", UNIT]);
    await until("the restart", () => show("NRestarts", "ActiveState"), (p) => Number(p.NRestarts) > Number(before.NRestarts) && p.ActiveState === "active");
    const s = await untilState(/^Applied/, (x) => x.appliedMtu === 1372 && x.vpn?.name === paloAlto.name);
    expect(s?.counters.events).toBeGreaterThan(0);
    expect(await eth0Mtu()).toBe(1372);
    expect(await leftovers(lab)).toEqual([]);
  });

  it("`journalctl -u wsl-vpn-agent -p warning` shows the agent's warnings and nothing else", async () => {
    await c.writeFile(WIN, `not json at all\n${snapshotLine(paloAlto)}\n`);
    await until("the bad line counted", status, (s) => (s?.counters.badWatcherLines ?? 0) > 0);
    const entries = (await c.run(["journalctl", "-u", UNIT, "-p", "warning", "-o", "json", "--no-pager"]))
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => JSON.parse(l) as Record<string, string>);
    const agent = entries.filter((e) => e.SYSLOG_IDENTIFIER !== "systemd");
    expect(agent.length).toBeGreaterThan(0);
    for (const e of agent) {
      const line = JSON.parse(e.MESSAGE ?? "") as { level: number; msg: string };
      expect(line.level, line.msg).toBeGreaterThanOrEqual(40);
      expect(Number(e.PRIORITY)).toBeLessThanOrEqual(4);
    }
    expect(agent.map((e) => e.MESSAGE).join("\n")).toMatch(/ignored a bad watcher line: not JSON/);
    // Its info lines are in the journal, at their own priority, not among the warnings.
    expect(await c.run(["journalctl", "-u", UNIT, "-p", "info", "-o", "cat", "--no-pager"])).toMatch(/agent started/);
    expect(agent.map((e) => e.MESSAGE).join("\n")).not.toMatch(/agent started/);
  });

  it("`systemd-analyze security` rates the unit's exposure at most 4.0", async () => {
    const r = await c.exec(["systemd-analyze", "security", "--no-pager", UNIT]);
    const level = /Overall exposure level for wsl-vpn-agent\.service: (\d+\.\d+)/.exec(r.stdout)?.[1];
    expect(level, r.stdout.slice(-400)).toBeDefined();
    expect(Number(level)).toBeLessThanOrEqual(4.0);
  });

  it("`systemctl stop` restores the baseline and leaves the unit inactive, not failed", async () => {
    expect(await eth0Mtu()).toBe(1372);
    await c.run(["systemctl", "stop", UNIT]);
    expect(await show("ActiveState", "Result")).toEqual({ ActiveState: "inactive", Result: "success" });
    expect(await eth0Mtu()).toBe(1500);
    expect(await leftovers(lab)).toEqual([]);
    expect(await c.run(["journalctl", "-u", UNIT, "-n", "20", "--no-pager", "-o", "cat"])).toMatch(/"mtu":1500,"msg":"agent stopped"/);
  });

  it("`uninstall` leaves no unit, process or file it owned; `--purge` also removes config and journal", async () => {
    await c.run(["systemctl", "start", UNIT]);
    const out = await c.run(["wsl-vpn-agent", "uninstall"]);
    expect(out).toMatch(/stopped and disabled wsl-vpn-agent\.service/);
    expect(await show("LoadState")).toEqual({ LoadState: "not-found" });
    for (const path of ["/usr/lib/systemd/system/wsl-vpn-agent.service", "/usr/lib/wsl-vpn-agent", "/usr/bin/wsl-vpn-agent", "/etc/systemd/system/multi-user.target.wants/wsl-vpn-agent.service"]) {
      expect((await c.exec(["test", "-e", path])).exitCode, path).toBe(1);
    }
    expect((await c.exec(["pgrep", "-f", "wsl-vpn-agent/cli.js"])).stdout).toBe("");
    expect((await c.exec(["test", "-f", "/var/lib/wsl-vpn-agent/journal.jsonl"])).exitCode).toBe(0);
    expect(await eth0Mtu()).toBe(1500);

    const purge = await c.run(["node", `${SRC}/dist/cli.js`, "uninstall", "--purge"]);
    expect(purge).toMatch(/removed \/var\/lib\/wsl-vpn-agent/);
    for (const path of ["/var/lib/wsl-vpn-agent", "/etc/wsl-vpn-agent"]) expect((await c.exec(["test", "-e", path])).exitCode, path).toBe(1);
  });

  it("teardown leaves no mount, process, cgroup or namespace behind", async () => {
    await lab.destroy();
    await c.destroy();
    expect(c.leftovers()).toEqual([]);
    expect((await readFile("/proc/self/mountinfo", "utf8")).includes(name)).toBe(false);
    const holders: string[] = [];
    for (const pid of await import("node:fs/promises").then((fs) => fs.readdir("/proc"))) {
      if (!/^\d+$/.test(pid)) continue;
      const ino = await stat(`/proc/${pid}/ns/net`).then((s) => s.ino, () => 0);
      if (ino === netnsInode) holders.push(pid);
    }
    expect(holders).toEqual([]);
  });

  it("teardown after a crash (nspawn killed) still leaves nothing behind", async () => {
    const rootfs = process.env.WVA_TEST_ROOTFS ?? (await testRootfs());
    const crashed = await Container.boot({ name: `${name}x`, rootfs, binds: [] });
    process.kill(crashed.leader, "SIGKILL"); // the container's init dies: nspawn ends abruptly
    await crashed.destroy();
    expect(crashed.leftovers()).toEqual([]);
  });
});
