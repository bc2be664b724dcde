import { rm } from "node:fs/promises";
import { dirname } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Lab } from "../../src/lab/createLab.js";
import { verifyHttps } from "../../src/effects/verifyHttps.js";
import { skipE2e } from "../support/root.js";
import { buildCli, labFor } from "../support/lab.js";

const ping = (lab: Lab, size: number) => lab.exec("wsl", ["ping", "-n", "-q", "-M", "do", "-c", "1", "-W", "1", "-s", String(size - 28), lab.addresses.server]);

describe.skipIf(skipE2e)("the lab reproduces a black hole", () => {
  let lab: Lab | undefined;
  const l = (): Lab => lab as Lab;
  beforeAll(async () => {
    await buildCli();
    lab = await labFor({ linkMtu: 1400, tcpLimit: 1337 });
  });
  afterAll(async () => {
    await lab?.destroy();
  });

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
    const other = await labFor({ linkMtu: 1400 });
    await other.destroy();
    const list = (await execa("ip", ["netns", "list"])).stdout;
    expect(list).not.toContain(other.prefix);
  });

  it("`lab demo` tells the story and cleans up", async () => {
    const r = await execa(process.execPath, ["dist/cli.js", "lab", "demo", "--link-mtu", "1400", "--tcp-limit", "1337"], { reject: false });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ping 1401 bytes.*no reply/);
    expect(r.stdout).toMatch(/MTU 1337 on eth0/);
    expect(r.stdout).toMatch(/verified: HTTP 200/);
    expect(r.stdout).toMatch(/lab removed/);
    // The demo keeps its journal for `report`; a test run should not pile them up in /tmp.
    const journal = /^journal: (\S+)/m.exec(r.stdout)?.[1];
    if (journal !== undefined) await rm(dirname(journal), { recursive: true, force: true });
  });
});
