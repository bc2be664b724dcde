import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "../../src/effects/run.js";
import { watcherArgv } from "../../src/sources/watcherCommand.js";
import { loadWatcherScript } from "../../src/sources/watcherScript.js";
import { MAX_ROUTES } from "../../src/windows/routes.js";
import { namesOf, pwshPath, skipPwsh, WatcherRun, writeFixture, type FixtureAdapter, type NetFixture } from "../support/pwsh.js";

// The real watcher.ps1, as the agent sends it (-EncodedCommand built by watcherArgv), in real
// PowerShell 7 with the Windows-only cmdlets stubbed. pwsh runs inside a network namespace this
// file creates: .NET raises NetworkChange from netlink there, so adding an address fires the
// watcher's event for real.
const ns = `wvapw${process.pid.toString(36)}`;
const wifi: FixtureAdapter = { name: "Wi-Fi", description: "Intel(R) Wi-Fi 6 AX201 160MHz", ifIndex: 12, mtu: 1500, interfaceType: 71, routeMetric: 0 };
const anyConnect: FixtureAdapter = { name: "Ethernet 3", description: "Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter", ifIndex: 31, mtu: 1400, virtual: true, routeMetric: 1 };
/** Each call adds a new address in the namespace: a real NetworkAddressChanged. */
let nextHost = 1;
async function addressChange(): Promise<void> {
  const host = nextHost++;
  const r = await runCommand(["ip", "-n", ns, "addr", "add", `198.18.${200 + Math.floor(host / 250)}.${host % 250 + 1}/32`, "dev", "lo"]);
  if (!r.ok) throw new Error(`ip addr add: ${r.stderr}`);
}
const tagged = (tag: string): NetFixture => ({ adapters: [{ ...wifi, name: `Wi-Fi ${tag}` }] });
const showsTag = (tag: string) => (l: Parameters<typeof namesOf>[0]) => namesOf(l)?.[0] === `Wi-Fi ${tag}`;

