import { execa } from "execa";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseProbeFlags, probeExitCode } from "../../src/cli/commands/probe.js";
import { mayChangeRouting } from "../../src/cli/routingAccess.js";
import { UsageError } from "../../src/errors.js";
import type { ApplyReport } from "../../src/runtime/applyOnce.js";
import type { ProbeFailureKind, ProbeOutcome } from "../../src/probe/index.js";
import { cliPath, runCliProcess } from "../support/cli.js";
import { isRoot } from "../support/root.js";
import { useTmpDir } from "../support/tmp.js";
import { serveStatus } from "../../src/status/server.js";
import { fakeStatusServer } from "../status/fakeStatusServer.js";

const tmp = useTmpDir();

const status = (capEff: string): string => `Name:\tnode\nCapInh:\t0000000000000000\nCapEff:\t${capEff}\n`;

describe("probe: may this process change routing?", () => {
  it.each([
    [0, null, true],
    [0, status("0000000000000000"), true],
    [1000, status("0000000000001000"), true], // CAP_NET_ADMIN (bit 12)
    [1000, status("000001ffffffffff"), true],
    [1000, status("0000000000002000"), false], // CAP_NET_RAW only
    [1000, status("0000000000000000"), false],
    [1000, null, false],
    [undefined, "garbage", false],
  ] as const)("euid %s, %j → %s", (euid, text, expected) => {
    expect(mayChangeRouting(euid, text)).toBe(expected);
  });
});

describe("probe flags", () => {
  it.each([
    [{ url: "https://[::1]/" }, "--url: [::1] is an IPv6 literal: the probe is IPv4-only (use an IPv4 address or a host name with an A record)"],
    [{ url: "https://example.test:99999/" }, '--url: port "99999" is not a port number from 1 to 65535'],
    [{ url: "http://example.test/" }, '--url: expected an https:// URL, got "http://example.test/"'],
    [{ url: "https://example.test/", caFile: "/" }, "--ca-file: / is a directory, expected a PEM file"],
    [{ url: "https://example.test/", caFile: "/nonexistent.pem" }, "--ca-file: no such file /nonexistent.pem"],
  ])("%j is a usage error naming the argument", (flags, message) => {
    expect(() => parseProbeFlags(flags)).toThrow(UsageError);
    expect(() => parseProbeFlags(flags)).toThrow(message);
  });
});

describe("probe exit codes", () => {
  const evidence = { method: "parallel", rounds: 0, durationMs: 1, sizes: [], icmp: null, notes: [] } as const;
  const failed = (kind: ProbeFailureKind, reason: string): ProbeOutcome => ({ ok: false, kind, reason, evidence });
  it.each([
    ["unresolved", "cannot resolve https://nohost.invalid/: getaddrinfo ENOTFOUND nohost.invalid", 69],
    ["unreachable", "target unreachable: cannot connect to 198.51.100.1:443: ECONNREFUSED", 69],
    ["proxyRefused", "proxy 198.18.0.9:3128 answered 407 Proxy Authentication Required", 69],
    ["noRoute", "no route to 198.51.100.1: RTNETLINK answers: Network is unreachable", 1],
    ["badProxy", "https_proxy: not a URL", 1],
    ["linkUnreadable", "cannot read the MTU of eth0: no such device", 1],
    ["sequentialFailed", "sequential probing failed: EPERM", 1],
    ["aborted", "aborted", 1],
    ["noSizeCarried", "no size in 1280..1500 carried TLS to 198.51.100.1:443", 1],
  ] as const)("%s (%s) → %i", (kind, reason, code) => {
    expect(probeExitCode(failed(kind, reason), undefined)).toBe(code);
  });
  it("the exit code follows the kind, not the words of the reason", () => {
    expect(probeExitCode(failed("noSizeCarried", "proxy-like words: target unreachable"), undefined)).toBe(1);
    expect(probeExitCode(failed("unreachable", "no size carried TLS"), undefined)).toBe(69);
  });
  it("a found MTU is 0, unless applying it failed", () => {
    const found: ProbeOutcome = { ok: true, mtu: 1400, iface: "eth0", evidence };
    expect(probeExitCode(found, undefined)).toBe(0);
    const applyFailed = { ok: false, stage: "apply", iface: "eth0", previous: 1500, mtu: 1400, reason: "EPERM" } as ApplyReport;
    expect(probeExitCode(found, applyFailed)).toBe(1);
  });
});

describe("wsl-vpn-agent probe", () => {
  it.each([
    [["--url", "https://[::1]/"], /--url: \[::1\] is an IPv6 literal/],
    [["--url", "https://198.51.100.1/", "--ca-file", "/"], /--ca-file: \/ is a directory/],
  ])("%j: exit 64, one line", async (args, message) => {
    const r = await runCliProcess(["probe", ...args]);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.code).toBe(64);
  });

  // Without root or CAP_NET_ADMIN it stops before probing (as root: run as nobody, which drops both).
  it("without root or CAP_NET_ADMIN: exit 77 before probing", async () => {
    const r = await execa(process.execPath, [cliPath, "probe", "--url", "https://127.0.0.1:9/"], { reject: false, timeout: 30_000, ...(isRoot ? { uid: 65534, gid: 65534 } : {}) });
    expect(String(r.stderr)).toBe("wsl-vpn-agent: probe needs root or CAP_NET_ADMIN (it installs temporary policy routes): run it with sudo");
    expect(r.exitCode).toBe(77);
  });

  it.skipIf(!isRoot)("--apply while an agent answers on the config's status socket: exit 75, nothing probed", async () => {
    const dir = await tmp();
    const socket = join(dir, "status.sock");
    const config = join(dir, "config.json");
    await writeFile(config, JSON.stringify({ status: { socket } }));
    const agent = await serveStatus(socket, () => ({ state: "Applied.steady" }));
    try {
      const r = await runCliProcess(["probe", "--url", "https://127.0.0.1:9/", "--apply", "-c", config]);
      expect(r.stderr).toBe(`wsl-vpn-agent: an agent is running (it answers on ${socket}) and manages the MTU: stop it first, or probe without --apply`);
      expect(r.code).toBe(75);
    } finally {
      await agent.close();
    }
  });

  // A hung agent (SIGSTOPped, say) accepts the connection and never answers: it still owns the interface.
  it.skipIf(!isRoot)("--apply while a hung agent holds the status socket: exit 75 too", async () => {
    const dir = await tmp();
    const socket = join(dir, "status.sock");
    const config = join(dir, "config.json");
    await writeFile(config, JSON.stringify({ status: { socket } }));
    const hung = await fakeStatusServer(socket, () => undefined);
    try {
      const r = await runCliProcess(["probe", "--url", "https://127.0.0.1:9/", "--apply", "-c", config]);
      expect(r.stderr).toMatch(/^wsl-vpn-agent: an agent is running/);
      expect(r.code).toBe(75);
    } finally {
      await hung.close();
    }
  });

  // The host is resolved before any route is touched, so this is safe next to other tests.
  it.skipIf(!isRoot)("an unresolvable host: exit 69 (as a refused connection), with the reason", async () => {
    const r = await runCliProcess(["probe", "--url", "https://nohost.invalid/"]);
    expect(r.stderr).toMatch(/^wsl-vpn-agent: probe failed: cannot resolve https:\/\/nohost\.invalid\/: /);
    expect(r.code).toBe(69);
  });
});
