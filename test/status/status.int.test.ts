import { execa } from "execa";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AgentStatus } from "../../src/status/contract.js";
import { formatStatus } from "../../src/status/formatStatus.js";
import { serveStatus } from "../../src/status/server.js";
import { cliPath, runCliProcess } from "../support/cli.js";
import { isRoot } from "../support/root.js";
import { useTmpDir } from "../support/tmp.js";

const tmp = useTmpDir();

const sample: AgentStatus = {
  state: "Applied.steady",
  vpn: { name: "Ethernet 3", description: "Cisco AnyConnect", mtuHint: 1400 },
  interface: "eth0",
  mtu: 1372,
  baseline: 1500,
  appliedMtu: 1372,
  lastError: null,
  lastProbe: { ok: true, mtu: 1372, iface: "eth0", at: "2026-11-25T10:00:00.000Z", evidence: { method: "parallel", rounds: 2, durationMs: 2100, sizes: [] } },
  counters: { badWatcherLines: 1, watcherRestarts: 2, rollbacks: 3, events: 40 },
  watcher: { running: true, restarts: 2, snapshots: 5, badLines: 1, lastBadLine: null, lastError: null, nextRestartMs: null },
  dryRun: false,
  startedAt: "2026-11-25T09:59:00.000Z",
  uptimeS: 60,
  pid: 4242,
  journal: "/var/lib/wsl-vpn-agent/journal.jsonl",
  recent: [],
};

