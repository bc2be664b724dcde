import { describe, expect, it } from "vitest";
import { parseProbeFlags, probeExitCode } from "../../src/cli/commands/probe.js";
import { mayChangeRouting } from "../../src/cli/routingAccess.js";
import { UsageError } from "../../src/errors.js";
import type { ApplyReport } from "../../src/runtime/applyOnce.js";
import type { ProbeFailureKind, ProbeOutcome } from "../../src/probe/index.js";

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
