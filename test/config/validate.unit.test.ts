import { describe, expect, it } from "vitest";
import { defaultConfig, validateConfig } from "../../src/config/index.js";
import { DEFAULT_POWERSHELL } from "../../src/sources/watcherCommand.js";

function problems(raw: unknown): readonly string[] {
  const result = validateConfig(raw);
  if (result.ok) throw new Error("expected problems, config was valid");
  return result.problems;
}

describe("validateConfig", () => {
  it("resolves an empty file to the documented defaults", () => {
    const c = defaultConfig();
    expect(c.interface).toBe("auto");
    expect(c.baselineMtu).toBe("auto");
    expect(c.probe).toMatchObject({ minMtu: 1280, maxMtu: 1500 });
    expect(c.state.dir).toBe("/var/lib/wsl-vpn-agent");
    expect(c.journal.path).toBe("/var/lib/wsl-vpn-agent/journal.jsonl");
    expect(c.status.socket).toBe("/run/wsl-vpn-agent/status.sock");
    expect(c.windows).toEqual({ watchCommand: null, powershell: DEFAULT_POWERSHELL, vpnPatterns: null });
    expect(c.restoreOnStop).toBe(true);
    expect(c.profiles).toEqual([]);
  });

  it("keeps given values, derives journal.path from state.dir and ignores $schema", () => {
    const result = validateConfig({ $schema: "x", state: { dir: "/srv/a" }, baselineMtu: 1500, profiles: [{ match: "Cisco", mtu: 1300 }], windows: { watchCommand: ["/bin/cat", "a;b"] } });
    expect(result.ok && result.config).toMatchObject({ journal: { path: "/srv/a/journal.jsonl" }, baselineMtu: 1500, profiles: [{ match: "Cisco", mtu: 1300 }], windows: { watchCommand: ["/bin/cat", "a;b"] } });
  });

  it("keeps metrics off by default and takes a .prom textfile; names a file the textfile collector would not read and a too short interval", () => {
    expect(defaultConfig().metrics).toEqual({ textfile: null, intervalMs: 15_000 });
    const ok = validateConfig({ metrics: { textfile: "/var/lib/prometheus/node-exporter/wsl_vpn_agent.prom", intervalMs: 60_000 } });
    expect(ok.ok && ok.config.metrics).toEqual({ textfile: "/var/lib/prometheus/node-exporter/wsl_vpn_agent.prom", intervalMs: 60_000 });
    for (const textfile of ["/var/lib/prometheus/node-exporter/agent.txt", "relative/agent.prom", "/dir/.prom", "/dir/a\nb.prom"]) {
      expect(problems({ metrics: { textfile } })).toEqual([expect.stringMatching(/^metrics\.textfile: expected an absolute path of a file ending in \.prom/)]);
    }
    expect(problems({ metrics: { intervalMs: 10 } })).toEqual(["metrics.intervalMs: expected an integer from 1000 to 3600000, got 10"]);
  });

  it("rejects a top level that is not an object", () => {
    expect(problems([])).toEqual(["(top level): expected a JSON object, got an array"]);
  });

  it("names unknown keys, at any depth, with a hint for near misses", () => {
    expect(problems({ interfce: "eth0", probe: { maxMTU: 1400 }, bogus: 1 })).toEqual([
      'interfce: unknown key (did you mean "interface"?)',
      'probe.maxMTU: unknown key (did you mean "probe.maxMtu"?)',
      "bogus: unknown key",
    ]);
  });

  it("names wrong types with what was expected", () => {
    expect(problems({ restoreOnStop: "yes", settle: [], verify: { timeoutMs: "10" }, windows: { vpnPatterns: ["ok", 3] } })).toEqual([
      'restoreOnStop: expected true or false, got "yes"',
      "settle: expected an object with keys quietMs, maxWaitMs, got an array",
      'verify.timeoutMs: expected an integer from 100 to 120000, got "10"',
      "windows.vpnPatterns[1]: must be a string, got 3",
    ]);
  });

  it("rejects out-of-range values and bad shapes", () => {
    expect(problems({ probe: { minMtu: 500, maxMtu: 9001, parallel: 1.5 }, baselineMtu: "max", interface: "a-name-longer-than-15", windows: { watchCommand: [] }, profiles: [{ match: "", mtu: 1300, extra: 1 }] })).toEqual([
      "probe.minMtu: expected an integer from 576 to 9000, got 500",
      "probe.maxMtu: expected an integer from 576 to 9000, got 9001",
      "probe.parallel: expected an integer from 1 to 64, got 1.5",
      'baselineMtu: expected "auto" or an integer from 576 to 9000, got "max"',
      `interface: expected "auto" or a Linux interface name (1-15 bytes, no '/', ':', whitespace or control characters), got "a-name-longer-than-15"`,
      "windows.watchCommand: expected a non-empty array of non-blank strings without NUL, or null, got an empty array",
      "profiles[0].extra: unknown key (expected only match, mtu, url)",
      "profiles[0].match: expected a non-empty string, got \"\"",
    ]);
  });

  it("checks constraints between keys", () => {
    expect(
      problems({ probe: { minMtu: 1400, maxMtu: 1300, parallel: 20, slots: 10 }, settle: { quietMs: 6000 }, verify: { caFile: "/ca.pem", insecure: true }, retry: { baseMs: 10_000, maxMs: 1000 } }),
    ).toEqual([
      "probe.minMtu: expected at most probe.maxMtu (1300), got 1400",
      "settle.quietMs: expected at most settle.maxWaitMs (5000), got 6000",
      "retry.baseMs: expected at most retry.maxMs (1000), got 10000",
      "probe.slots: expected at least 2 x probe.parallel (40: a round needs a rule priority per attempt, two per size), got 10",
      "verify.insecure: contradicts verify.caFile: set a CA file to trust, or skip certificate checks, not both",
    ]);
    expect(problems({ profiles: [{ match: "a", mtu: 1300 }, { match: "b", mtu: 1600 }] })).toEqual(["profiles[1].mtu: expected an integer from probe.minMtu 1280 to probe.maxMtu 1500, got 1600"]);
    expect(problems({ probe: { rulePriorityBase: 32_760 } })).toEqual([
      "probe.rulePriorityBase: expected probe.rulePriorityBase + probe.slots - 1 <= 32765 (rules must come before the main table's 32766), got 32887",
    ]);
  });

  it("rejects the VPN patterns the agent would reject: blank, too long, control characters", () => {
    expect(problems({ windows: { vpnPatterns: ["AnyConnect", "  ", "x".repeat(201), "Cisco\u0007", []] } })).toEqual([
      "windows.vpnPatterns[1]: must not be empty or blank (it would match every adapter)",
      "windows.vpnPatterns[2]: longer than 200 characters",
      'windows.vpnPatterns[3]: contains a control character: "Cisco\\u0007"',
      "windows.vpnPatterns[4]: must be a string, got []",
    ]);
    expect(problems({ windows: { vpnPatterns: [] } })).toEqual([
      "windows.vpnPatterns: expected a non-empty array of patterns (non-blank strings of at most 200 characters, no control characters), or null, got an empty array",
    ]);
    expect(validateConfig({ windows: { vpnPatterns: ["x".repeat(200), "Cisco (AnyConnect)"] } }).ok).toBe(true);
  });

  it.each([
    ["https://198.51.100.7:99999/", 'verify.url: port "99999" is not a port number from 1 to 65535'],
    ["https://example.com:0/", 'verify.url: port "0" is not a port number from 1 to 65535'],
    ["https://example.com:44x/", 'verify.url: port "44x" is not a port number from 1 to 65535'],
    ["https://[::1]/", "verify.url: [::1] is an IPv6 literal: the probe is IPv4-only (use an IPv4 address or a host name with an A record)"],
    ["https://[2001:db8::1]:8443/health", "verify.url: [2001:db8::1] is an IPv6 literal: the probe is IPv4-only (use an IPv4 address or a host name with an A record)"],
    ["https://exa mple.com/", 'verify.url: expected an https:// URL, got "https://exa mple.com/"'],
    ["https://a..b%zz/", 'verify.url: not a valid URL: "https://a..b%zz/"'],
    // Credentials would be journaled with the URL: refused, and never echoed.
    ["https://user@intranet.example:65535/", 'verify.url: credentials are not supported (the agent would write them into its journal and logs, and an HTTPS answer needs none; an "@" in a path is %40), got "https://***@intranet.example:65535/"'],
    ["https://u:p/w@host/", 'verify.url: credentials are not supported (the agent would write them into its journal and logs, and an HTTPS answer needs none; an "@" in a path is %40), got "https://***@host/"'],
  ])("rejects verify.url %s as the probe would", (url, problem) => {
    expect(problems({ verify: { url } })).toEqual([problem]);
  });

  it.each(["https://github.com", "https://198.51.100.7:8443/health?x=1", "https://intranet.example:65535/a%40b"])("accepts verify.url %s", (url) => {
    expect(validateConfig({ verify: { url } }).ok).toBe(true);
  });

  it.each([
    ["http://proxy.corp.example", 'verify.proxy: expected "http://host:port" with an explicit port, got "http://proxy.corp.example"'],
    ["https://proxy:443", 'verify.proxy: expected an http:// proxy (the agent speaks plain HTTP CONNECT to it; https:// proxies are not supported), got "https://proxy:443"'],
    ["http://bob:pw@proxy:3128", 'verify.proxy: proxy credentials are not supported (the agent would write them into its journal and logs), got "http://***@proxy:3128"'],
    [3128, "verify.proxy: expected \"http://host:port\" (an IPv4 address or host name, an explicit port, no credentials), or null, got 3128"],
  ])("rejects verify.proxy %j naming the key", (proxy, problem) => {
    expect(problems({ verify: { proxy } })).toEqual([problem]);
  });

  it.each([null, "http://198.19.0.3:3128", "http://proxy.corp.example:8080/"])("accepts verify.proxy %j", (proxy) => {
    expect(validateConfig({ verify: { proxy } }).ok).toBe(true);
  });

  it("requires absolute paths and an https URL", () => {
    expect(problems({ state: { dir: "var/lib" }, windows: { powershell: "powershell.exe" }, verify: { url: "http://example.com", caFile: "ca.pem" } })).toEqual([
      'state.dir: expected an absolute path (no control characters), got "var/lib"',
      'windows.powershell: expected an absolute path (no control characters), got "powershell.exe"',
      'verify.url: expected an https:// URL, got "http://example.com"',
      'verify.caFile: expected an absolute path (no control characters), or null, got "ca.pem"',
    ]);
  });
});
