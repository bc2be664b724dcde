import { execa } from "execa";
import { describe, expect, it } from "vitest";
import type { Lab } from "../../src/lab/createLab.js";
import { CORP_B, multiCaFile, TAILNET, TAILNET_PREFIXES } from "../../src/lab/topology/multi.js";
import { INTERNET } from "../../src/lab/topology/split.js";
import { wslUpload } from "../../src/lab/topology/splitUpload.js";
import { useLab } from "../support/lab.js";
import { skipE2e } from "../support/root.js";

/** One server of the multi lab as the test sees it: where, trusted how, what its path carries. */
interface Path {
  readonly name: string;
  readonly address: string;
  readonly url: string;
  readonly trust: (lab: Lab) => { caFile: string } | "insecure";
  /** Largest ICMP packet the path carries (null: the wsl side's own 1500 limits it first). */
  readonly icmp: number | null;
  /** Largest TCP packet the path carries (null: any). */
  readonly tcp: number | null;
}

const PATHS: readonly Path[] = [
  { name: "corporate A", address: "198.19.0.2", url: "https://198.19.0.2/", trust: (l) => ({ caFile: l.caFile }), icmp: 1400, tcp: 1337 },
  { name: "corporate B", address: CORP_B.address, url: CORP_B.url, trust: (l) => ({ caFile: multiCaFile(l, CORP_B) }), icmp: 1360, tcp: 1300 },
  { name: "tailnet", address: TAILNET.address, url: TAILNET.url, trust: (l) => ({ caFile: multiCaFile(l, TAILNET) }), icmp: 1280, tcp: 1280 },
  { name: "internet", address: INTERNET.address, url: INTERNET.url, trust: () => "insecure", icmp: null, tcp: null },
];

const ping = (lab: Lab, address: string, size: number) => lab.exec("wsl", ["ping", "-n", "-q", "-M", "do", "-c", "1", "-W", "1", "-s", String(size - 28), address]);

/** A 64 KiB HTTPS upload (full-size segments both ways: the certificate flight down, the body up). */
const bigTls = async (lab: Lab, p: Path): Promise<boolean> => (await wslUpload(lab, p.url, p.trust(lab), 64 * 1024, 3000)).ok;

/** Runs `body` with a host route of this MTU towards `address` in the wsl namespace, then removes it. */
async function withRouteMtu<T>(lab: Lab, address: string, mtu: number, body: () => Promise<T>): Promise<T> {
  const r = await lab.exec("wsl", ["ip", "route", "add", `${address}/32`, "via", lab.addresses.routerWsl, "dev", "eth0", "mtu", String(mtu)]);
  expect(r.ok, r.stderr).toBe(true);
  try {
    return await body();
  } finally {
    await lab.exec("wsl", ["ip", "route", "del", `${address}/32`]);
  }
}

describe.skipIf(skipE2e)("the multi lab: two corporate black holes, a 1280 tailnet path and the internet, side by side", () => {
  const l = useLab({ topology: "multi", linkMtu: 1400, tcpLimit: 1337 });

  it("stays inside 198.18.0.0/15, the tailnet's stand-in prefixes included", () => {
    for (const p of PATHS) expect(p.address).toMatch(/^198\.1[89]\./);
    for (const prefix of TAILNET_PREFIXES) expect(prefix).toMatch(/^198\.1[89]\./);
  });

  it("reaches every server with small packets and small HTTPS", async () => {
    const results = await Promise.all(PATHS.map(async (p) => [p.name, (await ping(l(), p.address, 100)).ok, (await wslUpload(l(), `${p.url}?bytes=10`, p.trust(l()), 10, 3000)).ok] as const));
    // At eth0's 1500 MSS: the handshake and 10 bytes each way never make a segment the black holes drop.
    expect(results).toEqual(PATHS.map((p) => [p.name, true, true]));
  });

  it("carries ICMP up to each path's link MTU and silently drops above it", async () => {
    const limited = PATHS.filter((p) => p.icmp !== null);
    const got = await Promise.all(limited.map(async (p) => [p.name, (await ping(l(), p.address, p.icmp ?? 0)).ok, (await ping(l(), p.address, (p.icmp ?? 0) + 1)).ok]));
    expect(got).toEqual(limited.map((p) => [p.name, true, false]));
  });

  it("black-holes large TLS on the corporate and tailnet paths at eth0's 1500, not on the internet path", async () => {
    const got = await Promise.all(PATHS.map(async (p) => [p.name, await bigTls(l(), p)]));
    expect(got).toEqual(PATHS.map((p) => [p.name, p.tcp === null]));
  });

  it("carries large TLS at each path's TCP limit and not one byte above it", async () => {
    const limited = PATHS.filter((p) => p.tcp !== null);
    const got = await Promise.all(
      limited.map(async (p) => {
        const at = await withRouteMtu(l(), p.address, p.tcp ?? 0, () => bigTls(l(), p));
        const above = await withRouteMtu(l(), p.address, (p.tcp ?? 0) + 1, () => bigTls(l(), p));
        return [p.name, at, above];
      }),
    );
    expect(got).toEqual(limited.map((p) => [p.name, true, false]));
  });

  it("destroy removes every namespace of the lab, the extra servers' too", async () => {
    const prefix = l().prefix;
    await l().destroy();
    const list = (await execa("ip", ["netns", "list"])).stdout;
    expect(list.split("\n").filter((line) => line.startsWith(`${prefix}-`))).toEqual([]);
  });
});
