import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { createLab, type Lab } from "../../src/lab/createLab.js";
import { verifyHttps } from "../../src/effects/verifyHttps.js";
import { skipE2e } from "../support/root.js";
import { useLab } from "../support/lab.js";

const ping = (lab: Lab, size: number) => lab.exec("wsl", ["ping", "-n", "-q", "-M", "do", "-c", "1", "-W", "1", "-s", String(size - 28), lab.addresses.server]);

describe.skipIf(skipE2e)("the lab reproduces a black hole", () => {
  const l = useLab({ linkMtu: 1400, tcpLimit: 1337 });

  it("uses 198.18.0.0/15 addresses and a per-run prefix", () => {
    for (const a of Object.values(l().addresses)) expect(a).toMatch(/^198\.1[89]\./);
    expect(l().ns.wsl.startsWith(l().prefix)).toBe(true);
  });

  it("carries ICMP up to the link MTU and silently drops above it", async () => {
    expect((await ping(l(), 1400)).ok).toBe(true);
    expect((await ping(l(), 1401)).ok).toBe(false);
  });

  it("HTTPS hangs at the default MTU and works once the interface MTU fits the TCP limit", async () => {
    const v = { url: l().url, caFile: l().caFile, timeoutMs: 2000, netns: l().ns.wsl };
    expect((await verifyHttps(v)).ok).toBe(false);
    await l().exec("wsl", ["ip", "link", "set", "dev", "eth0", "mtu", "1337"]);
    try {
      expect(await verifyHttps(v)).toMatchObject({ ok: true, httpCode: 200 });
    } finally {
      await l().exec("wsl", ["ip", "link", "set", "dev", "eth0", "mtu", "1500"]);
    }
  });

  it("can stop and restart its server", async () => {
    await l().exec("wsl", ["ip", "link", "set", "dev", "eth0", "mtu", "1300"]);
    try {
      await l().stopServer();
      expect((await verifyHttps({ url: l().url, insecure: true, timeoutMs: 2000, netns: l().ns.wsl })).ok).toBe(false);
      await l().startServer();
      expect((await verifyHttps({ url: l().url, insecure: true, timeoutMs: 2000, netns: l().ns.wsl })).ok).toBe(true);
    } finally {
      await l().exec("wsl", ["ip", "link", "set", "dev", "eth0", "mtu", "1500"]);
    }
  });

  it("destroy removes every namespace", async () => {
    const other = await createLab({ linkMtu: 1400 });
    await other.destroy();
    const list = (await execa("ip", ["netns", "list"])).stdout;
    expect(list).not.toContain(other.prefix);
  });

  it("two labs with one prefix started at the same instant: one is up, the other refused, and its cleanup leaves the first whole", async () => {
    const prefix = `${l().prefix.slice(0, 5)}r${Date.now().toString(36).slice(-2)}`;
    const results = await Promise.allSettled([createLab({ prefix, linkMtu: 1400 }), createLab({ prefix, linkMtu: 1400 })]);
    const up = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    try {
      const refused = results.flatMap((r) => (r.status === "rejected" ? [String(r.reason)] : []));
      expect(up).toHaveLength(1);
      expect(refused).toHaveLength(1);
      expect(refused[0]).toMatch(/a lab is already up/);
      // The refused call has cleaned up by now: the lab that won still has all its namespaces and works.
      const list = (await execa("ip", ["netns", "list"])).stdout;
      for (const ns of Object.values(up[0]?.ns ?? {})) expect(list).toContain(ns);
      expect((await up[0]?.exec("wsl", ["ping", "-n", "-q", "-c", "1", "-W", "2", up[0].addresses.server]))?.ok).toBe(true);
    } finally {
      for (const lab of up) await lab.destroy();
    }
    expect((await execa("ip", ["netns", "list"])).stdout).not.toContain(prefix);
  });
});