describe.skipIf(skipPwsh)(`the watcher in real PowerShell (pwsh ${pwshPath ?? "missing"})`, () => {
  let dir = "";
  let fixture = "";
  let script = "";
  const runs: WatcherRun[] = [];
  const start = (heartbeatSeconds: number): WatcherRun => {
    const argv = watcherArgv(script, { powershellPath: pwshPath as string, heartbeatSeconds, coalesceMs: 250 });
    const run = WatcherRun.start(ns, argv, fixture);
    runs.push(run);
    return run;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "wvapw-"));
    fixture = join(dir, "net.json");
    script = await loadWatcherScript();
    for (const argv of [["ip", "netns", "add", ns], ["ip", "-n", ns, "link", "set", "lo", "up"]]) {
      const r = await runCommand(argv);
      if (!r.ok) throw new Error(`${argv.join(" ")}: ${r.stderr}`);
    }
  });
  afterAll(async () => {
    for (const r of runs) r.kill();
    await Promise.all(runs.map((r) => r.child.catch(() => undefined)));
    const pids = await runCommand(["ip", "netns", "pids", ns]);
    for (const pid of pids.stdout.split("\n").filter((p) => /^\d+$/.test(p))) process.kill(Number(pid), "SIGKILL");
    await runCommand(["ip", "netns", "del", ns]);
    await rm(dir, { recursive: true, force: true });
  });

  describe("one watcher, driven by address changes", () => {
    let w: WatcherRun;
    beforeAll(async () => {
      await writeFixture(fixture, { adapters: [wifi, anyConnect] });
      // A heartbeat that never comes during the test: every line here answers a change.
      w = start(3600);
    });

    it("prints a snapshot at start, and one reflecting the fixture after an address change", async () => {
      const first = await w.waitForLine("the first snapshot", (l) => l.decoded.kind === "snapshot", 0, 60_000);
      expect(w.lines[first]?.decoded).toMatchObject({
        kind: "snapshot",
        snapshot: {
          adapters: [
            { name: "Wi-Fi", description: wifi.description, status: "Up", mtu: 1500, defaultRoute: true, metric: 25, interfaceType: 71, virtual: false },
            { name: "Ethernet 3", description: anyConnect.description, status: "Up", mtu: 1400, defaultRoute: true, metric: 26, interfaceType: 6, virtual: true },
          ],
        },
      });
      await writeFixture(fixture, tagged("after"));
      await addressChange();
      await w.waitForLine("the snapshot after the change", showsTag("after"), first + 1);
    });

    it("coalesces a burst: 20 changes within 1 s give at most 3 snapshots", async () => {
      const from = w.lines.length;
      await writeFixture(fixture, tagged("burst"));
      // One `ip -batch`: the 20 changes land within milliseconds, well inside 1 s.
      const lines = Array.from({ length: 20 }, (_, i) => `addr add 198.18.199.${i + 1}/32 dev lo`).join("\n");
      const burst = await runCommand(["ip", "-n", ns, "-batch", "-"], { input: `${lines}\n` });
      expect(burst.ok, burst.stderr).toBe(true);
      await w.waitForLine("the burst's state", showsTag("burst"), from);
      // A fence: one more change after the burst; everything before its snapshot belongs to the burst.
      await writeFixture(fixture, tagged("fence"));
      await addressChange();
      const fence = await w.waitForLine("the fence snapshot", showsTag("fence"), from);
      const snapshots = w.lines.slice(from, fence).filter((l) => l.decoded.kind === "snapshot");
      expect(snapshots.length).toBeGreaterThanOrEqual(1);
      expect(snapshots.length).toBeLessThanOrEqual(3);
    });

    it("a cmdlet that throws gives an {\"error\": …} line, and the watcher goes on", async () => {
      const from = w.lines.length;
      await writeFixture(fixture, { ...tagged("broken"), throw: ["Get-NetAdapter"] });
      await addressChange();
      const i = await w.waitForLine("the error line", (l) => l.text.includes('"error"'), from);
      expect(JSON.parse(w.lines[i]?.text ?? "")).toEqual({ error: expect.stringContaining("Get-NetAdapter failed: simulated CIM failure") });
      // The agent counts it as a bad line, it does not stop on it.
      expect(w.lines[i]?.decoded.kind).toBe("bad");
      await writeFixture(fixture, tagged("healed"));
      await addressChange();
      await w.waitForLine("a snapshot after the failure", showsTag("healed"), i + 1);
    });

    it("names with quotes, backslashes, non-ASCII letters, emoji and control characters come back exactly; one adapter stays an array", async () => {
      const names = ['Say "hi" \'there\'', "C:\\VPN\\tap\\", "Ethernet Ä ß é 中文 Ωμέγα", "VPN 🛡️ 🚀 👩‍💻", "ctl\u0001\u0007\b\t\n\r\u001b[31m\u001f\u007f end", "$(reboot); `whoami` | rm -rf /"];
      const from = w.lines.length;
      await writeFixture(fixture, { adapters: names.map((name, k) => ({ ...wifi, name, description: `d ${name}`, ifIndex: 100 + k })) });
      await addressChange();
      const i = await w.waitForLine("the odd names", (l) => (namesOf(l)?.length ?? 0) === names.length, from);
      expect(namesOf(w.lines[i] as NonNullable<(typeof w.lines)[number]>)).toEqual(names);
      const line = w.lines[i];
      expect(line?.decoded.kind === "snapshot" && line.decoded.snapshot.adapters.map((a) => a.description)).toEqual(names.map((n) => `d ${n}`));

      await writeFixture(fixture, { adapters: [{ ...wifi, name: "only one" }] });
      await addressChange();
      const one = await w.waitForLine("the one-adapter snapshot", (l) => namesOf(l)?.[0] === "only one", i + 1);
      expect((JSON.parse(w.lines[one]?.text ?? "") as { adapters: unknown }).adapters).toEqual([expect.objectContaining({ name: "only one" })]);
    });

    it("reports each adapter's IPv4 routes with effective metrics, without its own host routes, multicast, broadcast or the persistent store", async () => {
      const vpn: FixtureAdapter = {
        ...anyConnect,
        name: "routes",
        routeMetric: undefined,
        addresses: [{ ip: "198.18.8.5", prefixLength: 24 }],
        routes: [
          { prefix: "0.0.0.0/1", metric: 1, nextHop: "198.18.8.1" },
          { prefix: "128.0.0.0/1", metric: 1, nextHop: "198.18.8.1" },
          { prefix: "10.0.0.0/8", metric: 5, nextHop: "198.18.8.1" },
          { prefix: "10.0.0.0/8", metric: 2, nextHop: "198.18.8.1", store: "PersistentStore" },
          { prefix: "198.18.8.0/24", metric: 256 },
          { prefix: "198.18.8.5/32", metric: 256 },
          { prefix: "198.18.8.255/32", metric: 256 },
          { prefix: "224.0.0.0/4", metric: 256 },
          { prefix: "255.255.255.255/32", metric: 256 },
        ],
      };
      const from = w.lines.length;
      await writeFixture(fixture, { adapters: [{ ...wifi, addresses: [{ ip: "198.18.9.7", prefixLength: 24 }], routes: [{ prefix: "198.18.8.5/32", metric: 1 }] }, vpn] });
      await addressChange();
      const i = await w.waitForLine("the routes", (l) => namesOf(l)?.[1] === "routes", from);
      const line = w.lines[i];
      if (line?.decoded.kind !== "snapshot") throw new Error("not a snapshot");
      const [wifiSeen, vpnSeen] = line.decoded.snapshot.adapters;
      // Interface metric 25 added; broadest first, then lowest metric.
      expect(vpnSeen?.routes).toEqual([
        { prefix: "0.0.0.0/1", metric: 26 },
        { prefix: "128.0.0.0/1", metric: 26 },
        { prefix: "10.0.0.0/8", metric: 30 },
        { prefix: "198.18.8.0/24", metric: 281 },
      ]);
      expect(vpnSeen).toMatchObject({ defaultRoute: false });
      // Another adapter's host route to the VPN's address is that adapter's route, not an own address.
      expect(wifiSeen?.routes).toEqual([{ prefix: "0.0.0.0/0", metric: 25 }, { prefix: "198.18.8.5/32", metric: 26 }]);
    });

    it(`keeps at most ${MAX_ROUTES} routes per adapter, the broadest`, async () => {
      const many = Array.from({ length: 300 }, (_, k) => ({ prefix: `10.${k >> 8}.${k & 255}.0/${k < 10 ? 16 : 24}`, metric: 1 }));
      const from = w.lines.length;
      await writeFixture(fixture, { adapters: [{ ...anyConnect, name: "many", routes: many }] });
      await addressChange();
      const i = await w.waitForLine("the capped routes", (l) => namesOf(l)?.[0] === "many", from);
      const line = w.lines[i];
      if (line?.decoded.kind !== "snapshot") throw new Error(`not a snapshot: ${line?.text.slice(0, 200)}`);
      const routes = line.decoded.snapshot.adapters[0]?.routes ?? [];
      expect(routes).toHaveLength(MAX_ROUTES);
      expect(routes.filter((r) => r.prefix.endsWith("/16"))).toHaveLength(10);
    });

    it("exits by itself when stdin closes (code 0, not killed), leaving no process", async () => {
      const exit = await w.closeStdin();
      expect(exit).toMatchObject({ exitCode: 0, signal: undefined });
      expect((await runCommand(["ip", "netns", "pids", ns])).stdout).toBe("");
    });
  });

  it("prints a heartbeat snapshot when nothing changes", async () => {
    await writeFixture(fixture, tagged("quiet"));
    const w = start(1);
    const first = await w.waitForLine("the first snapshot", showsTag("quiet"), 0, 60_000);
    const second = await w.waitForLine("a heartbeat", showsTag("quiet"), first + 1);
    await w.waitForLine("another heartbeat", showsTag("quiet"), second + 1);
    expect((await w.closeStdin()).exitCode).toBe(0);
  });

  it("leaves no .NET IPC file (clr-debug-pipe-*, dotnet-diagnostic-*, CoreFxPipe_*) in the machine's temp directory, also when SIGKILLed", async () => {
    const killed = start(60);
    await killed.waitForLine("the first snapshot", (l) => namesOf(l) !== null, 0, 60_000);
    killed.kill();
    await killed.child.catch(() => undefined);
    const pids = runs.map((r) => r.child.pid).filter((p): p is number => p !== undefined);
    expect(pids.length).toBeGreaterThan(0);
    // Their names carry the pid of the process that made them.
    const ours = (name: string): boolean => /^(clr-debug-pipe-|dotnet-diagnostic-|CoreFxPipe_)/.test(name) && pids.some((pid) => new RegExp(`[-._]${pid}[-._]`).test(name));
    expect((await readdir(tmpdir())).filter(ours)).toEqual([]);
  });
});
