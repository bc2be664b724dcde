import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCliProcess } from "../support/cli.js";
import { useTmpDir } from "../support/tmp.js";

// Hostile and broken config files (REPRO 12-16): one clear line per problem, exit 78, never a stack.
const tmp = useTmpDir();

async function check(content: string | Buffer) {
  const dir = await tmp();
  const file = join(dir, "config.json");
  await writeFile(file, content);
  const r = await runCliProcess(["config", "check", "-c", file]);
  return { ...r, file, lines: r.stderr.split("\n") };
}

/** No control character except the newlines between lines. */
// eslint-disable-next-line no-control-regex -- control characters are what must not be there
const inert = (text: string): boolean => !/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(text);

describe("config check on hostile files", () => {
  it("a profile list too large for a config file is one line, not a stack overflow", async () => {
    const r = await check(JSON.stringify({ profiles: Array.from({ length: 70_000 }, () => ({ match: "", mtu: 1 })) }));
    expect(r.code).toBe(78);
    expect(r.lines).toEqual([`wsl-vpn-agent: ${r.file}: cannot read config: larger than 1048576 bytes (1 MiB), which no config needs`]);
  });

  it("40,000 bad profiles give the first 50 problems and a count of the rest", async () => {
    const r = await check(JSON.stringify({ profiles: Array.from({ length: 40_000 }, () => ({ match: "", mtu: 1 })) }));
    expect(r.code).toBe(78);
    expect(r.lines).toHaveLength(51);
    expect(r.lines[50]).toBe(`${r.file}: ... and 79950 more problems`);
  });

  it("a deeply nested pattern is described, not stringified", async () => {
    const r = await check(`{"windows":{"vpnPatterns":[${"[".repeat(100_000)}${"]".repeat(100_000)}]}}`);
    expect(r.code).toBe(78);
    expect(r.lines).toEqual([`wsl-vpn-agent: ${r.file}: windows.vpnPatterns[0]: must be a string, got [[[[[…]]]]]`]);
  });

  it("unknown keys are escaped: no terminal sequence, no forged line", async () => {
    const r = await check('{"\\u001b[2J\\u001b[31mEVIL":1,"inter\\nface":"lo"}');
    expect(r.code).toBe(78);
    expect(r.lines).toEqual([`wsl-vpn-agent: ${r.file}: \\x1b[2J\\x1b[31mEVIL: unknown key`, `${r.file}: inter\\nface: unknown key (did you mean "interface"?)`]);
  });

  it("long unknown keys are cut in the message and cost no time", async () => {
    const r = await check(JSON.stringify(Object.fromEntries(Array.from({ length: 5 }, (_, i) => [String(i).repeat(150_000), 1]))));
    expect(r.code).toBe(78);
    expect(r.lines).toHaveLength(5);
    for (const line of r.lines) expect(line.length).toBeLessThan(r.file.length + 120);
  });

  it("keys named like Object.prototype members are unknown keys in a profile", async () => {
    const r = await check('{"profiles":[{"match":"x","mtu":1400,"__proto__":{"mtu":1},"constructor":1,"toString":"y","hasOwnProperty":4}]}');
    expect(r.code).toBe(78);
    for (const key of ["__proto__", "constructor", "toString", "hasOwnProperty"]) expect(r.stderr).toContain(`profiles[0].${key}: unknown key`);
  });

  it("a syntax error is one line with its line and column, the file's text not echoed", async () => {
    const r = await check('{\n  "interface": "lo",\n  "probe": (1)\n}\n');
    expect(r.code).toBe(78);
    expect(r.lines).toEqual([`wsl-vpn-agent: ${r.file}: not valid JSON at line 3, column 12: expected a value, found "("`]);
  });

  it("a UTF-8 byte order mark is accepted", async () => {
    const r = await check('\ufeff{"interface":"lo"}');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).interface).toBe("lo");
  });

  it("bytes that are not UTF-8 are named by line, not silently replaced", async () => {
    const r = await check(Buffer.concat([Buffer.from('{\n"interface":"l'), Buffer.from([0xff]), Buffer.from('o"\n}')]));
    expect(r.code).toBe(78);
    expect(r.lines).toEqual([`wsl-vpn-agent: ${r.file}: line 2 is not valid UTF-8 text (save the file as UTF-8)`]);
  });

  it.each([
    ["a NUL in journal.path", { journal: { path: "/tmp/j\u0000.jsonl" } }, /journal\.path: expected an absolute path \(no control characters\), got "\/tmp\/j\\u0000\.jsonl"/],
    ["a BEL in the interface", { interface: "l\u0007o" }, /interface: expected "auto" or a Linux interface name .*, got "l\\u0007o"/],
    ["a NUL in the interface", { interface: "l\u0000o" }, /interface: expected "auto" or a Linux interface name/],
    ["an interface of 16 bytes in 8 characters", { interface: "éééééééé" }, /interface: expected "auto" or a Linux interface name \(1-15 bytes/],
    ["a NUL in verify.caFile", { verify: { caFile: "/etc/ca\u0000.pem" } }, /verify\.caFile: expected an absolute path \(no control characters\), or null/],
    ["a NUL in the watch command", { windows: { watchCommand: ["/bin/echo", "a\u0000b"] } }, /windows\.watchCommand\[1\]: expected a non-blank string without NUL/],
    ["a status socket of 75 characters and 135 bytes", { status: { socket: `/tmp/${"é".repeat(65)}` } }, /status\.socket: expected an absolute path of at most 107 bytes/],
  ])("%s is refused by config check, before run would fail on it", async (_, config, message) => {
    const r = await check(JSON.stringify(config));
    expect(r.code).toBe(78);
    expect(r.lines).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(inert(r.stderr)).toBe(true);
  });
});

describe("config files that cannot be read", () => {
  it("/dev/zero is read up to the limit, not forever", async () => {
    const r = await runCliProcess(["config", "check", "-c", "/dev/zero"]);
    expect(r.code).toBe(78);
    expect(r.stderr).toBe("wsl-vpn-agent: /dev/zero: cannot read config: larger than 1048576 bytes (1 MiB), which no config needs");
  });

  it.each([
    ["a directory", (dir: string) => Promise.resolve(dir), "it is a directory, not a file"],
    ["a missing file", (dir: string) => Promise.resolve(join(dir, "nope.json")), "no such file"],
    ["a path through a file", async (dir: string) => (await writeFile(join(dir, "f"), "{}"), join(dir, "f", "config.json")), "a part of its path is not a directory"],
  ])("%s is named in a sentence, not as an errno", async (_, path, reason) => {
    const dir = await tmp();
    await mkdir(dir, { recursive: true });
    const file = await path(dir);
    const r = await runCliProcess(["config", "check", "-c", file]);
    expect(r.code).toBe(78);
    expect(r.stderr).toBe(`wsl-vpn-agent: ${file}: cannot read config: ${reason}`);
  });
});
