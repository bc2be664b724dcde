import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { cliPath as cli } from "../support/cli.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Spawns the bundled CLI as users run it (built once per run by the vitest global setup).
let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "wva-config-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function check(content: string) {
  const file = join(dir, `c${Math.abs(hash(content))}.json`);
  await writeFile(file, content);
  const r = await execa(process.execPath, [cli, "config", "check", "--config", file], { reject: false });
  return { ...r, file, lines: r.stderr.replace(/^wsl-vpn-agent: /, "").split("\n") };
}

function hash(s: string): number {
  let h = 0;
  for (const ch of s) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return h;
}

describe("wsl-vpn-agent config check", () => {
  it("prints the effective config of a valid file and exits 0", async () => {
    const r = await check('{"interface": "eth1", "probe": {"maxMtu": 1450}}');
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ interface: "eth1", probe: { minMtu: 1280, maxMtu: 1450 } });
  });

  it.each([
    ["not JSON", '{\n  "interface": "eth0",\n}\n', [/not valid JSON at line 3, column 1/]],
    ["empty file", "", [/not valid JSON/]],
    ["unknown key", '{"probe": {"maxMtuu": 1400}}', [/probe\.maxMtuu: unknown key \(did you mean "probe\.maxMtu"\?\)/]],
    ["wrong type", '{"restoreOnStop": "no"}', [/restoreOnStop: expected true or false, got "no"/]],
    ["out of range", '{"probe": {"minMtu": 100}}', [/probe\.minMtu: expected an integer from 576 to 9000, got 100/]],
    ["contradiction", '{"verify": {"caFile": "/ca.pem", "insecure": true}}', [/verify\.insecure: contradicts verify\.caFile/]],
    [
      "several problems",
      '{"x": 1, "settle": {"quietMs": -1}, "windows": {"watchCommand": []}, "profiles": [{"match": "a"}]}',
      [/x: unknown key/, /settle\.quietMs: expected an integer from 0 to 60000, got -1/, /windows\.watchCommand: expected a non-empty array/, /profiles\[0\]: expected "mtu", "url" or both/],
    ],
  ])("%s: exit 78, one line per problem, no stack trace", async (_name, content, expected) => {
    const r = await check(content);
    expect(r.exitCode).toBe(78);
    expect(r.stdout).toBe("");
    expect(r.lines).toHaveLength(expected.length);
    expected.forEach((re, i) => {
      expect(r.lines[i]).toMatch(re);
      expect(r.lines[i]?.startsWith(`${r.file}: `)).toBe(true);
    });
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ["a VPN pattern with a control character", '{"windows": {"vpnPatterns": ["Cisco\\u0007"]}}', /windows\.vpnPatterns\[0\]: contains a control character/],
    ["a VPN pattern run would reject as too long", `{"windows": {"vpnPatterns": ["${"x".repeat(201)}"]}}`, /windows\.vpnPatterns\[0\]: longer than 200 characters/],
    ["a verify.url port out of range", '{"verify": {"url": "https://example.com:99999/"}}', /verify\.url: port "99999" is not a port number from 1 to 65535/],
    ["a verify.url with an IPv6 literal", '{"verify": {"url": "https://[::1]/"}}', /verify\.url: \[::1\] is an IPv6 literal: the probe is IPv4-only/],
    // Credentials are refused and masked, whatever else is wrong with the URL (no scheme here).
    ["a verify.proxy with credentials and no scheme", '{"verify": {"proxy": "user:s3cr3t@198.18.200.1:3128"}}', /verify\.proxy: proxy credentials are not supported \(.*\), got "\*\*\*@198\.18\.200\.1:3128"$/],
    ["a verify.url with credentials", '{"verify": {"url": "https://user:s3cr3t@198.18.200.1/"}}', /verify\.url: credentials are not supported \(.*\), got "https:\/\/\*\*\*@198\.18\.200\.1\/"$/],
    ["a verify.caFile that does not exist", '{"verify": {"caFile": "/nonexistent/ca.pem"}}', /verify\.caFile: no such file \/nonexistent\/ca\.pem$/],
    ["a verify.caFile that is a directory", '{"verify": {"caFile": "/"}}', /verify\.caFile: \/ is a directory, expected a PEM file$/],
  ])("%s: exit 78 here, as in run", async (_name, content, expected) => {
    const r = await check(content);
    expect(r.exitCode).toBe(78);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(expected);
    expect(r.lines[0]?.startsWith(`${r.file}: `)).toBe(true);
  });

  it("a verify.caFile that exists is accepted", async () => {
    const ca = join(dir, "ca.pem");
    await writeFile(ca, "-----BEGIN CERTIFICATE-----\n");
    const r = await check(JSON.stringify({ verify: { caFile: ca } }));
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ verify: { caFile: ca } });
  });

  it("a missing --config file is an error (78)", async () => {
    const r = await execa(process.execPath, [cli, "config", "check", "--config", join(dir, "absent.json")], { reject: false });
    expect(r.exitCode).toBe(78);
    expect(r.stderr).toMatch(/absent\.json: cannot read config: no such file/);
  });
});