describe("status", () => {
  it("exits 3 and says so when no agent answers", async () => {
    const r = await runCliProcess(["status", "--socket", join(await tmp(), "none.sock")]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/no agent is running \(no agent socket at .*none\.sock\)/);
  });

  it("prints the running agent's status, as text and as JSON, from a socket of mode 0660", async () => {
    const socket = join(await tmp(), "status.sock");
    const server = await serveStatus(socket, () => sample);
    try {
      expect((await stat(socket)).mode & 0o777).toBe(0o660);
      const json = await runCliProcess(["status", "--json", "--socket", socket]);
      expect(json.code).toBe(0);
      expect(JSON.parse(json.stdout)).toEqual(sample);
      const text = await runCliProcess(["status", "--socket", socket]);
      expect(text.code).toBe(0);
      expect(text.stdout).toMatch(/^state\s+Applied\.steady$/m);
      expect(text.stdout).toMatch(/^mtu\s+eth0 1372 \(baseline 1500, verified 1372\)$/m);
      expect(text.stdout).toMatch(/3 rollbacks, 2 watcher restarts, 1 bad watcher lines/);
    } finally {
      await server.close();
    }
  });

  it("says why the last probe failed, from the evidence it collected", async () => {
    const socket = join(await tmp(), "status.sock");
    const failed: AgentStatus = {
      ...sample,
      state: "Degraded",
      lastProbe: {
        ok: false,
        kind: "noSizeCarried",
        reason: "no candidate size carried TLS",
        at: "2026-11-25T10:05:00.000Z",
        evidence: {
          method: "parallel",
          rounds: 1,
          durationMs: 2_000,
          sizes: [
            { mtu: 1300, pass: false, attempts: 1, round: 1, ms: 2_000, reason: "timeout" },
            { mtu: 1280, pass: false, attempts: 2, round: 1, ms: 12, reason: "connection reset" },
            { mtu: 1290, pass: false, attempts: 1, round: 1, ms: 2_000, reason: "timeout" },
          ],
        },
      },
    };
    const server = await serveStatus(socket, () => failed);
    try {
      const text = await runCliProcess(["status", "--socket", socket]);
      expect(text.stdout).toMatch(
        /^last probe\s+failed: no candidate size carried TLS at 2026-11-25T10:05:00.000Z \(3 sizes in 1 round, 2000 ms, parallel; none passed; failed: 2 timeout, 1 connection reset\)$/m,
      );
    } finally {
      await server.close();
    }
  });

  it("refuses to start a second status server on a socket an agent still answers", async () => {
    const socket = join(await tmp(), "status.sock");
    const server = await serveStatus(socket, () => sample);
    try {
      await expect(serveStatus(socket, () => sample)).rejects.toThrow(/another agent is already serving status/);
    } finally {
      await server.close();
    }
  });

  it.skipIf(!isRoot)("exits 77, not 3, when the socket may not be opened", async () => {
    const dir = await tmp();
    const socket = join(dir, "status.sock");
    const server = await serveStatus(socket, () => sample);
    try {
      // nobody (65534) is outside the socket's root:root 0660.
      const r = await execa(process.execPath, [cliPath, "status", "--socket", socket], { reject: false, uid: 65534, gid: 65534 });
      expect(r.exitCode).toBe(77);
      expect(String(r.stderr)).toContain(`permission denied on ${socket}`);
    } finally {
      await server.close();
    }
  });

  it("the VPN row adds nothing for a full tunnel, and lists a split tunnel's first prefixes", () => {
    const row = (tunnel: NonNullable<AgentStatus["vpn"]>["tunnel"]) =>
      formatStatus({ ...sample, vpn: { name: "Ethernet 3", description: "Cisco AnyConnect", mtuHint: 1400, tunnel } }).split("\n").find((l) => l.startsWith("vpn"));
    expect(row(undefined)).toBe("vpn         Ethernet 3 (Cisco AnyConnect), Windows MTU 1400");
    expect(row({ kind: "full" })).toBe("vpn         Ethernet 3 (Cisco AnyConnect), Windows MTU 1400");
    const prefixes = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "198.18.2.0/24", "198.18.3.0/24"];
    expect(row({ kind: "split", prefixes })).toBe(
      "vpn         Ethernet 3 (Cisco AnyConnect), Windows MTU 1400, split tunnel: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 198.18.2.0/24 and 1 more",
    );
  });

  it("a routes row appears only while the agent holds routes (apply.scope routes), bounded like the VPN row", () => {
    const row = (routes: AgentStatus["routes"]) => formatStatus({ ...sample, routes }).split("\n").find((l) => l.startsWith("routes"));
    expect(row(undefined)).toBeUndefined();
    expect(row(null)).toBeUndefined();
    expect(row({ prefixes: ["198.19.0.0/24"], mtu: 1372 })).toBe("routes      198.19.0.0/24 mtu 1372 (ip route show proto 158)");
    const many = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "198.18.2.0/24", "198.18.3.0/24"];
    expect(row({ prefixes: many, mtu: 1372 })).toBe("routes      10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 198.18.2.0/24 and 1 more mtu 1372 (ip route show proto 158)");
  });

  it("a tunnels row names the tunnels up, and says when none carries the target", () => {
    const tailscale = { name: "Tailscale", description: "Tailscale Tunnel", mtuHint: 1280, tunnel: { kind: "split" as const, prefixes: ["100.64.0.0/10"] } };
    const row = (s: Partial<AgentStatus>) => formatStatus({ ...sample, ...s }).split("\n").find((l) => l.startsWith("tunnels"));
    expect(row({})).toBeUndefined();
    expect(row({ vpn: null, tunnels: [tailscale], target: { url: "https://corp.example/", address: "198.19.0.2" } })).toBe(
      "tunnels     \"Tailscale\" (split tunnel: 100.64.0.0/10); none carries https://corp.example/ (198.19.0.2): nothing applied for it",
    );
    expect(row({ vpn: { name: "Ethernet 3", description: "Cisco AnyConnect", mtuHint: 1400 }, tunnels: [tailscale, { name: "Ethernet 3", description: "Cisco AnyConnect", mtuHint: 1400 }] })).toBe(
      "tunnels     \"Tailscale\" (split tunnel: 100.64.0.0/10), \"Ethernet 3\"",
    );
  });

  it("safe route rows say the tunnels' values are their adapters' Windows MTU, not probed, and name what was left alone", () => {
    const rows = (tunnelRoutes: AgentStatus["tunnelRoutes"]) => formatStatus({ ...sample, tunnelRoutes }).split("\n").filter((l) => l.startsWith("safe route"));
    expect(rows(undefined)).toEqual([]);
    expect(rows(null)).toEqual([]);
    const tailnet = [
      { prefix: "198.19.100.100/32", mtu: 1280, tunnels: ["Tailscale"] },
      { prefix: "198.19.64.0/18", mtu: 1280, tunnels: ["Tailscale"] },
      { prefix: "198.19.1.0/24", mtu: 1360, tunnels: ["Ethernet 5"] },
    ];
    expect(rows({ source: "adapter", routes: tailnet, notOwned: ["198.18.0.0/24"] })).toEqual([
      "safe route  198.19.100.100/32, 198.19.64.0/18 mtu 1280 (Tailscale: the adapter's Windows MTU, not probed)",
      "safe route  198.19.1.0/24 mtu 1360 (Ethernet 5: the adapter's Windows MTU, not probed)",
      "safe route  198.18.0.0/24 left alone: someone else's route holds it",
    ]);
  });
});
