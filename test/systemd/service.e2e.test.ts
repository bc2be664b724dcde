import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anyConnect, type SimVpn } from "../support/agentLab.js";
import { Container, skipNspawn, testRootfs } from "../support/nspawn.js";
import { buildPackages, EVERYTHING, PKG, ServiceLab, UNIT } from "../support/serviceLab.js";

// The .deb under a real systemd 252 (Debian bookworm booted with systemd-nspawn), in a root with no
// Node at all. The container's network namespace is the lab's WSL side; the user installs the
// package with apt from a file, offline, edits the config, upgrades, removes and purges it. The
// agent runs in the unit's sandbox with all its hardening (only WatchdogSec is shortened).
const paloAlto: SimVpn = { name: "Ethernet 4", description: "PANGP Virtual Ethernet Adapter", mtu: 1400 };
const { version } = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
// Lower than any release; "~" (Debian's "before") would do, but apt mangles it in a file name.
const OLDER = "0.0.0";
// The container has no route out of the lab: apt cannot download, so it installs from the file or fails.
const apt = (s: ServiceLab, ...args: string[]) => s.c.exec(["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "-y", ...args], { timeoutMs: 180_000 });

describe.skipIf(skipNspawn)("the .deb under real systemd (nspawn), in a root without Node", () => {
  const name = `wvasd${process.pid.toString(36)}`;
  let dir = "";
  let debs: { older: string; current: string } = { older: "", current: "" };
  let s: ServiceLab;
  let userConfig = "";

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "wva-debs-"));
    // The same tree twice: the release's version, and a lower one to upgrade from.
    const [older] = await buildPackages(["--version", OLDER, "--out", dir, "deb-x64"]);
    const [current] = await buildPackages(["--out", dir, "deb-x64"]);
    debs = { older: `${PKG}/${basename(older ?? "")}`, current: `${PKG}/${basename(current ?? "")}` };
    s = await ServiceLab.start(name, dir);
    // The user the docs name: one with sudo (a WSL distribution's default user).
    await s.c.run(["useradd", "--create-home", "dev"]);
    await s.c.writeFile("/etc/sudoers.d/dev", "dev ALL=(ALL) NOPASSWD: ALL\n", 0o440);
    // sudo looks its host name up; without a network that waits for DNS unless /etc/hosts knows it.
    const host = (await s.c.run(["hostname"])).trim();
    await s.c.writeFile("/etc/hosts", `127.0.0.1 localhost\n127.0.1.1 ${host}\n`);
  }, 1_200_000);
  afterAll(async () => {
    await s?.destroy();
    if (dir !== "") await rm(dir, { recursive: true, force: true });
  });

  it("the root has no Node: the package brings everything the agent runs", async () => {
    expect((await s.c.exec(["sh", "-c", "command -v node nodejs"])).exitCode).not.toBe(0);
    expect((await s.c.exec(["dpkg-query", "-W", "nodejs"])).exitCode).not.toBe(0);
  });

  it("`apt install ./…deb` from a file, offline: enabled, started, and `systemctl start` returned only after READY", async () => {
    const r = await apt(s, "install", debs.older);
    expect(r.exitCode, r.stderr + r.stdout).toBe(0);
    expect((await s.c.run(["dpkg-query", "-W", "-f", "${Version} ${Status}", "wsl-vpn-agent"]))).toBe(`${OLDER} install ok installed`);
    expect(await s.show("ActiveState", "SubState", "Type", "UnitFileState")).toEqual({ ActiveState: "active", SubState: "running", Type: "notify", UnitFileState: "enabled" });
    expect(await s.show("ExecStart")).toMatchObject({ ExecStart: expect.stringContaining("path=/usr/bin/wsl-vpn-agent ; argv[]=/usr/bin/wsl-vpn-agent run ;") });
    // READY=1 came after the agent acted on Windows' first snapshot (from the default config's powershell.exe).
    expect((await s.status())?.watcher.snapshots).toBeGreaterThanOrEqual(1);
    expect((await s.journalRecords()).some((r) => r.event.type === "network.settled")).toBe(true);
  });

  it("an upgrade keeps the user's changed config and restarts the service", async () => {
    userConfig = await s.writeLabConfig();
    await s.c.run(["systemctl", "restart", UNIT]);
    const before = await s.show("MainPID");
    const r = await apt(s, "install", debs.current);
    expect(r.exitCode, r.stderr + r.stdout).toBe(0);
    expect((await s.c.run(["dpkg-query", "-W", "-f", "${Version}", "wsl-vpn-agent"]))).toBe(version);
    expect(await s.c.run(["cat", "/etc/wsl-vpn-agent/config.json"])).toBe(userConfig.trimEnd());
    const after = await s.show("MainPID", "ActiveState", "SubState");
    expect(after).toMatchObject({ ActiveState: "active", SubState: "running" });
    expect(after.MainPID).not.toBe(before.MainPID);
    const records = await s.journalRecords();
    expect(records.filter((x) => x.event.type === "xstate.init").length).toBeGreaterThanOrEqual(3);
  });

  it("probes, applies the exact MTU and verifies from inside the sandbox with every hardening option in force", async () => {
    const { MainPID } = await s.show("MainPID");
    const proc = await s.c.run(["cat", `/proc/${MainPID}/status`]); // the container's pid namespace
    // CAP_NET_ADMIN (12) and CAP_NET_RAW (13) only, seccomp filter on, no new privileges.
    expect(proc).toMatch(/^CapEff:\s+0+3000$/m);
    expect(proc).toMatch(/^Seccomp:\s+2$/m);
    expect(proc).toMatch(/^NoNewPrivs:\s+1$/m);

    await s.windowsShows(anyConnect);
    const st = await s.untilState(/^Applied/, (x) => x.appliedMtu === 1372);
    expect(await s.eth0Mtu()).toBe(1372);
    const probe = st?.lastProbe;
    if (probe === null || probe === undefined) throw new Error("no probe in the status");
    // Parallel: `ip rule … ipproto 6` worked without /etc/protocols (the root has no netbase).
    expect(probe.evidence.method).toBe("parallel");
    // ping ran inside the seccomp filter and gave its hint.
    expect(probe.evidence.icmp).toMatchObject({ low: expect.any(Number), high: expect.any(Number) });
    expect((probe.evidence.notes ?? []).join("\n")).not.toMatch(/cannot run/);
    expect(await s.probeLeftovers()).toEqual([]);
  });

  it("`wsl-vpn-agent status` works for the user the docs name (with sudo), and says why not without", async () => {
    const withSudo = await s.c.exec(["sudo", "wsl-vpn-agent", "status"], { user: "dev" });
    expect(withSudo.exitCode, withSudo.stderr).toBe(0);
    expect(withSudo.stdout).toMatch(/^state\s+Applied\.steady$/m);
    const without = await s.c.exec(["wsl-vpn-agent", "status"], { user: "dev" });
    expect(without.exitCode).toBe(77);
    expect(without.stderr).toMatch(/permission denied on \/run\/wsl-vpn-agent\/status\.sock/);
  });

  it("`wsl-vpn-agent doctor` runs and finds the package's tools and unit", async () => {
    const { checks } = await s.doctor();
    expect(checks.find((c) => c.id === "tools")).toMatchObject({ status: "ok" });
    expect(checks.find((c) => c.id === "vsock")).toMatchObject({ status: "ok" });
  });

  it("watchdog pings arrive; an agent stopped with SIGSTOP is killed by the watchdog and restarted", async () => {
    const first = await s.show("WatchdogTimestampMonotonic", "MainPID", "NRestarts");
    await s.until("a watchdog ping", () => s.show("WatchdogTimestampMonotonic"), (p) => p.WatchdogTimestampMonotonic !== first.WatchdogTimestampMonotonic);
    await s.c.run(["systemctl", "kill", "--kill-whom=main", "--signal=SIGSTOP", UNIT]);
    const after = await s.until("the restart after the watchdog", () => s.show("NRestarts", "MainPID", "ActiveState", "SubState"), (p) => Number(p.NRestarts) > Number(first.NRestarts) && p.ActiveState === "active" && p.SubState === "running");
    expect(after.MainPID).not.toBe(first.MainPID);
    expect(await s.c.run(["journalctl", "-u", UNIT, "--no-pager", "-o", "cat"])).toMatch(/Watchdog timeout/);
    await s.untilState(/^Applied/, (x) => x.appliedMtu === 1372);
  });

  it("`systemctl kill -s KILL` during a probe: restarted, no rules or routes left, the right end state", async () => {
    const before = await s.show("NRestarts");
    await s.windowsShows(paloAlto);
    await s.until("the probe's rules", () => s.probeLeftovers(), (l) => l.length > 0);
    await s.c.run(["systemctl", "kill", "--signal=SIGKILL", UNIT]);
    await s.until("the restart", () => s.show("NRestarts", "ActiveState"), (p) => Number(p.NRestarts) > Number(before.NRestarts) && p.ActiveState === "active");
    const st = await s.untilState(/^Applied/, (x) => x.appliedMtu === 1372 && x.vpn?.name === paloAlto.name);
    expect(st?.counters.events).toBeGreaterThan(0);
    expect(await s.eth0Mtu()).toBe(1372);
    expect(await s.probeLeftovers()).toEqual([]);
  });

  it("`journalctl -u wsl-vpn-agent -p warning` shows the agent's warnings and nothing else", async () => {
    await s.c.writeFile("/srv/lab/win.json", `not json at all\n${(await s.c.run(["cat", "/srv/lab/win.json"])).trim()}\n`);
    await s.until("the bad line counted", () => s.status(), (x) => (x?.counters.badWatcherLines ?? 0) > 0);
    const entries = (await s.c.run(["journalctl", "-u", UNIT, "-p", "warning", "-o", "json", "--no-pager"]))
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
    expect(await s.c.run(["journalctl", "-u", UNIT, "-p", "info", "-o", "cat", "--no-pager"])).toMatch(/agent started/);
    expect(agent.map((e) => e.MESSAGE).join("\n")).not.toMatch(/agent started/);
  });

  it("`systemd-analyze security` rates the unit's exposure at most 4.0", async () => {
    const r = await s.c.exec(["systemd-analyze", "security", "--no-pager", UNIT]);
    const level = /Overall exposure level for wsl-vpn-agent\.service: (\d+\.\d+)/.exec(r.stdout)?.[1];
    expect(level, r.stdout.slice(-400)).toBeDefined();
    expect(Number(level)).toBeLessThanOrEqual(4.0);
  });

  it("`systemctl stop` restores the baseline and leaves the unit inactive, not failed", async () => {
    await s.untilState(/^Applied/, (x) => x.appliedMtu === 1372);
    await s.c.run(["systemctl", "stop", UNIT]);
    expect(await s.show("ActiveState", "Result")).toEqual({ ActiveState: "inactive", Result: "success" });
    expect(await s.eth0Mtu()).toBe(1500);
    expect(await s.agentLeftovers()).toEqual([]);
    expect(await s.c.run(["journalctl", "-u", UNIT, "-n", "20", "--no-pager", "-o", "cat"])).toMatch(/"mtu":1500,"msg":"agent stopped"/);
  });

  it("`apt remove` stops the agent first (the MTU restored, nothing of its own left) and keeps the config and journal", async () => {
    await s.c.run(["systemctl", "start", UNIT]);
    await s.untilState(/^Applied/, (x) => x.appliedMtu === 1372);
    const r = await apt(s, "remove", "wsl-vpn-agent");
    expect(r.exitCode, r.stderr + r.stdout).toBe(0);
    expect(await s.eth0Mtu()).toBe(1500);
    expect(await s.agentLeftovers()).toEqual([]);
    expect((await s.c.exec(["pgrep", "-x", "wsl-vpn-agent"])).stdout).toBe("");
    expect(await s.existing(["/usr/bin/wsl-vpn-agent", `/usr/lib/systemd/system/${UNIT}.service`])).toEqual([]);
    expect(await s.c.run(["cat", "/etc/wsl-vpn-agent/config.json"])).toBe(userConfig.trimEnd());
    expect(await s.existing(["/var/lib/wsl-vpn-agent/journal.jsonl", "/etc/binfmt.d/WSLInterop.conf"])).toHaveLength(2);
  });

  it("`apt purge` leaves nothing: no package, config, state, unit, binfmt file, rules, routes or nftables table", async () => {
    const r = await apt(s, "purge", "wsl-vpn-agent");
    expect(r.exitCode, r.stderr + r.stdout).toBe(0);
    expect((await s.c.exec(["dpkg", "-L", "wsl-vpn-agent"])).exitCode).not.toBe(0);
    expect(await s.existing(EVERYTHING)).toEqual([]);
    expect(await s.show("LoadState")).toEqual({ LoadState: "not-found" });
    expect(await s.agentLeftovers()).toEqual([]);
  });

  it("teardown leaves no mount, process, cgroup or namespace behind", async () => {
    await s.destroy();
    expect(s.c.leftovers()).toEqual([]);
    expect((await readFile("/proc/self/mountinfo", "utf8")).includes(name)).toBe(false);
    expect(await s.netnsHolders()).toEqual([]);
  });

  it("teardown after a crash (nspawn killed) still leaves nothing behind", async () => {
    const crashed = await Container.boot({ name: `${name}x`, rootfs: process.env.WVA_TEST_ROOTFS ?? (await testRootfs()), binds: [] });
    process.kill(crashed.leader, "SIGKILL"); // the container's init dies: nspawn ends abruptly
    await crashed.destroy();
    expect(crashed.leftovers()).toEqual([]);
  });
});
